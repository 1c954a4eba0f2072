// THIRD_PARTY_NOTICES.txt, written by the build from the modules it actually bundled, matched
// against package-lock.json: every store package carries it, and it cannot fall behind the code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';

/** The file's name at the root of every built extension. */
export const noticesFile = 'THIRD_PARTY_NOTICES.txt';

/**
 * Licenses bundled code may carry: permissive ones, and MPL-2.0, whose file-level terms an unmodified
 * bundled file meets with its license text and a pointer to its source, both in the notices.
 */
export const allowedLicenses: readonly string[] = ['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'MPL-2.0'];

/** One npm package whose code is in a bundle, as the lock file pins it, with its license and notice files. */
export interface BundledPackage {
	name: string;
	version: string;
	license: string;
	source: string;
	files: { name: string; text: string }[];
}

interface LockFile {
	packages: Record<string, { version?: string; license?: string } | undefined>;
}

/** The lock file key (`node_modules/a/node_modules/@b/c`) of the package a bundled module belongs to; undefined for the project's own files. */
export function lockKeyOf(moduleId: string, root: string): string | undefined {
	const file = relative(root, moduleId.replace(/^\0/, '').replace(/[?#].*$/, '')).replaceAll('\\', '/');
	const segments = file.split('/');
	let start = segments.indexOf('node_modules');
	if (start < 0) return undefined;
	const key: string[] = [];
	while (segments[start] === 'node_modules') {
		const width = segments[start + 1]?.startsWith('@') ? 2 : 1;
		const name = segments.slice(start + 1, start + 1 + width);
		if (name.length < width || name.some((part) => !part)) throw new Error(`${moduleId} is not inside an npm package`);
		key.push('node_modules', ...name);
		start += 1 + width;
	}
	return key.join('/');
}

/** Whether an SPDX expression (`MIT`, `(MIT OR Apache-2.0)`, `A AND B`) can be met with the allowed licenses. */
export function licenseAllowed(expression: string): boolean {
	const alternatives = expression.replace(/[()]/g, '').split(/\s+OR\s+/);
	return alternatives.some((alternative) => alternative.split(/\s+AND\s+/).every((part) => allowedLicenses.includes(part.trim())));
}

/** Where a package's source can be had: its repository as package.json names it, or its npm page. */
function sourceOf(manifest: { name: string; version: string; repository?: string | { url?: string; directory?: string } }): string {
	const repository = typeof manifest.repository === 'string' ? { url: manifest.repository } : manifest.repository;
	const url = repository?.url?.replace(/^git\+/, '').replace(/\.git$/, '');
	const where = url
		? `${url}${repository?.directory ? ` (${repository.directory})` : ''}`
		: `https://www.npmjs.com/package/${manifest.name}`;
	return `${where}; npm package ${manifest.name}@${manifest.version}`;
}

/** The packages behind a bundle's module ids, each checked against the lock file and its installed copy. */
export function bundledPackages(moduleIds: Iterable<string>, root: string): BundledPackage[] {
	const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as LockFile;
	const keys = new Set<string>();
	for (const id of moduleIds) {
		const key = lockKeyOf(id, root);
		if (key) keys.add(key);
	}
	return [...keys].sort().map((key) => {
		const locked = lock.packages[key];
		if (!locked?.version) throw new Error(`${key} is bundled but package-lock.json does not pin it: run npm install`);
		const dir = join(root, key);
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		if (manifest.version !== locked.version) {
			throw new Error(`${key} is ${manifest.version} on disk but ${locked.version} in package-lock.json: run npm ci`);
		}
		const files = readdirSync(dir)
			.filter((name) => /^(licen[cs]e|notice|copying)([.-].*)?$/i.test(name))
			.sort()
			.map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8').replaceAll('\r\n', '\n').trimEnd() }));
		if (!files.some(({ name }) => /^(licen[cs]e|copying)/i.test(name))) throw new Error(`${key} has no license file to reproduce`);
		const license = locked.license ?? manifest.license;
		if (typeof license !== 'string') throw new Error(`${key} declares no license`);
		return { name: manifest.name, version: locked.version, license, source: sourceOf(manifest), files };
	});
}

/** The notices text: a list of the packages, then each distinct license or notice text once, naming whose it is. */
export function noticesText(product: string, version: string, packages: readonly BundledPackage[]): string {
	const lines = [
		`Third-party software in ${product} ${version}`,
		'',
		`${product} is under the MIT License (LICENSE in its source). Its extension bundles code from the`,
		'npm packages below, unmodified, at the versions package-lock.json pins. Their license and notice',
		'files follow word for word; a text several packages share is given once.',
		'',
	];
	for (const { name, version, license, source } of packages) lines.push(`${name} ${version} (${license})`, `  source: ${source}`);
	const texts = new Map<string, string[]>();
	for (const { name, version, files } of packages) {
		for (const file of files) texts.set(file.text, [...(texts.get(file.text) ?? []), `${name} ${version} ${file.name}`]);
	}
	for (const [text, owners] of texts) lines.push('', '='.repeat(80), ...owners, '='.repeat(80), '', text);
	return `${lines.join('\n')}\n`;
}

/** The build step: after bundling, writes the notices for exactly the npm packages in the output, and stops a build that bundles a license not allowed. */
export function thirdPartyNotices(root: string, product: string, version: string): Plugin {
	return {
		name: 'third-party-notices',
		apply: 'build',
		generateBundle(_options, bundle) {
			const ids = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? output.moduleIds : []));
			let packages: BundledPackage[];
			try {
				packages = bundledPackages(ids, root);
			} catch (error) {
				this.error(error instanceof Error ? error.message : String(error));
			}
			const refused = packages.filter(({ license }) => !licenseAllowed(license));
			if (refused.length > 0) {
				const list = refused.map(({ name, license }) => `${name} (${license})`).join(', ');
				this.error(`Bundled code under a license not in scripts/third-party-notices.ts's allowed list: ${list}`);
			}
			this.emitFile({ type: 'asset', fileName: noticesFile, source: noticesText(product, version, packages) });
		},
	};
}
