import { describe, expect, it } from 'vitest';
import { codeMemoryMs, forgetOldCodes, wasJustUsed } from './used-code';

describe('used codes', () => {
	const at = 1_800_000_000_000;

	it('refuses the same code for the same device within its validity', () => {
		expect(wasJustUsed({ code: '123456', at }, '123456', at + 29_000)).toBe(true);
		expect(wasJustUsed({ code: '123456', at }, '123456', at + codeMemoryMs - 1)).toBe(true);
	});

	it('lets a different code, or a code long past, through', () => {
		expect(wasJustUsed({ code: '123456', at }, '654321', at + 1000)).toBe(false);
		expect(wasJustUsed({ code: '123456', at }, '123456', at + codeMemoryMs)).toBe(false);
		expect(wasJustUsed(undefined, '123456', at)).toBe(false);
	});

	it('forgets only expired entries', () => {
		const used = { a: { code: '111111', at }, b: { code: '222222', at: at + 60_000 } };
		expect(Object.keys(forgetOldCodes(used, at + codeMemoryMs + 1))).toEqual(['b']);
	});
});
