// The darwin executables as a release builds them: each page's SHA-256 is recomputed here, from the
// file's own load commands, and compared with the CodeDirectory's.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExecutable } from './build-helper-executable.ts';
import { executableTargets } from './bun-runtimes.ts';
import { adHocSign, signatureProblems } from './macho-sign.ts';

const out = mkdtempSync(join(tmpdir(), 'mfa-session-macho-'));

/** Every page before the signature, hashed, against the hash slot the CodeDirectory keeps for it. */
function recomputed(file: Buffer): { pages: number; matching: number; codeLimit: number; signatureAt: number; identifier: string } {
	let offset = 32;
	let signatureAt = -1;
	for (let index = 0; index < file.readUInt32LE(16); index++) {
		if (file.readUInt32LE(offset) === 0x1d) signatureAt = file.readUInt32LE(offset + 8);
		offset += file.readUInt32LE(offset + 4);
	}
	const blob = file.subarray(signatureAt);
	expect(blob.readUInt32BE(0)).toBe(0xfade0cc0);
	const directory = blob.subarray(blob.readUInt32BE(16));
	expect(directory.readUInt32BE(0)).toBe(0xfade0c02);
	const [hashOffset, slots, codeLimit] = [directory.readUInt32BE(16), directory.readUInt32BE(28), directory.readUInt32BE(32)];
	const identifier = directory.toString('utf8', directory.readUInt32BE(20), hashOffset - 1);
	let matching = 0;
	for (let page = 0; page < slots; page++) {
		const bytes = file.subarray(page * 4096, Math.min((page + 1) * 4096, codeLimit));
		const slot = directory.subarray(hashOffset + page * 32, hashOffset + page * 32 + 32);
		if (createHash('sha256').update(bytes).digest().equals(slot)) matching++;
	}
	return { pages: Math.ceil(codeLimit / 4096), matching, codeLimit, signatureAt, identifier };
}

/** A target's executable as Bun writes it, before signing. */
function unsignedBuild(name: string): Buffer {
	const target = executableTargets.find((candidate) => candidate.name === name);
	if (!target) throw new Error(`no ${name} target`);
	return readFileSync(buildExecutable(target, out, { sign: false }));
}

describe('the darwin executables’ ad-hoc signatures', () => {
	it('darwin-x64: Bun’s output fails the check; signed, every page before the signature matches its SHA-256', { timeout: 240_000 }, () => {
		const unsigned = unsignedBuild('darwin-x64');
		const before = recomputed(unsigned);
		expect(before.matching).toBeLessThan(before.pages);
		expect(signatureProblems(unsigned)).toContain('page 0 (byte 0) does not match its hash');
		const signed = adHocSign(unsigned, 'mfa-session-helper');
		const check = recomputed(signed);
		expect(check.codeLimit).toBe(check.signatureAt);
		expect(check.matching).toBe(check.pages);
		expect(check.pages).toBeGreaterThan(20_000);
		expect(check.identifier).toBe('mfa-session-helper');
		expect(signatureProblems(signed)).toEqual([]);
		// Everything before the signature is Bun's, but for the signature's size and __LINKEDIT's.
		let changed = 0;
		for (let page = 0; page < check.codeLimit; page += 4096)
			if (
				!signed
					.subarray(page, Math.min(page + 4096, check.codeLimit))
					.equals(unsigned.subarray(page, Math.min(page + 4096, check.codeLimit)))
			)
				for (let index = page; index < Math.min(page + 4096, check.codeLimit); index++) if (signed[index] !== unsigned[index]) changed++;
		expect(changed).toBeGreaterThan(0);
		expect(changed).toBeLessThanOrEqual(12);
		expect(adHocSign(signed, 'mfa-session-helper').equals(signed)).toBe(true);
	});

	it('darwin-arm64: as built for release, every page before the signature matches its SHA-256', { timeout: 240_000 }, () => {
		const target = executableTargets.find((candidate) => candidate.name === 'darwin-arm64');
		if (!target) throw new Error('no darwin-arm64 target');
		const check = recomputed(readFileSync(buildExecutable(target, out)));
		expect(check.codeLimit).toBe(check.signatureAt);
		expect(check.matching).toBe(check.pages);
		expect(check.identifier).toBe('mfa-session-helper');
	});

	it('refuses what is not a thin 64-bit Mach-O', () => {
		expect(() => adHocSign(Buffer.from('MZ not a Mach-O file at all, padded to more than 32 bytes'), 'x')).toThrow(
			'not a thin 64-bit little-endian Mach-O file',
		);
	});
});
