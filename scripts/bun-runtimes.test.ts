import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity, executableName, executableTargets, hostTarget, lockedPackage, tarEntry } from './bun-runtimes.ts';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const pinned = JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.bun as string;

describe('Bun base runtimes', () => {
	it('are pinned: package.json names one exact Bun, and the lock file records each target’s runtime at it with sha512', () => {
		expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
		expect(lockedPackage(lock, 'bun').version).toBe(pinned);
		for (const target of executableTargets) expect(lockedPackage(lock, target.runtimePackage).version).toBe(pinned);
		expect(executableTargets.map(executableName)).toEqual([
			'mfa-session-helper-linux-x64',
			'mfa-session-helper-linux-arm64',
			'mfa-session-helper-darwin-x64',
			'mfa-session-helper-darwin-arm64',
			'mfa-session-helper-windows-x64.exe',
		]);
		expect(() => lockedPackage(lock, '@oven/bun-solaris-x64')).toThrow('no version and sha512 integrity for @oven/bun-solaris-x64');
	});

	it('refuses a tarball whose sha512 is not the recorded one', () => {
		const bytes = new TextEncoder().encode('runtime');
		const integrity = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
		expect(() => checkIntegrity(bytes, integrity, 'x')).not.toThrow();
		expect(() => checkIntegrity(new TextEncoder().encode('runtimE'), integrity, '@oven/bun-linux-x64@1')).toThrow(
			/^@oven\/bun-linux-x64@1: sha512 is sha512-.*refused$/,
		);
	});

	it('reads one file out of a tar archive as npm packs it', () => {
		const folder = mkdtempSync(join(tmpdir(), 'mfa-session-tar-'));
		mkdirSync(join(folder, 'package', 'bin'), { recursive: true });
		writeFileSync(join(folder, 'package', 'README.md'), 'x'.repeat(700));
		writeFileSync(join(folder, 'package', 'bin', 'bun'), 'the runtime');
		const tar = execFileSync('tar', ['-cf', '-', '-C', folder, 'package/README.md', 'package/bin/bun']);
		expect(Buffer.from(tarEntry(tar, 'package/bin/bun')).toString()).toBe('the runtime');
		expect(() => tarEntry(tar, 'package/bin/bun.exe')).toThrow('package/bin/bun.exe is not in the archive');
	});

	it('knows which target this machine is', () => {
		expect(hostTarget('linux', 'x64')?.name).toBe('linux-x64');
		expect(hostTarget('win32', 'x64')?.name).toBe('windows-x64');
		expect(hostTarget('darwin', 'arm64')?.bunTarget).toBe('bun-darwin-arm64');
		expect(hostTarget('freebsd', 'x64')).toBeUndefined();
	});
});
