// For tests and the benchmark: starts the built helper the way a browser does (stdin/stdout native
// messaging, the caller's origin as argument) in a private home, and talks to it.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeFrame, frameDecoder } from '../../src/helper/framing';

/** The built helper; `npm run build` (or `node scripts/build-helper.mjs`) makes it. */
export const helperScript = resolve(import.meta.dirname, '..', '..', 'dist-helper', 'helper.cjs');

/** A private home, credentials file and runtime folder for one test. */
export async function privateHome(): Promise<{ home: string; credentialsFile: string; env: NodeJS.ProcessEnv }> {
	if (!existsSync(helperScript)) throw new Error(`${helperScript} is missing: run npm run build first`);
	const home = await mkdtemp(join(tmpdir(), 'mfa-session-home-'));
	const credentialsFile = join(home, '.aws', 'credentials');
	// A runtime folder as a login session has it: there, this user's own, closed to others.
	const runtime = join(home, 'run');
	await mkdir(runtime, { mode: 0o700 });
	const env = { ...process.env, HOME: home, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, XDG_RUNTIME_DIR: runtime };
	return { home, credentialsFile, env };
}

export interface RunningHost {
	child: ChildProcess;
	/** Every message the host sent, in order. */
	received: unknown[];
	/** Sends a value as one frame, or raw bytes as they are. */
	send: (message: unknown) => void;
	/** Waits for the first message (after those already seen) that matches. */
	next: (match: (message: Record<string, unknown>) => boolean, what: string, timeoutMs?: number) => Promise<Record<string, unknown>>;
	stop: () => Promise<void>;
}

/** Starts the host as Chromium would, with the given environment (and the built helper, or a copy of it). */
export function startHost(env: NodeJS.ProcessEnv, script = helperScript): RunningHost {
	const child = spawn(process.execPath, [script, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'], {
		env,
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	const received: unknown[] = [];
	const listeners = new Set<() => void>();
	child.stdout?.on(
		'data',
		frameDecoder((frame) => {
			received.push(frame.ok ? frame.value : { frameError: frame.error });
			for (const listener of listeners) listener();
		}, 1024 * 1024),
	);
	let seen = 0;
	const next: RunningHost['next'] = (match, what, timeoutMs = 5_000) =>
		new Promise((done, failed) => {
			const check = () => {
				while (seen < received.length) {
					const message = received[seen++] as Record<string, unknown>;
					if (match(message)) {
						listeners.delete(check);
						clearTimeout(timer);
						done(message);
						return;
					}
				}
			};
			const timer = setTimeout(() => {
				listeners.delete(check);
				failed(new Error(`no ${what} from the helper within ${timeoutMs} ms; got ${JSON.stringify(received.slice(-3))}`));
			}, timeoutMs);
			listeners.add(check);
			check();
		});
	return {
		child,
		received,
		send: (message) => child.stdin?.write(Buffer.isBuffer(message) ? message : encodeFrame(message)),
		next,
		stop: () =>
			new Promise((done) => {
				if (child.exitCode !== null || child.signalCode !== null) return done();
				child.once('exit', () => done());
				child.stdin?.end();
			}),
	};
}

/** Runs a helper command to its end (the Node build, or the executable given): exit code, stdout, stderr and how long it took. */
export function runHelper(
	args: readonly string[],
	env: NodeJS.ProcessEnv,
	executable?: string,
): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
	const started = performance.now();
	const [program, argv] = executable ? [executable, args] : [process.execPath, [helperScript, ...args]];
	return new Promise((done) => {
		execFile(program, argv, { env, timeout: 120_000 }, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
			done({ code, stdout, stderr, ms: performance.now() - started });
		});
	});
}
