// A private X display for the tests that need real keystrokes: Xvfb for the screen, xdotool for
// the keys, xclip to read the clipboard the way any desktop program would.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';

const run = promisify(execFile);

export interface Display {
	name: string;
	/** Presses a key combination (xdotool syntax, e.g. `alt+shift+m`) in the focused window. */
	press(keys: string): Promise<void>;
	/** Types text into the focused window, key by key. */
	type(text: string): Promise<void>;
	/** Moves the pointer to this point of the screen and clicks there, as a person's mouse does. */
	click(x: number, y: number): Promise<void>;
	/** Focuses the first visible window whose class matches (there is no window manager to raise it). */
	focusWindow(windowClass: string): Promise<void>;
	/** The clipboard's text as other programs see it. */
	clipboard(): Promise<string>;
	/** Puts text on the clipboard, as another program would. */
	setClipboard(text: string): Promise<void>;
	close(): Promise<void>;
}

/** Starts Xvfb on a display number the server itself picks and reports (`-displayfd`), so two test workers never share one. */
export async function startDisplay(): Promise<Display> {
	const server: ChildProcess = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
		stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
	});
	const name = await new Promise<string>((resolve, reject) => {
		let reported = '';
		let errors = '';
		const fail = (why: string) => {
			clearTimeout(timer);
			server.kill();
			reject(new Error(`Xvfb did not start: ${why}${errors ? `\n${errors}` : ''}`));
		};
		const timer = setTimeout(() => fail('no display number within 10 s'), 10_000);
		server.stdio[2]?.on('data', (chunk: Buffer) => {
			errors += chunk.toString();
		});
		server.stdio[3]?.on('data', (chunk: Buffer) => {
			reported += chunk.toString();
			// Xvfb writes the number once it accepts connections, followed by a newline.
			const number = /^(\d+)\n/.exec(reported)?.[1];
			if (number === undefined) return;
			clearTimeout(timer);
			resolve(`:${number}`);
		});
		server.once('error', (error) => fail(error.message));
		server.once('exit', (code, signal) => fail(`it exited (${signal ?? code})`));
	});
	server.removeAllListeners('exit');
	const env = { ...process.env, DISPLAY: name };
	return {
		name,
		press: async (keys) => {
			await run('xdotool', ['key', '--clearmodifiers', keys], { env });
		},
		type: async (text) => {
			await run('xdotool', ['type', '--delay', '40', text], { env });
		},
		click: async (x, y) => {
			// No --sync: it waits for the pointer to move, forever when it is already there.
			await run('xdotool', ['mousemove', String(x), String(y), 'click', '1'], { env });
		},
		focusWindow: async (windowClass) => {
			await run('xdotool', ['search', '--sync', '--onlyvisible', '--class', windowClass, 'windowfocus', '--sync'], {
				env,
				timeout: 10_000,
			});
		},
		clipboard: async () => {
			try {
				return (await run('xclip', ['-selection', 'clipboard', '-o'], { env, timeout: 5_000 })).stdout;
			} catch (error) {
				// An emptied clipboard offers no text at all, which xclip reports as an error.
				if (/target \S+ not available/i.test(String((error as { stderr?: string }).stderr))) return '';
				throw error;
			}
		},
		setClipboard: async (text) => {
			// xclip stays behind to serve the selection until another program takes it.
			const owner = spawn('xclip', ['-selection', 'clipboard', '-i'], { env, stdio: ['pipe', 'ignore', 'ignore'], detached: true });
			owner.stdin?.end(text);
			owner.unref();
			await new Promise((resolve) => setTimeout(resolve, 200));
		},
		close: async () => {
			// A server that already exited sends no more 'exit' events: waiting for one would hang.
			if (server.exitCode !== null || server.signalCode !== null) return;
			const exited = new Promise((resolve) => server.once('exit', resolve));
			server.kill();
			await exited;
		},
	};
}

/**
 * Asks for a permission (`ask` does what the person does), then answers the browser's own prompt from
 * the keyboard: `allow` moves to its Allow button, `decline` keeps its default button. Waits for states,
 * not for the clock: the prompt holding the keyboard, then the prompt gone and `granted` settled. The
 * prompt takes the keyboard before it focuses its default button, which nothing outside the browser can
 * see; a Tab that comes too early is lost and Return declines, which `granted` shows. Then the person
 * asks again and lets the prompt settle a little longer each time: a wrong answer never passes.
 */
export async function answerPrompt(
	display: Display,
	page: Page,
	answer: 'allow' | 'decline',
	steps: { ask: () => Promise<void>; granted: () => Promise<boolean> },
): Promise<void> {
	// Playwright makes every page believe it has focus, so the page records the keys it really gets.
	await page.evaluate(() => {
		const keys: string[] = [];
		(globalThis as { keysSeen?: string[] }).keysSeen = keys;
		addEventListener('keydown', (event) => keys.push((event as KeyboardEvent).key), true);
	});
	// Shift alone does nothing in the page or the prompt; the page sees it only while it has the keyboard.
	const pageHasKeyboard = async () => {
		const count = () => page.evaluate(() => (globalThis as { keysSeen?: string[] }).keysSeen?.length ?? 0);
		const before = await count();
		await display.press('shift');
		return (await count()) > before;
	};
	for (let attempt = 1; ; attempt += 1) {
		await steps.ask();
		const waitFor = { timeout: 10_000, intervals: [100] };
		await expect.poll(pageHasKeyboard, { ...waitFor, message: 'the permission prompt to take the keyboard' }).toBe(false);
		if (answer === 'allow') {
			await page.waitForTimeout([0, 250, 750, 1_500][attempt - 1] ?? 1_500);
			await display.press('Tab');
		}
		await display.press('Return');
		await expect.poll(pageHasKeyboard, { ...waitFor, message: 'the permission prompt to close' }).toBe(true);
		if (answer === 'decline') {
			expect(await steps.granted(), 'permission after declining').toBe(false);
			return;
		}
		// The grant lands just after the prompt closes; a decline leaves nothing to wait for.
		if (
			await expect
				.poll(steps.granted, { timeout: 3_000 })
				.toBe(true)
				.then(
					() => true,
					() => false,
				)
		)
			return;
		if (attempt === 4) throw new Error('the permission prompt declined 4 times: the Tab never reached its Allow button');
	}
}
