// Looks for secrets in every file under a folder, as plain text and as UTF-16 (LevelDB and
// Chromium's caches keep both).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Returns "file: needle" for every needle found anywhere under `directory`. */
export async function findInDirectory(directory: string, needles: string[]): Promise<string[]> {
	const found: string[] = [];
	const entries = await readdir(directory, { recursive: true, withFileTypes: true });
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const bytes = await readFile(path).catch(() => undefined);
		if (!bytes) continue;
		for (const needle of needles) {
			if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le')))
				found.push(`${path}: ${needle.slice(0, 4)}…`);
		}
	}
	return found;
}
