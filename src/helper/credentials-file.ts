// Writing the credentials file so that at every instant it is a whole file: under a lock, through
// a private temp file in the same folder, flushed, then renamed over the old one.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, readlink, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { SectionEdit } from './ini-section';

const lockWaitMs = 5_000;
const staleLockMs = 10_000;
/** A writer names itself in its lock at once: a lock still empty after this long was left by one killed in between. */
const unnamedLockMs = 1_000;
const attempts = 5;

/** The file to edit: a symlink is followed (even a dangling one), so the link itself stays. */
async function target(path: string): Promise<string> {
	try {
		return await realpath(path);
	} catch {
		try {
			return resolve(dirname(path), await readlink(path));
		} catch {
			return path;
		}
	}
}

async function bytesOrNone(path: string): Promise<Buffer> {
	try {
		return await readFile(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
		throw error;
	}
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The file's bytes as text to edit: UTF-8 when they are UTF-8 (as the AWS tools read it), else one
 * character per byte. INI syntax is ASCII and the helper writes ASCII only, so either way every
 * byte outside the section comes back as it was, a byte that is not UTF-8 included.
 */
function decode(bytes: Buffer): { text: string; encoding: 'utf8' | 'latin1' } {
	try {
		return { text: strictUtf8.decode(bytes), encoding: 'utf8' };
	} catch {
		return { text: bytes.toString('latin1'), encoding: 'latin1' };
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock file next to the target; a lock left by a dead process, or very old, is broken. */
async function lock(lockPath: string): Promise<() => Promise<void>> {
	const deadline = Date.now() + lockWaitMs;
	for (;;) {
		try {
			const handle = await open(lockPath, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
			await handle.writeFile(String(process.pid));
			await handle.close();
			return () => unlink(lockPath).catch(() => undefined);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = Number.parseInt((await bytesOrNone(lockPath)).toString('latin1'), 10);
		const age =
			Date.now() -
			(await stat(lockPath).then(
				(info) => info.mtimeMs,
				() => Date.now(),
			));
		const named = Number.isSafeInteger(holder) && holder > 0;
		const stale = (named && !isAlive(holder)) || (!named && age > unnamedLockMs) || age > staleLockMs;
		if (Date.now() > deadline)
			throw new Error(`${lockPath} is held by ${named ? `process ${holder}` : 'a writer that has not named itself'}`);
		if (stale) {
			// Gone already is fine (another writer broke it); any other failure will not pass by itself.
			const code = await unlink(lockPath).then(
				() => undefined,
				(error: NodeJS.ErrnoException) => error.code ?? String(error),
			);
			if (code !== undefined && code !== 'ENOENT')
				throw new Error(`${lockPath} is stale (its writer ended or stopped long ago) but cannot be removed (${code}); remove it by hand`);
			continue;
		}
		await new Promise((done) => setTimeout(done, 20));
	}
}

const tempPrefix = (name: string) => `.${name}.mfa-session-`;

/** Temp files of writers that died before their rename: never the real file, safe to remove. */
async function removeOrphans(folder: string, name: string): Promise<void> {
	for (const entry of await readdir(folder).catch(() => [] as string[])) {
		const pid = Number.parseInt(entry.slice(tempPrefix(name).length), 10);
		if (entry.startsWith(tempPrefix(name)) && entry.endsWith('.tmp') && !isAlive(pid))
			await unlink(join(folder, entry)).catch(() => undefined);
	}
}

async function writeTemp(folder: string, name: string, bytes: Buffer): Promise<string> {
	const path = join(folder, `${tempPrefix(name)}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
	const handle = await open(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
	try {
		await handle.writeFile(bytes);
		await handle.sync();
	} finally {
		await handle.close();
	}
	return path;
}

async function syncFolder(folder: string): Promise<void> {
	// Makes the rename itself durable; some systems (Windows) cannot open a folder, and need not.
	const handle = await open(folder, constants.O_RDONLY).catch(() => undefined);
	await handle?.sync().catch(() => undefined);
	await handle?.close();
}

/**
 * Applies `edit` to the file's current text and replaces the file atomically. If someone else
 * changed the file between the read and the rename, it is read again and the edit re-applied.
 */
export async function editCredentialsFile(path: string, edit: (text: string) => SectionEdit): Promise<SectionEdit> {
	const file = await target(path);
	const folder = dirname(file);
	await mkdir(folder, { recursive: true, mode: 0o700 });
	const unlock = await lock(`${file}.mfa-session.lock`);
	try {
		await removeOrphans(folder, basename(file));
		for (let attempt = 0; attempt < attempts; attempt += 1) {
			const bytes = await bytesOrNone(file);
			const { text: before, encoding } = decode(bytes);
			const result = edit(before);
			if (!result.ok || result.text === before) return result;
			const temp = await writeTemp(folder, basename(file), Buffer.from(result.text, encoding));
			if (!(await bytesOrNone(file)).equals(bytes)) {
				await unlink(temp);
				continue;
			}
			await rename(temp, file);
			await syncFolder(folder);
			return result;
		}
		throw new Error(`${file} kept changing while it was being written`);
	} finally {
		await unlock();
	}
}
