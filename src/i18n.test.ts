// Every string the code asks for exists in the English messages, and every message is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import messages from '../public/_locales/en/messages.json';
import { t } from './i18n';

function sources(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

type Entry = { message: string; placeholders?: Record<string, unknown> };

describe('messages', () => {
	const code = sources('src')
		.map((path) => readFileSync(path, 'utf8'))
		.join('\n');
	const manifest = readFileSync('manifest.json', 'utf8');
	const asked = [...code.matchAll(/\bt\('(\w+)'/g)].map(([, key]) => key);
	const named = [...manifest.matchAll(/__MSG_(\w+)__/g)].map(([, key]) => key);

	it('has a message for every key the code and the manifest ask for', () => {
		expect([...asked, ...named].filter((key) => key === undefined || !(key in messages))).toEqual([]);
	});

	it('is asked for by literal keys only, so the checks here see every key', () => {
		expect(code.match(/(?<!function )\bt\((?!')/g)).toBeNull();
	});

	it('has no message nobody asks for, and fills every placeholder it declares', () => {
		expect(Object.keys(messages).filter((key) => !asked.includes(key) && !named.includes(key))).toEqual([]);
		for (const entry of Object.values(messages) as Entry[]) {
			for (const name of Object.keys(entry.placeholders ?? {})) expect(entry.message).toContain(`$${name.toUpperCase()}$`);
		}
	});

	it('uses the names and dollar signs the browsers accept', () => {
		for (const [key, entry] of Object.entries(messages) as [string, Entry][]) {
			expect(key).toMatch(/^\w+$/);
			const names = Object.keys(entry.placeholders ?? {});
			for (const name of names) expect(name).toMatch(/^[a-z0-9_]+$/);
			// A lone `$` that is not a declared placeholder would be eaten; a literal one is written `$$`.
			const rest = names.reduce((text, name) => text.replaceAll(`$${name.toUpperCase()}$`, ''), entry.message.replaceAll('$$', ''));
			expect(rest, key).not.toContain('$');
		}
	});

	it('fills placeholders in order, as the browser does', () => {
		expect(t('validUntil', '20:15', '3 min left')).toBe('Valid until 20:15 (3 min left).');
		expect(t('passphraseTooShort', 10, 4)).toBe('Use at least 10 characters; this passphrase has 4.');
	});
});
