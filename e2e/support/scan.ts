// Looks for secrets in every file under a folder: as UTF-8 and UTF-16 (LevelDB and Chromium's
// caches keep both), and base64, base64url, hex and percent-encoded, in the files as written and
// after undoing the browsers' compression (Chromium's LevelDB tables, Firefox's mozLz4 files).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { levelDbTable, mozLz4 } from './decompress';

/**
 * The byte strings a secret can be stored as. Base64 of a longer text that contains the secret
 * holds, at one of three alignments, the whole groups of the secret's own base64 from its 0th,
 * 1st or 2nd byte on; those are searched, so an embedded secret is found at any offset.
 */
export function encodedForms(secret: string): { form: string; bytes: Buffer }[] {
	const utf8 = Buffer.from(secret, 'utf8');
	const forms = [
		{ form: 'UTF-8', bytes: utf8 },
		{ form: 'UTF-16LE', bytes: Buffer.from(secret, 'utf16le') },
		{ form: 'hex', bytes: Buffer.from(utf8.toString('hex')) },
		{ form: 'HEX', bytes: Buffer.from(utf8.toString('hex').toUpperCase()) },
		{ form: 'percent-encoded', bytes: Buffer.from(encodeURIComponent(secret)) },
		{ form: 'form-encoded', bytes: Buffer.from(new URLSearchParams({ x: secret }).toString().slice(2)) },
	];
	for (let shift = 0; shift < 3; shift += 1) {
		const tail = utf8.subarray(shift);
		const whole = Math.floor(tail.length / 3) * 4;
		if (whole < 8) continue;
		const base64 = tail.toString('base64').slice(0, whole);
		forms.push({ form: 'base64', bytes: Buffer.from(base64) });
		forms.push({ form: 'base64url', bytes: Buffer.from(base64.replaceAll('+', '-').replaceAll('/', '_')) });
	}
	const seen = new Set<string>();
	return forms.filter(({ form, bytes }) => {
		const key = bytes.toString('latin1');
		if (form !== 'UTF-8' && key === utf8.toString('latin1')) return false;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** The file's bytes and, for compressed files the browsers write, their contents uncompressed. */
function readable(bytes: Buffer): { how: string; bytes: Buffer }[] {
	const views = [{ how: '', bytes }];
	for (const [how, decode] of [
		['Snappy', levelDbTable],
		['mozLz4', mozLz4],
	] as const) {
		try {
			const decoded = decode(bytes);
			if (decoded) views.push({ how: ` (${how})`, bytes: decoded });
		} catch (error) {
			views.push({ how: ` (${how} unreadable: ${(error as Error).message})`, bytes: Buffer.alloc(0) });
		}
	}
	return views;
}

/** Which secrets (and in which form) a text shows, shortened so a failure does not print them. */
export function secretsInText(texts: readonly string[], secrets: readonly string[]): string[] {
	const all = Buffer.from(texts.join('\n'));
	return secrets.flatMap((secret) =>
		encodedForms(secret)
			.filter(({ bytes }) => all.includes(bytes))
			.map(({ form }) => `${secret.slice(0, 4)}… as ${form}`),
	);
}

/** Returns "file: needle… as form" for every needle found anywhere under `directory`, in any of its forms. */
export async function findInDirectory(directory: string, needles: readonly string[]): Promise<string[]> {
	const found: string[] = [];
	const entries = await readdir(directory, { recursive: true, withFileTypes: true });
	const forms = needles.map((needle) => ({ needle, forms: encodedForms(needle) }));
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const bytes = await readFile(path).catch(() => undefined);
		if (!bytes) continue;
		for (const view of readable(bytes)) {
			// A compressed file the scan could not read is a failure too: it might hide a secret.
			if (view.how.includes('unreadable')) found.push(`${path}${view.how}`);
			for (const { needle, forms: encoded } of forms) {
				for (const { form, bytes: needleBytes } of encoded) {
					if (view.bytes.includes(needleBytes)) found.push(`${path}${view.how}: ${needle.slice(0, 4)}… as ${form}`);
				}
			}
		}
	}
	return found;
}
