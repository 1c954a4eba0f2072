import { describe, expect, it } from 'vitest';
import { lz4BlockDecode, mozLz4, snappyDecode } from '../../e2e/support/decompress';
import { encodedForms, secretsInText } from '../../e2e/support/scan';

describe('snappy', () => {
	it('decodes literals and both kinds of copies', () => {
		// 12 bytes: literal "abcd", a 1-byte-offset copy of 8; then a 2-byte-offset copy of 4 (offset 12).
		const block = Buffer.from([16, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x11, 0x04, 0x0e, 0x0c, 0x00]);
		expect(snappyDecode(block).toString()).toBe('abcdabcdabcdabcd');
	});

	it('refuses a copy from before the start', () => {
		expect(() => snappyDecode(Buffer.from([8, 0x11, 0x04]))).toThrow('out of range');
	});
});

describe('lz4 and mozLz4', () => {
	// "abc", then a match of 9 at offset 3 (token 0x35), then a last sequence of one literal, "x".
	const block = Buffer.from([0x35, 0x61, 0x62, 0x63, 0x03, 0x00, 0x10, 0x78]);
	// A literal run of 20 needs the extended length byte: 15 + 5.
	const long = Buffer.concat([Buffer.from([0xf0, 0x05]), Buffer.from('abcdefghijklmnopqrst')]);

	it('decodes literals, matches that overlap what they copy, and extended lengths', () => {
		expect(lz4BlockDecode(block, 13).toString()).toBe('abcabcabcabcx');
		expect(lz4BlockDecode(long, 20).toString()).toBe('abcdefghijklmnopqrst');
		expect(() => lz4BlockDecode(block, 12)).toThrow();
	});

	it('reads a mozLz4 file: magic, size, block', () => {
		const file = Buffer.concat([Buffer.from('mozLz40\0', 'latin1'), Buffer.from([13, 0, 0, 0]), block]);
		expect(mozLz4(file)?.toString()).toBe('abcabcabcabcx');
		expect(mozLz4(Buffer.from('abcabcabcabcx'))).toBeUndefined();
	});
});

describe('encoded forms', () => {
	const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

	it('finds a secret base64-encoded inside a longer text at any offset', () => {
		for (const prefix of ['', 'a', 'ab', 'abc']) {
			const stored = Buffer.from(`${prefix}{"key":"${secret}"}`).toString('base64');
			expect(secretsInText([stored], [secret])).toEqual(['wJal… as base64']);
			expect(secretsInText([stored.replaceAll('+', '-').replaceAll('/', '_')], [secret]).length).toBeGreaterThan(0);
		}
	});

	it('finds hex and percent-encoded forms, and nothing in unrelated text', () => {
		expect(secretsInText([Buffer.from(secret).toString('hex')], [secret])).toEqual(['wJal… as hex']);
		expect(secretsInText([`k=${encodeURIComponent(secret)}`], [secret])).toEqual(['wJal… as percent-encoded']);
		expect(secretsInText(['nothing to see here', Buffer.from('other').toString('base64')], [secret])).toEqual([]);
		expect(encodedForms(secret).map((form) => form.form)).toEqual(
			expect.arrayContaining(['UTF-8', 'UTF-16LE', 'hex', 'HEX', 'percent-encoded', 'base64']),
		);
	});
});
