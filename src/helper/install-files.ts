// The files `install` writes: each whole or not at all (a temp file beside it, flushed, renamed
// over), so a browser never reads half a manifest and an upgrade never leaves half a helper. And
// the record of what was written, which `uninstall` trusts only as far as its shape checks out.
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	mkdirSync,
	openSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { BrowserName } from './browser-folders';
import { browserNames } from './browser-folders';

/** What one install wrote, kept as installed.json in the install folder. */
export interface InstallRecord {
	executable?: string;
	launcher?: string;
	manifests: { browser: BrowserName; label: string; path: string; registryKey?: string }[];
	/** Folders install created, removed again (when empty) once nothing is left in the record. */
	folders: string[];
}

/** Creates `folder` and its parents; returns the ones that did not exist, outermost first. */
export function createFolder(folder: string): string[] {
	const first = mkdirSync(folder, { recursive: true });
	if (first === undefined) return [];
	const created = [folder];
	for (let current = folder; current !== first; current = dirname(current)) created.unshift(dirname(current));
	return created;
}

function replace(temp: string, path: string): void {
	const handle = openSync(temp, 'r');
	try {
		fsyncSync(handle);
	} finally {
		closeSync(handle);
	}
	try {
		renameSync(temp, path);
	} catch (error) {
		// Windows will not replace a running executable, but lets it be renamed out of the way.
		if (process.platform !== 'win32' || !existsSync(path)) throw error;
		const aside = `${path}.old-${randomBytes(4).toString('hex')}`;
		renameSync(path, aside);
		renameSync(temp, path);
		rmSync(aside, { force: true });
	}
}

const tempName = (path: string) => join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);

/** Writes a file atomically, creating its folder; returns the folders it created. */
export function writeFileAtomic(path: string, contents: string, mode: number): string[] {
	const created = createFolder(dirname(path));
	const temp = tempName(path);
	writeFileSync(temp, contents, { mode });
	chmodSync(temp, mode);
	replace(temp, path);
	return created;
}

/** Copies a file atomically over `to` (the running program may be `from`, or what `to` was); returns the folders it created. */
export function copyFileAtomic(from: string, to: string, mode: number): string[] {
	const created = createFolder(dirname(to));
	const temp = tempName(to);
	copyFileSync(from, temp);
	chmodSync(temp, mode);
	replace(temp, to);
	return created;
}

/** The record in `folder`, or an empty one; entries of the wrong shape are dropped, not trusted. */
export function readRecord(folder: string): InstallRecord {
	let value: unknown;
	try {
		value = JSON.parse(readFileSync(join(folder, 'installed.json'), 'utf8'));
	} catch {
		return { manifests: [], folders: [] };
	}
	const record = (value ?? {}) as Partial<Record<keyof InstallRecord, unknown>>;
	const inFolder = (path: unknown): path is string => typeof path === 'string' && dirname(path) === folder;
	const manifests = Array.isArray(record.manifests) ? record.manifests : [];
	// Only folders on the way to what install writes: the install folder's parents, or a manifest's.
	const onTheWay = (path: unknown): path is string =>
		typeof path === 'string' &&
		(folder.startsWith(`${path}${sep}`) ||
			path === folder ||
			manifests.some((entry) => typeof entry?.path === 'string' && dirname(entry.path).startsWith(path)));
	return {
		folders: Array.isArray(record.folders) ? record.folders.filter(onTheWay) : [],
		executable: inFolder(record.executable) ? record.executable : undefined,
		launcher: typeof record.launcher === 'string' && /mfa-session-helper(\.cmd)?$/.test(record.launcher) ? record.launcher : undefined,
		manifests: manifests.filter(
			(entry): entry is InstallRecord['manifests'][number] =>
				typeof entry?.path === 'string' &&
				entry.path.endsWith('app.mfa_session.helper.json') &&
				browserNames.includes(entry.browser) &&
				typeof entry.label === 'string' &&
				(entry.registryKey === undefined ||
					(typeof entry.registryKey === 'string' && entry.registryKey.endsWith('\\app.mfa_session.helper'))),
		),
	};
}
