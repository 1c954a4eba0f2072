// A minimal WebDriver BiDi client for Firefox: launch, one session, commands and events.
// Playwright's `firefox` needs its own patched build, so this drives Debian's firefox-esr directly.
// Node 20 has WebSocket behind `--experimental-websocket` (on by default from Node 22).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The browser used: Debian's package, or FIREFOX_PATH. */
export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A running Firefox with a BiDi session. */
export interface Firefox {
	/** The browser's version, as the BiDi session reports it. */
	version: string;
	send: <T = Record<string, unknown>>(method: string, params?: Record<string, unknown>) => Promise<T>;
	/** Every line Firefox printed, stdout and stderr, including extension console messages. */
	output: string[];
	/** Every BiDi log entry seen, as `level: text`. */
	log: string[];
	/** Stops Firefox; `beforeRemoving` sees its profile folder on disk before it is deleted. */
	close: (beforeRemoving?: (profile: string) => Promise<void>) => Promise<void>;
	/** Quits Firefox the way its menu does (BiDi `browser.close`), leaving the profile on disk for the next launch. */
	quit: () => Promise<void>;
}

/** Prefs for a quiet, offline test profile that echoes every console message to stdout. */
function userPrefs(extraPrefs: Record<string, string | number | boolean>): string {
	const prefs: Record<string, string | number | boolean> = {
		'browser.shell.checkDefaultBrowser': false,
		'browser.startup.homepage_override.mstone': 'ignore',
		'datareporting.policy.dataSubmissionEnabled': false,
		'app.update.disabledForTesting': true,
		'browser.dom.window.dump.enabled': true,
		'devtools.console.stdout.chrome': true,
		'devtools.console.stdout.content': true,
		...extraPrefs,
	};
	return Object.entries(prefs)
		.map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`)
		.join('');
}

/** Resolves with the BiDi address once Firefox prints it, or rejects if Firefox exits first. */
function bidiAddress(child: ChildProcess, output: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`Firefox printed no BiDi address:\n${output.join('\n')}`)), 30_000);
		const onData = (chunk: Buffer) => {
			for (const line of chunk.toString('utf8').split('\n')) {
				if (line.trim()) output.push(line);
				const found = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
				if (found?.[1]) {
					clearTimeout(timer);
					resolve(found[1]);
				}
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => reject(new Error(`Firefox exited with ${code}:\n${output.join('\n')}`)));
	});
}

/** Opens the socket and returns a `send` that pairs each command with its answer. */
async function connect(address: string, log: string[]): Promise<{ socket: WebSocket; send: Firefox['send'] }> {
	const socket = new WebSocket(`${address}/session`);
	await new Promise((resolve, reject) => {
		socket.addEventListener('open', resolve, { once: true });
		socket.addEventListener('error', () => reject(new Error(`no BiDi connection to ${address}`)), { once: true });
	});
	const pending = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void; method: string }>();
	let nextId = 1;
	socket.addEventListener('message', (event) => {
		const message = JSON.parse(String(event.data));
		if (message.type === 'event' && message.method === 'log.entryAdded') {
			log.push(`${message.params.level}: ${message.params.text}`);
			return;
		}
		const waiter = pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.type === 'error') waiter.reject(new Error(`${waiter.method}: ${message.error}: ${message.message}`));
		else waiter.resolve(message.result as never);
	});
	const send: Firefox['send'] = (method, params = {}) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve: resolve as (value: never) => void, reject, method });
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { socket, send };
}

/** Prefs that let a local client attach to Firefox's own debugger server without a prompt. */
const debuggerPrefs = {
	'devtools.debugger.remote-enabled': true,
	'devtools.debugger.prompt-connection': false,
	'devtools.chrome.enabled': true,
};

/**
 * Starts headless Firefox on a fresh profile with the given prefs, and opens a BiDi session.
 * With a `debuggerPort`, Firefox's own debugger server listens there too (see rdp.ts).
 */
export async function launchFirefox(
	prefs: Record<string, string | number | boolean> = {},
	debuggerPort?: number,
	place: { profile?: string; display?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Firefox> {
	const profile = place.profile ?? (await mkdtemp(join(tmpdir(), 'mfa-session-firefox-')));
	await writeFile(join(profile, 'user.js'), userPrefs({ ...(debuggerPort ? debuggerPrefs : {}), ...prefs }));
	const debuggerArgs = debuggerPort ? ['-start-debugger-server', String(debuggerPort)] : [];
	// On a display of its own (Xvfb) Firefox has a real window, keyboard and X clipboard; otherwise it runs headless.
	const screen = place.display ? [] : ['-headless'];
	const child = spawn(firefoxPath, [...screen, '-no-remote', '-profile', profile, '--remote-debugging-port', '0', ...debuggerArgs], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...(place.env ?? process.env), ...(place.display ? { DISPLAY: place.display } : {}) },
	});
	const output: string[] = [];
	const log: string[] = [];
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const { socket, send } = await connect(await bidiAddress(child, output), log);
	const session = await send<{ capabilities: { browserVersion: string } }>('session.new', { capabilities: {} });
	await send('session.subscribe', { events: ['log.entryAdded'] });
	return {
		version: session.capabilities.browserVersion,
		send,
		output,
		log,
		quit: async () => {
			// Firefox may close the connection before it answers: the exit is what counts.
			await Promise.race([send('browser.close').catch(() => undefined), exited]);
			socket.close();
			const timer = setTimeout(() => child.kill(), 20_000);
			await exited;
			clearTimeout(timer);
		},
		close: async (beforeRemoving) => {
			// A closed socket drops what is sent without an answer, so only a running Firefox is asked.
			if (child.exitCode === null && child.signalCode === null) await send('session.end').catch(() => undefined);
			socket.close();
			child.kill();
			await exited;
			try {
				await beforeRemoving?.(profile);
			} finally {
				await rm(profile, { recursive: true, force: true });
			}
		},
	};
}
