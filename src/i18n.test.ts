// Every string the code asks for exists in the English messages, and every message is used.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import messages from '../public/_locales/en/messages.json';

function sources(directory: string): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return sources(path);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
	});
}

describe('messages', () => {
	const code = sources('src')
		.map((path) => readFileSync(path, 'utf8'))
		.join('\n');
	const manifest = readFileSync('manifest.json', 'utf8');
	const asked = [...code.matchAll(/\bt\('([A-Za-z]+)'/g)].map(([, key]) => key);
	const named = [...manifest.matchAll(/__MSG_([A-Za-z]+)__/g)].map(([, key]) => key);

	it('has a message for every key the code and the manifest ask for', () => {
		expect([...asked, ...named].filter((key) => key === undefined || !(key in messages))).toEqual([]);
	});

	it('has no message nobody asks for, and fills every placeholder it declares', () => {
		expect(Object.keys(messages).filter((key) => !asked.includes(key) && !named.includes(key))).toEqual([]);
		for (const entry of Object.values(messages) as { message: string; placeholders?: Record<string, unknown> }[]) {
			for (const name of Object.keys(entry.placeholders ?? {})) expect(entry.message).toContain(`$${name.toUpperCase()}$`);
		}
	});
});
