// `npm run package`: upload-ready archives for the Chrome Web Store and addons.mozilla.org, the
// source archive AMO's reviewers rebuild from, and the command-line helper as one executable per
// system (scripts/build-helper-executable.ts) with its runtime's third-party notices, all in artifacts/ with SHA256SUMS over every file.
// Two runs from one commit give the same bytes, so the same SHA256SUMS.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { buildExecutable } from './build-helper-executable.ts';
import { executableTargets } from './bun-runtimes.ts';
import { lockedHelperNotices } from './helper-notices.ts';
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
for (const [name, bytes] of zips) writeFileSync(`${artifacts}/${name}`, bytes);
// The executables' notices, also inside each of them (`mfa-session-helper notices`).
const notices = 'mfa-session-helper-THIRD_PARTY_NOTICES.txt';
writeFileSync(`${artifacts}/${notices}`, lockedHelperNotices());
const executables = executableTargets.map((target) => basename(buildExecutable(target, artifacts)));
const files = [...zips.map(([name]) => name), ...executables, notices].sort();
const sums = files
	.map(
		(name) =>
			`${createHash('sha256')
				.update(readFileSync(`${artifacts}/${name}`))
				.digest('hex')}  ${name}\n`,
	)
	.join('');
writeFileSync(`${artifacts}/SHA256SUMS`, sums);
process.stdout.write(sums);
console.log(`Written to ${artifacts}/ with SHA256SUMS (check with: cd ${artifacts} && sha256sum -c SHA256SUMS).`);
