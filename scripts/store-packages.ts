// What `npm run package` and the reproducibility check share: building one browser's extension in a
// source tree, and zipping it the same way every time.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { noticesFile } from './third-party-notices.ts';
import { folderEntries, zipEntries } from './zip.ts';

/** The two builds: vite's mode, its output folder, and the store it goes to. `store` leaves out the
unpacked build's manifest key: the Chrome Web Store refuses a key and assigns its own id. */
export const browsers = [
	{ mode: 'store', dir: 'dist', store: 'chrome' },
	{ mode: 'firefox', dir: 'dist-firefox', store: 'firefox' },
] as const;

/** The version package.json of a source tree names: the one place it lives. */
export function versionOf(root: string): string {
	return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
}

/** Builds one browser's extension in a source tree and checks its manifest's version and its notices file. */
export function buildExtension(root: string, browser: (typeof browsers)[number]): string {
	execFileSync('npx', ['vite', 'build', '--mode', browser.mode, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	const out = join(root, browser.dir);
	const built = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).version;
	if (built !== versionOf(root)) throw new Error(`${out}/manifest.json says ${built}, package.json says ${versionOf(root)}`);
	if (!existsSync(join(out, noticesFile))) throw new Error(`${out} has no ${noticesFile}`);
	if ('key' in JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')))
		throw new Error(`${out}/manifest.json has a key; the stores refuse it`);
	return out;
}

/** The store package of a built extension: every file of its folder, zipped reproducibly. */
export function extensionZip(out: string): Uint8Array {
	return zipEntries(folderEntries(out));
}

/** The file names `npm run package` writes for a version. */
export function packageNames(version: string) {
	return {
		chrome: `mfa-session-chrome-${version}.zip`,
		firefox: `mfa-session-firefox-${version}.zip`,
		source: `mfa-session-source-${version}.zip`,
		sourceFolder: `mfa-session-${version}/`,
	};
}
