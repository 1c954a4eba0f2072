// `npm run package`: upload-ready archives for the Chrome Web Store and addons.mozilla.org, plus
// the source archive AMO reviewers ask for, all in artifacts/. The version comes from package.json alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const artifacts = 'artifacts';

/** Runs a command in the repository, its output shown as it goes. */
function run(command, args) {
	execFileSync(command, args, { stdio: 'inherit' });
}

/** Builds one browser's extension and checks the manifest carries package.json's version. */
function build(mode, dir) {
	run('npx', ['vite', 'build', '--mode', mode, '--logLevel', 'warn']);
	const built = JSON.parse(readFileSync(`${dir}/manifest.json`, 'utf8')).version;
	if (built !== version) throw new Error(`${dir}/manifest.json says ${built}, package.json says ${version}`);
}

/** Zips a built extension with web-ext, which leaves out what a store must not receive. */
function zip(dir, name) {
	run('npx', ['web-ext', 'build', '--source-dir', dir, '--artifacts-dir', artifacts, '--filename', name, '--overwrite-dest']);
	return name;
}

/** The committed tree as a zip: reviewers rebuild from exactly what is committed, as README.md says. */
function sourceArchive(name) {
	if (execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).trim()) {
		console.warn('Uncommitted changes are not in the source archive: it holds HEAD.');
	}
	run('git', ['archive', '--format=zip', '--prefix', `mfa-session-${version}/`, '-o', `${artifacts}/${name}`, 'HEAD']);
	return name;
}

mkdirSync(artifacts, { recursive: true });
build('store', 'dist');
// The unpacked build's pinned id must not reach the store: it refuses manifests with a key.
if ('key' in JSON.parse(readFileSync('dist/manifest.json', 'utf8'))) throw new Error('dist/manifest.json has a key; the store refuses it');
build('firefox', 'dist-firefox');
// AMO rejects what web-ext lint calls an error; fail here rather than at upload.
run('npx', ['web-ext', 'lint', '--source-dir', 'dist-firefox', '--output', 'text']);
const written = [
	zip('dist', `mfa-session-chrome-${version}.zip`),
	zip('dist-firefox', `mfa-session-firefox-${version}.zip`),
	sourceArchive(`mfa-session-source-${version}.zip`),
];
for (const name of written) console.log(`${artifacts}/${name}\t${statSync(`${artifacts}/${name}`).size} bytes`);
