import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executableTargets, lockedPackage } from './bun-runtimes.ts';
import { embeddedPolyfills, helperNotices, linkedLibraries, lockedHelperNotices } from './helper-notices.ts';

describe('the helper executables’ third-party notices', () => {
	it('name the Bun release the lock file pins, which every runtime package matches', () => {
		const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
		const { version } = lockedPackage(lock, 'bun');
		for (const target of executableTargets) expect(lockedPackage(lock, target.runtimePackage).version, target.name).toBe(version);
		const text = lockedHelperNotices();
		expect(text).toContain(`Bun ${version} runtime`);
		expect(text).toContain(`tag bun-v${version}`);
	});

	it('list every linked library with its license and an https source, and the LGPL ones with how to relink', () => {
		const text = helperNotices('1.2.3');
		for (const library of linkedLibraries) {
			expect(library.license).not.toBe('');
			expect(new URL(library.source).protocol).toBe('https:');
			expect(text).toContain(`${library.license}; ${library.source}`);
		}
		for (const lgpl of ['JavaScriptCore', 'tinycc'])
			expect(linkedLibraries.some((library) => library.name.startsWith(lgpl) && /LGPL/.test(library.license))).toBe(true);
		expect(text).toMatch(/relink/);
		expect(text).toContain('--compile-executable-path');
		expect(text).toContain(embeddedPolyfills.join(', '));
		expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
	});

	it('refuse a version that is not a release’s', () => {
		expect(() => helperNotices('latest')).toThrow(/not a Bun release version/);
	});
});
