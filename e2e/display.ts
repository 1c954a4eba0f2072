// A private X display for the tests that need real keystrokes: Xvfb for the screen, xdotool for
// the keys, xclip to read the clipboard the way any desktop program would.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Display {
	name: string;
	/** Presses a key combination (xdotool syntax, e.g. `alt+shift+m`) in the focused window. */
	press(keys: string): Promise<void>;
	/** Types text into the focused window, key by key. */
	type(text: string): Promise<void>;
	/** Focuses the first visible window whose class matches (there is no window manager to raise it). */
	focusWindow(windowClass: string): Promise<void>;
	/** The clipboard's text as other programs see it. */
	clipboard(): Promise<string>;
	/** Puts text on the clipboard, as another program would. */
	setClipboard(text: string): Promise<void>;
	close(): Promise<void>;
}

/** Starts Xvfb on the first free display number from 90. */
export async function startDisplay(): Promise<Display> {
	let number = 90;
	while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number += 1;
	const name = `:${number}`;
	const server: ChildProcess = spawn('Xvfb', [name, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
	for (let waited = 0; !existsSync(`/tmp/.X11-unix/X${number}`); waited += 50) {
		if (waited > 10_000 || server.exitCode !== null) throw new Error(`Xvfb did not start on ${name}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const env = { ...process.env, DISPLAY: name };
	return {
		name,
		press: async (keys) => {
			await run('xdotool', ['key', '--clearmodifiers', keys], { env });
		},
		type: async (text) => {
			await run('xdotool', ['type', '--delay', '40', text], { env });
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
			server.kill();
			await new Promise((resolve) => server.once('exit', resolve));
		},
	};
}
