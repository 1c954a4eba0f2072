import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledPackages, licenseAllowed, lockKeyOf, noticesFile, noticesText } from './third-party-notices.ts';

const root = resolve(import.meta.dirname, '..');

describe('lockKeyOf', () => {
	it('finds the package a module file belongs to, nested and scoped ones too', () => {
		expect(lockKeyOf('/p/src/popup/main.tsx', '/p')).toBeUndefined();
		expect(lockKeyOf('/p/node_modules/preact/dist/preact.module.js', '/p')).toBe('node_modules/preact');
		expect(lockKeyOf('\0/p/node_modules/@smithy/core/dist-es/index.js?commonjs-proxy', '/p')).toBe('node_modules/@smithy/core');
		expect(lockKeyOf('/p/node_modules/@aws-sdk/core/node_modules/@smithy/types/dist-es/a.js', '/p')).toBe(
			'node_modules/@aws-sdk/core/node_modules/@smithy/types',
		);
		expect(() => lockKeyOf('/p/node_modules/@scope', '/p')).toThrow('is not inside an npm package');
	});
});

describe('licenseAllowed', () => {
	it('takes permissive licenses and MPL-2.0, and an expression only if one choice is all allowed', () => {
		expect(['MIT', 'Apache-2.0', 'MPL-2.0', '(MIT OR GPL-3.0-only)'].map(licenseAllowed)).toEqual([true, true, true, true]);
		expect(['GPL-3.0-only', 'MIT AND GPL-2.0', 'UNLICENSED', 'SEE LICENSE IN LICENSE.txt'].map(licenseAllowed)).toEqual([
			false,
			false,
			false,
			false,
		]);
	});
});

/** A project folder with a lock file and installed packages, as the build sees one. */
function project(
	lock: Record<string, object>,
	installed: Record<string, { version: string; license?: string; files: Record<string, string> }>,
) {
	const dir = mkdtempSync(join(tmpdir(), 'notices-test-'));
	writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...lock } }));
	for (const [key, { files, ...manifest }] of Object.entries(installed)) {
		mkdirSync(join(dir, key), { recursive: true });
		writeFileSync(join(dir, key, 'package.json'), JSON.stringify({ name: key.split('node_modules/').at(-1), ...manifest }));
		for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, key, name), text);
	}
	return dir;
}

describe('bundledPackages', () => {
	const apache = { version: '1.0.0', license: 'Apache-2.0', files: { LICENSE: 'Apache License text', NOTICE: 'Copyright Example Corp.' } };

	it('lists each package once with the lock file’s version and its license and notice files', () => {
		const dir = project({ 'node_modules/@a/b': { version: '1.0.0', license: 'Apache-2.0' } }, { 'node_modules/@a/b': apache });
		const ids = [join(dir, 'node_modules/@a/b/dist/x.js'), join(dir, 'node_modules/@a/b/dist/y.js'), join(dir, 'src/main.ts')];
		const packages = bundledPackages(ids, dir);
		expect(packages).toEqual([
			{
				name: '@a/b',
				version: '1.0.0',
				license: 'Apache-2.0',
				source: 'https://www.npmjs.com/package/@a/b; npm package @a/b@1.0.0',
				files: [
					{ name: 'LICENSE', text: 'Apache License text' },
					{ name: 'NOTICE', text: 'Copyright Example Corp.' },
				],
			},
		]);
		const text = noticesText('MFA Session', '1.2.3', [...packages, { ...packages[0], name: '@a/c' } as (typeof packages)[0]]);
		expect(text).toContain('@a/b 1.0.0 (Apache-2.0)');
		expect(text.split('Apache License text')).toHaveLength(2);
		expect(text).toContain('@a/b 1.0.0 NOTICE\n@a/c 1.0.0 NOTICE');
	});

	it('stops at a bundled package the lock file does not pin, one installed at another version, or one without a license file', () => {
		const id = (dir: string) => [join(dir, 'node_modules/@a/b/index.js')];
		const unpinned = project({}, { 'node_modules/@a/b': apache });
		expect(() => bundledPackages(id(unpinned), unpinned)).toThrow('node_modules/@a/b is bundled but package-lock.json does not pin it');
		const moved = project({ 'node_modules/@a/b': { version: '2.0.0' } }, { 'node_modules/@a/b': apache });
		expect(() => bundledPackages(id(moved), moved)).toThrow('is 1.0.0 on disk but 2.0.0 in package-lock.json');
		const bare = project({ 'node_modules/@a/b': { version: '1.0.0' } }, { 'node_modules/@a/b': { ...apache, files: { 'README.md': '' } } });
		expect(() => bundledPackages(id(bare), bare)).toThrow('has no license file');
	});
});

/** The npm packages whose code the source maps of a build say is in it, found apart from the build's own module graph. */
function packagesInSourceMaps(out: string): string[] {
	const assets = join(out, 'assets');
	const sources = readdirSync(assets)
		.filter((name) => name.endsWith('.map'))
		.flatMap((name) => JSON.parse(readFileSync(join(assets, name), 'utf8')).sources as string[]);
	const names = sources.flatMap((source) => {
		const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source);
		return match?.[1] ? [match[1]] : [];
	});
	return [...new Set(names)].sort();
}

describe.each(['production', 'firefox'])('the %s build', (mode) => {
	it('carries notices naming every bundled package, with an allowed license and its license text, and package.json’s version', () => {
		const out = mkdtempSync(join(tmpdir(), `notices-${mode}-`));
		execFileSync('npx', ['vite', 'build', '--mode', mode, '--sourcemap', '--outDir', out, '--emptyOutDir', '--logLevel', 'error'], {
			cwd: root,
		});
		const notices = readFileSync(join(out, noticesFile), 'utf8');
		const bundled = packagesInSourceMaps(out);
		expect(bundled).toEqual(expect.arrayContaining(['@aws-sdk/client-sts', 'preact']));
		for (const name of bundled) {
			const installed = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
			expect(notices, name).toContain(`\n${name} ${installed.version} (${installed.license})\n`);
			expect(licenseAllowed(installed.license), `${name}: ${installed.license}`).toBe(true);
			const license = readFileSync(join(root, 'node_modules', name, 'LICENSE'), 'utf8')
				.replaceAll('\r\n', '\n')
				.trimEnd();
			expect(notices.includes(license), `${name}'s LICENSE`).toBe(true);
		}
		const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
		expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).version).toBe(version);
		expect(notices.startsWith(`Third-party software in MFA Session ${version}\n`)).toBe(true);
	}, 60_000);
});
