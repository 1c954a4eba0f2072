import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { folderEntries, zipEntries } from './zip.ts';

const text = (value: string) => new TextEncoder().encode(value);

/** Each central directory record's name, Unix mode, and MS-DOS date and time, read from the bytes. */
function centralRecords(zip: Uint8Array) {
	const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const end = zip.length - 22;
	expect(view.getUint32(end, true)).toBe(0x06054b50);
	const records = [];
	let at = view.getUint32(end + 16, true);
	for (let index = 0; index < view.getUint16(end + 10, true); index += 1) {
		expect(view.getUint32(at, true)).toBe(0x02014b50);
		const nameLength = view.getUint16(at + 28, true);
		records.push({
			name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
			mode: (view.getUint32(at + 38, true) >>> 16).toString(8),
			date: view.getUint16(at + 14, true),
			time: view.getUint16(at + 12, true),
		});
		at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
	}
	return records;
}

describe('zipEntries', () => {
	const entries = [
		{ name: 'src/popup/index.html', data: text('<!doctype html>'.repeat(40)) },
		{ name: 'manifest.json', data: text('{"manifest_version":3}') },
		{ name: '.ci/run', data: text('#!/bin/sh\n'), executable: true },
	];

	it('gives the same bytes whatever order the files come in, and every file reads back intact', () => {
		const zip = zipEntries(entries);
		expect(Buffer.from(zipEntries([...entries].reverse())).equals(Buffer.from(zip))).toBe(true);
		const files = unzipSync(zip);
		expect(Object.keys(files)).toEqual(['.ci/run', 'manifest.json', 'src/popup/index.html']);
		for (const entry of entries) expect(Buffer.from(files[entry.name] ?? []).equals(Buffer.from(entry.data))).toBe(true);
	});

	it('records one fixed time and modes 644 or 755, never the files’ own', () => {
		expect(centralRecords(zipEntries(entries))).toEqual([
			{ name: '.ci/run', mode: '100755', date: 0x21, time: 0 },
			{ name: 'manifest.json', mode: '100644', date: 0x21, time: 0 },
			{ name: 'src/popup/index.html', mode: '100644', date: 0x21, time: 0 },
		]);
	});

	it('refuses names that would escape the folder, and two files of one name', () => {
		expect(() => zipEntries([{ name: '../x', data: text('') }])).toThrow('Bad zip entry name');
		expect(() => zipEntries([{ name: '/etc/x', data: text('') }])).toThrow('Bad zip entry name');
		const twice = { name: 'manifest.json', data: text('{}') };
		expect(() => zipEntries([twice, twice])).toThrow('Two zip entries named manifest.json');
	});
});

describe('folderEntries', () => {
	it('zips a folder to the same bytes after its files’ times change', () => {
		const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
		mkdirSync(join(dir, 'assets'));
		writeFileSync(join(dir, 'assets', 'a.js'), 'export const a = 1;');
		writeFileSync(join(dir, 'manifest.json'), '{}');
		const before = zipEntries(folderEntries(dir));
		utimesSync(join(dir, 'assets', 'a.js'), new Date('2001-02-03'), new Date('2001-02-03'));
		const after = zipEntries(folderEntries(dir));
		expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
		expect(Object.keys(unzipSync(after))).toEqual(['assets/a.js', 'manifest.json']);
	});
});
