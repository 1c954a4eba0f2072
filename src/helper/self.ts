// Where the running helper is. Built with `bun build --compile` (scripts/build-helper-executable.ts)
// it is one executable, `process.execPath`, with its files inside it (Bun's embedded /$bunfs); run
// by Node from a checkout it is dist-helper/helper.cjs, which the browser starts through a launcher.
// `import.meta.url` is no help in the executable: Bun bakes the build machine's source path into it.
import { dirname, join, resolve } from 'node:path';

/**
 * Replaced by `true` by the executable build's `--define`, absent (so false) everywhere else. Each
 * use tests it in place, so the minifier drops the other branch.
 */
declare const MFA_SESSION_EXECUTABLE: boolean | undefined;

/** Whether this is the compiled executable rather than the Node build. */
export function isExecutable(): boolean {
	return typeof MFA_SESSION_EXECUTABLE !== 'undefined' && MFA_SESSION_EXECUTABLE;
}

/** The running program: the executable itself, or the script Node was started with. */
export function selfPath(): string {
	return isExecutable() ? process.execPath : resolve(process.argv[1] ?? '');
}

/** A file shipped with the helper: embedded in the executable (`--asset`), else beside the script. */
export function bundledFile(name: string): string {
	if (isExecutable()) return join(dirname((globalThis as { Bun?: { main: string } }).Bun?.main ?? ''), name);
	return join(dirname(selfPath()), name);
}

/** The launcher beside the Node build: the absolute Node path, then the script, then the arguments. */
export function launcherPath(helperScript: string, platform = process.platform): string {
	return join(dirname(helperScript), platform === 'win32' ? 'mfa-session-helper.cmd' : 'mfa-session-helper');
}

/** What a browser or a person runs to start this helper: the executable, or the Node build's launcher. */
export function commandPath(): string {
	return isExecutable() ? selfPath() : launcherPath(selfPath());
}
