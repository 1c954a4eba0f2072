// `npm run package`: upload-ready archives for the Chrome Web Store and addons.mozilla.org, plus the
// source archive AMO's reviewers rebuild from, all in artifacts/. Two runs from one commit give the
// same bytes; the sha256 of each file is printed to compare.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { committedFiles, workingTreeChanged } from './source-archive.ts';
import { browsers, buildExtension, extensionZip, packageNames, versionOf } from './store-packages.ts';
import { zipEntries } from './zip.ts';

const artifacts = 'artifacts';
const names = packageNames(versionOf('.'));
if (workingTreeChanged())
	console.warn('Uncommitted changes are built into the store packages but not in the source archive: it holds HEAD.');

const zips: [string, Uint8Array][] = [];
for (const browser of browsers) {
	const out = buildExtension('.', browser);
	// AMO rejects what web-ext lint calls an error; fail here rather than at upload.
	if (browser.store === 'firefox') execFileSync('npx', ['web-ext', 'lint', '--source-dir', out, '--output', 'text'], { stdio: 'inherit' });
	zips.push([names[browser.store], extensionZip(out)]);
}
// An unpacked source archive has no git history: it rebuilds the store packages, not itself.
if (existsSync('.git')) zips.push([names.source, zipEntries(committedFiles('HEAD', names.sourceFolder))]);
else console.warn('Not a git checkout: no source archive written.');

mkdirSync(artifacts, { recursive: true });
for (const [name, bytes] of zips) {
	writeFileSync(`${artifacts}/${name}`, bytes);
	console.log(`${createHash('sha256').update(bytes).digest('hex')}  ${artifacts}/${name}  (${bytes.length} bytes)`);
}
