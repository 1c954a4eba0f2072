// Where the helper writes and listens. The browser starts the host with its own environment, so
// AWS_SHARED_CREDENTIALS_FILE and XDG_RUNTIME_DIR are read as the browser has them.
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** The credentials file every AWS tool reads: `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. */
export function credentialsFilePath(env: NodeJS.ProcessEnv = process.env): string {
	const named = env.AWS_SHARED_CREDENTIALS_FILE;
	if (named) return resolve(named.startsWith('~/') ? join(homedir(), named.slice(2)) : named);
	return join(homedir(), '.aws', 'credentials');
}

/**
 * Why XDG_RUNTIME_DIR is not used for the channel, when it is set: it must be this user's own
 * folder, closed to everyone else. Undefined when it is used, or not set at all.
 */
export function runtimeDirRefusal(env: NodeJS.ProcessEnv = process.env): string | undefined {
	const runtime = env.XDG_RUNTIME_DIR;
	if (!runtime) return undefined;
	if (!isAbsolute(runtime)) return `XDG_RUNTIME_DIR (${runtime}) is not an absolute path`;
	try {
		checkPrivateFolder(runtime);
		return undefined;
	} catch (error) {
		return `XDG_RUNTIME_DIR: ${error instanceof Error ? error.message : String(error)}`;
	}
}

/**
 * The folder of the local channel: only this user may enter it. In XDG_RUNTIME_DIR when that is the
 * user's own private folder; else under the home folder, never in a shared one such as /tmp, where
 * another user could make the folder first and so keep the helper from serving.
 */
export function channelFolder(env: NodeJS.ProcessEnv = process.env): string {
	const runtime = env.XDG_RUNTIME_DIR;
	if (runtime && runtimeDirRefusal(env) === undefined) return join(runtime, 'mfa-session');
	return join(env.HOME || homedir(), '.mfa-session');
}

/** The socket `credentials` and `status` connect to. */
export function socketPath(env: NodeJS.ProcessEnv = process.env): string {
	return join(channelFolder(env), 'helper.sock');
}

/**
 * Creates the channel folder with mode 0700 and checks it really is ours and private: a folder
 * someone else made first (a shared /tmp) or left open to others is refused, never used.
 */
export function ensurePrivateFolder(folder: string): void {
	mkdirSync(folder, { recursive: true, mode: 0o700 });
	checkPrivateFolder(folder);
}

/** Throws unless the folder is a real directory owned by this user with no access for anyone else. */
export function checkPrivateFolder(folder: string): void {
	let stat: ReturnType<typeof lstatSync>;
	try {
		stat = lstatSync(folder);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${folder} does not exist`);
		throw error;
	}
	const uid = process.getuid?.();
	if (!stat.isDirectory()) throw new Error(`${folder} is not a folder`);
	if (uid !== undefined && stat.uid !== uid) throw new Error(`${folder} belongs to another user`);
	if ((stat.mode & 0o077) !== 0) throw new Error(`${folder} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`);
}

/** The folder of the pipe channel's secret and the pipe's name (pipe-channel.ts). */
export function pipeFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
	if (platform !== 'win32') return channelFolder(env);
	return join(env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'MFA Session');
}

/** The file naming the pipe the running host listens at; the host writes it once it listens. */
export function pipeNameFile(env: NodeJS.ProcessEnv = process.env): string {
	return join(pipeFolder(env), 'pipe-name');
}
