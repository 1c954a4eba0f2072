// `npm test`: builds the extension and the command-line helper, then runs every suite — static checks (Biome, TypeScript),
// unit tests (Vitest), the helper executables (Vitest, one file at a time), end-to-end tests (Playwright in Debian's Chromium), the Firefox build with
// AMO's linter and the policy check in firefox-esr (the scenarios run in it with Playwright), the store packages rebuilt from the source archive,
// and the bundle-size budgets — and prints one line that sums them all: `N passed, N failed, N skipped`.
// A skip fails the run unless tests/declared-skips.json gives its reason, and a suite that runs fewer
// tests than its floor in tests/floors.json fails too (scripts/tally.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { budgetRows, judge, playwrightProject, summary, vitestSkips } from './tally.ts';

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** Runs a command with its output shown live; `capture` also returns what it printed. */
function run(command, args, capture = false) {
	if (!capture) return { status: spawnSync(command, args, { stdio: 'inherit', shell: false }).status ?? 1, stdout: '' };
	const { status, stdout } = spawnSync(command, args, { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 << 20 });
	process.stdout.write(stdout ?? '');
	return { status: status ?? 1, stdout: stdout ?? '' };
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

/** A command that passes or fails as a whole counts as one test. */
function check(command, args) {
	const { status } = run(command, args);
	return { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skippedTests: [], status };
}

const build = check('npx', ['vite', 'build', '--logLevel', 'warn']);
const suites = [{ name: 'build', ...build }];
// The command-line helper, which unit and end-to-end tests run as a process.
suites.push({ name: 'helper build', ...check('node', ['scripts/build-helper.mjs']) });
suites.push({ name: 'lint', ...check('npx', ['biome', 'check', '.']) });
suites.push({ name: 'types', ...check('npx', ['tsc', '--noEmit']) });

/** One Vitest run's counts, from its JSON report. */
function vitestRun(report, extraArgs) {
	const { status } = run('npx', [
		'vitest',
		'run',
		...extraArgs,
		'--reporter=default',
		'--reporter=json',
		`--outputFile=${results}/${report}.json`,
	]);
	const json = readJson(`${results}/${report}.json`);
	return { passed: json?.numPassedTests ?? 0, failed: json ? json.numFailedTests : 1, skippedTests: json ? vitestSkips(json) : [], status };
}
// Then the helper executables' tests, one file at a time (vitest.executables.config.ts): the helper built
// with Bun for each system, installed into a temporary home and system folders, built twice byte for byte,
// the darwin signatures' page hashes recomputed. They count as unit tests.
const unitRuns = [vitestRun('unit', []), vitestRun('executables', ['--config', 'vitest.executables.config.ts'])];
suites.push({
	name: 'unit',
	passed: unitRuns[0].passed + unitRuns[1].passed,
	failed: unitRuns[0].failed + unitRuns[1].failed,
	skippedTests: [...unitRuns[0].skippedTests, ...unitRuns[1].skippedTests],
	status: unitRuns[0].status || unitRuns[1].status,
});

if (build.status === 0) {
	// The scenarios install dist-firefox as an XPI, so the Firefox build comes before the Playwright run.
	const firefoxBuild = check('npx', ['vite', 'build', '--mode', 'firefox', '--logLevel', 'warn']);
	const e2eRun = run('npx', ['playwright', 'test']);
	const e2e = readJson(`${results}/e2e.json`);
	// One run, a suite per Playwright project: the Chromium specs, and the scenario list in Chromium and in firefox-esr.
	const { default: playwrightConfig } = await import('../playwright.config.ts');
	for (const { name: project } of playwrightConfig.projects) {
		const counts = e2e ? playwrightProject(e2e, project) : { passed: 0, failed: 1, skippedTests: [] };
		// Errors outside any test (a broken config, a crashed worker) fail the first suite; without a report, every one fails.
		if (project === 'e2e') counts.failed += e2e?.errors?.length ?? 0;
		suites.push({ name: project, ...counts, status: e2e ? 0 : e2eRun.status || 1 });
	}
	suites.push({ name: 'firefox build', ...firefoxBuild });
	suites.push({ name: 'firefox lint', ...check('npx', ['web-ext', 'lint', '--source-dir', 'dist-firefox']) });
	suites.push({ name: 'firefox policy', ...check('node', ['--experimental-websocket', '--import', 'tsx', 'firefox/policy-check.ts']) });
	// Builds both browsers again from the source archive, unpacked elsewhere, and compares the zips byte for byte.
	suites.push({ name: 'reproducible packages', ...check('npx', ['tsx', 'scripts/reproduce.ts']) });
	const sizes = run('npx', ['tsx', 'scripts/bench.ts', '--sizes-only'], true);
	suites.push({ name: 'size budgets', ...budgetRows(sizes.stdout), skippedTests: [], status: sizes.status });
}

const declared = readJson('tests/declared-skips.json').skips;
const floors = readJson('tests/floors.json').floors;
const total = { passed: 0, failed: 0, skipped: 0 };
for (const suite of suites) {
	const verdict = judge(suite, declared, floors[suite.name]);
	console.log(`${suite.name}: ${summary(verdict)}`);
	for (const problem of verdict.problems) console.log(`  ${problem}`);
	total.passed += verdict.passed;
	total.failed += verdict.failed;
	total.skipped += verdict.skipped;
}
console.log(summary(total));
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
