// The arithmetic of `npm test`'s last line: what each runner reported, which skips were declared,
// and whether a suite ran fewer tests than its floor. Pure, so its rules are unit-tested.

/** A skip that is allowed, with the reason a reader can check. `test` is the full name the runner reports. */
export interface DeclaredSkip {
	suite: string;
	test: string;
	reason: string;
}

/** What one suite reported. `skippedTests` names every test that did not run. */
export interface SuiteReport {
	name: string;
	passed: number;
	failed: number;
	skippedTests: string[];
	/** The runner's exit status; a nonzero status with no failed test counts as one failure. */
	status: number;
}

/** One line of the summary, with the reasons it fails. */
export interface SuiteVerdict {
	name: string;
	passed: number;
	failed: number;
	skipped: number;
	problems: string[];
}

/** The names of the tests a Vitest JSON report did not run (skipped, pending or todo). */
export function vitestSkips(report: { testResults?: { assertionResults?: { fullName?: string; title?: string; status?: string }[] }[] }) {
	return (report.testResults ?? []).flatMap((file) =>
		(file.assertionResults ?? [])
			.filter((test) => test.status !== 'passed' && test.status !== 'failed')
			.map((test) => test.fullName ?? test.title ?? '(unnamed)'),
	);
}

interface PlaywrightSuite {
	title?: string;
	specs?: { title: string; tests?: { status?: string; projectName?: string }[] }[];
	suites?: PlaywrightSuite[];
}

/** Every test of a Playwright JSON report, with its full name (`file › describe › title`), project and status. */
function playwrightTests(report: { suites?: PlaywrightSuite[] }): { name: string; project?: string; status?: string }[] {
	const walk = (suite: PlaywrightSuite, path: string[]): { name: string; project?: string; status?: string }[] => [
		...(suite.specs ?? []).flatMap((spec) =>
			(spec.tests ?? []).map((test) => ({ name: [...path, spec.title].join(' › '), project: test.projectName, status: test.status })),
		),
		...(suite.suites ?? []).flatMap((child) => walk(child, [...path, child.title ?? ''])),
	];
	return (report.suites ?? []).flatMap((suite) => walk(suite, [suite.title ?? '']));
}

/** The names (`file › describe › title`) of the tests a Playwright JSON report skipped. */
export function playwrightSkips(report: { suites?: PlaywrightSuite[] }): string[] {
	return playwrightTests(report)
		.filter((test) => test.status === 'skipped')
		.map((test) => test.name);
}

/**
 * One project's counts from a Playwright JSON report, which holds every project's tests: each
 * project is a suite of its own in npm test. A flaky test (passed only on a retry) counts as failed.
 */
export function playwrightProject(
	report: { suites?: PlaywrightSuite[] },
	project: string,
): { passed: number; failed: number; skippedTests: string[] } {
	const tests = playwrightTests(report).filter((test) => test.project === project);
	return {
		passed: tests.filter((test) => test.status === 'expected').length,
		failed: tests.filter((test) => test.status === 'unexpected' || test.status === 'flaky').length,
		skippedTests: tests.filter((test) => test.status === 'skipped').map((test) => test.name),
	};
}

/** Checks a suite against the declared skips and its floor (the fewest tests it may run). */
export function judge(suite: SuiteReport, declared: readonly DeclaredSkip[], floor: number | undefined): SuiteVerdict {
	const problems: string[] = [];
	const allowed = declared.filter((skip) => skip.suite === suite.name && skip.reason.trim() !== '');
	for (const test of suite.skippedTests) {
		if (!allowed.some((skip) => skip.test === test)) problems.push(`skipped without a declared reason: ${test}`);
	}
	const ran = suite.passed + suite.failed;
	if (floor === undefined) problems.push(`no floor for this suite in tests/floors.json (it ran ${ran})`);
	else if (ran < floor) problems.push(`ran ${ran} tests, fewer than its floor of ${floor}`);
	// A runner that crashed without reporting counts as one failure, so it can never pass silently.
	const failed = suite.status !== 0 && suite.failed === 0 ? 1 : suite.failed;
	return { name: suite.name, passed: suite.passed, failed: failed + problems.length, skipped: suite.skippedTests.length, problems };
}

/** The rows of the size-budget table that bench.ts prints, passed or failed. */
export function budgetRows(markdown: string): { passed: number; failed: number } {
	const rows = markdown.split('\n').filter((line) => /\| (pass|\*\*FAIL\*\*) \|\s*$/.test(line));
	const failed = rows.filter((line) => /\| \*\*FAIL\*\* \|\s*$/.test(line)).length;
	return { passed: rows.length - failed, failed };
}

/** `N passed, N failed, N skipped`. */
export function summary(counts: { passed: number; failed: number; skipped: number }): string {
	return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}
