// The reproducibility check `npm test` runs: the source archive, unpacked into a fresh folder and built
// there, gives store packages byte-identical to the ones built here, notices file included, as AMO's
// reviewers will try. Dependencies come from this tree's node_modules (hard links: the same lock file,
// installed once); `--clean-install` runs `npm ci` in the unpacked folder instead, as a reviewer would.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { committedFiles, workingTreeChanged, workingTreeFiles } from './source-archive.ts';
import { browsers, buildExtension, extensionZip, packageNames, versionOf } from './store-packages.ts';
import { noticesFile } from './third-party-notices.ts';
import { zipEntries } from './zip.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const names = packageNames(versionOf('.'));
const scratch = resolve('test-results', 'reproduce');

// A dirty tree is checked as it would be committed, so the check works while changes are under way.
const changed = workingTreeChanged();
const source = () => zipEntries(changed ? workingTreeFiles(names.sourceFolder) : committedFiles('HEAD', names.sourceFolder));
const archive = source();
if (sha256(source()) !== sha256(archive)) throw new Error('Two source archives of the same tree differ');
console.log(`source archive of ${changed ? 'the working tree' : 'HEAD'}: ${sha256(archive)}`);

rmSync(scratch, { recursive: true, force: true });
for (const [name, data] of Object.entries(unzipSync(archive))) {
	mkdirSync(dirname(join(scratch, name)), { recursive: true });
	writeFileSync(join(scratch, name), data);
}
const rebuilt = join(scratch, names.sourceFolder);
if (process.argv.includes('--clean-install')) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: rebuilt, stdio: 'inherit' });
else execFileSync('cp', ['-al', resolve('node_modules'), join(rebuilt, 'node_modules')]);

let differ = 0;
for (const browser of browsers) {
	const here = extensionZip(buildExtension('.', browser));
	const there = extensionZip(buildExtension(rebuilt, browser));
	if (!Object.keys(unzipSync(there)).includes(noticesFile)) throw new Error(`The ${browser.store} package has no ${noticesFile}`);
	const same = sha256(here) === sha256(there);
	console.log(
		`${names[browser.store]}: here ${sha256(here)}, from the source archive ${sha256(there)}: ${same ? 'identical' : 'DIFFERENT'}`,
	);
	if (!same) {
		const ours = unzipSync(here);
		const theirs = unzipSync(there);
		const files = [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort();
		for (const file of files)
			if (sha256(ours[file] ?? new Uint8Array()) !== sha256(theirs[file] ?? new Uint8Array())) console.log(`  differs: ${file}`);
		differ += 1;
	}
}
rmSync(scratch, { recursive: true, force: true });
if (differ > 0) process.exit(1);
