// `npm run package`: upload-ready archives for the Chrome Web Store and addons.mozilla.org, plus
// the source archive AMO reviewers ask for. The version comes from package.json alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

mkdirSync('artifacts', { recursive: true });
run('npx', ['vite', 'build', '--logLevel', 'warn']);
run('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn']);
for (const [dir, store] of [
	['dist', 'chrome'],
	['dist-firefox', 'firefox'],
]) {
	run('npx', [
		'web-ext',
		'build',
		'--source-dir',
		dir,
		'--artifacts-dir',
		'artifacts',
		'--filename',
		`mfa-session-${store}-${version}.zip`,
		'--overwrite-dest',
	]);
}
// Reviewers rebuild from exactly what is committed: README.md says how.
run('git', ['archive', '--format=zip', '--prefix', `mfa-session-${version}/`, '-o', `artifacts/mfa-session-source-${version}.zip`, 'HEAD']);
console.log(`artifacts/: mfa-session-chrome-${version}.zip, mfa-session-firefox-${version}.zip, mfa-session-source-${version}.zip`);
