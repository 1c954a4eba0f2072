// `npm test`: builds the extension, runs the unit suite (Vitest) and the end-to-end suite
// (Playwright in Debian's Chromium), then prints one line that sums both.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function run(command, args) {
	const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false });
	return status ?? 1;
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const buildStatus = run('npx', ['vite', 'build', '--logLevel', 'warn']);
const unitStatus = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}/unit.json`]);
const e2eStatus = buildStatus === 0 ? run('npx', ['playwright', 'test']) : 1;

const unit = readJson(`${results}/unit.json`);
const e2e = readJson(`${results}/e2e.json`);
const suites = [
	{ name: 'unit', passed: unit?.numPassedTests ?? 0, failed: unit ? unit.numFailedTests : 1, status: unitStatus },
	{ name: 'e2e', passed: e2e?.stats.expected ?? 0, failed: e2e ? e2e.stats.unexpected + e2e.stats.flaky : 1, status: e2eStatus },
];
let passed = 0;
let failed = buildStatus === 0 ? 0 : 1;
for (const suite of suites) {
	// A runner that crashed without reporting counts as one failure, so it can never pass silently.
	const suiteFailed = suite.status !== 0 && suite.failed === 0 ? 1 : suite.failed;
	console.log(`${suite.name}: ${suite.passed} passed, ${suiteFailed} failed`);
	passed += suite.passed;
	failed += suiteFailed;
}
if (buildStatus !== 0) console.log('build: failed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
