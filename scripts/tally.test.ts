import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { budgetRows, judge, playwrightProject, playwrightSkips, type SuiteReport, summary, vitestSkips } from './tally';

const suite = (over: Partial<SuiteReport> = {}): SuiteReport => ({
	name: 'unit',
	passed: 10,
	failed: 0,
	skippedTests: [],
	status: 0,
	...over,
});

describe('judge', () => {
	it('passes a suite that ran its floor with no skip', () => {
		expect(judge(suite(), [], 10)).toEqual({ name: 'unit', passed: 10, failed: 0, skipped: 0, problems: [] });
	});

	it('fails an undeclared skip, and a declared one without a reason', () => {
		const verdict = judge(suite({ skippedTests: ['a', 'b'] }), [{ suite: 'unit', test: 'b', reason: ' ' }], 10);
		expect(verdict.failed).toBe(2);
		expect(verdict.skipped).toBe(2);
		expect(verdict.problems).toEqual(['skipped without a declared reason: a', 'skipped without a declared reason: b']);
	});

	it('lets a skip declared with a reason for this suite pass, not one declared for another suite', () => {
		const declared = [
			{ suite: 'unit', test: 'a', reason: 'needs a GPU' },
			{ suite: 'e2e', test: 'b', reason: 'needs a GPU' },
		];
		const verdict = judge(suite({ skippedTests: ['a', 'b'] }), declared, 10);
		expect(verdict.problems).toEqual(['skipped without a declared reason: b']);
		expect(verdict).toMatchObject({ passed: 10, failed: 1, skipped: 2 });
	});

	it('fails a suite that ran fewer tests than its floor, or has none', () => {
		expect(judge(suite({ passed: 9 }), [], 10).problems).toEqual(['ran 9 tests, fewer than its floor of 10']);
		expect(judge(suite(), [], undefined).failed).toBe(1);
	});

	it('counts a runner that exited nonzero without a failed test as one failure', () => {
		expect(judge(suite({ status: 1 }), [], 10).failed).toBe(1);
		expect(judge(suite({ status: 1, failed: 3, passed: 7 }), [], 10).failed).toBe(3);
	});
});

describe('what the runners report', () => {
	it('reads skipped, pending and todo tests from Vitest', () => {
		const report = {
			testResults: [
				{
					assertionResults: [
						{ fullName: 'x passes', status: 'passed' },
						{ fullName: 'x fails', status: 'failed' },
						{ fullName: 'x skipped', status: 'skipped' },
						{ fullName: 'x pending', status: 'pending' },
						{ fullName: 'x todo', status: 'todo' },
					],
				},
			],
		};
		expect(vitestSkips(report)).toEqual(['x skipped', 'x pending', 'x todo']);
	});

	it('reads skipped tests from Playwright, nested suites named by their path', () => {
		const report = {
			suites: [
				{
					title: 'a.spec.ts',
					specs: [{ title: 'runs', tests: [{ status: 'expected' }] }],
					suites: [{ title: 'group', specs: [{ title: 'skipped', tests: [{ status: 'skipped' }] }] }],
				},
			],
		};
		expect(playwrightSkips(report)).toEqual(['a.spec.ts › group › skipped']);
	});

	it('counts each Playwright project on its own: passed, failed (flaky included) and skipped', () => {
		const tests = (...pairs: [string, string][]) => pairs.map(([projectName, status]) => ({ projectName, status }));
		const report = {
			suites: [
				{
					title: 'x.scenario.ts',
					specs: [
						{ title: 'one', tests: tests(['chromium scenarios', 'expected'], ['firefox scenarios', 'unexpected']) },
						{ title: 'two', tests: tests(['chromium scenarios', 'flaky'], ['firefox scenarios', 'skipped']) },
						{ title: 'three', tests: tests(['chromium scenarios', 'expected'], ['firefox scenarios', 'expected']) },
					],
				},
				{ title: 'y.spec.ts', specs: [{ title: 'spec', tests: tests(['e2e', 'expected']) }] },
			],
		};
		expect(playwrightProject(report, 'chromium scenarios')).toEqual({ passed: 2, failed: 1, skippedTests: [] });
		expect(playwrightProject(report, 'firefox scenarios')).toEqual({ passed: 1, failed: 1, skippedTests: ['x.scenario.ts › two'] });
		expect(playwrightProject(report, 'e2e')).toEqual({ passed: 1, failed: 0, skippedTests: [] });
	});

	it('counts every size budget, passed or failed, as bench.ts prints them', () => {
		const table = [
			'| what | value | budget | result |',
			'| popup | 9 KB | ≤ 12 KB | pass |',
			'| worker | 80 KB | ≤ 70 KB | **FAIL** |',
		].join('\n');
		expect(budgetRows(table)).toEqual({ passed: 1, failed: 1 });
		expect(readFileSync(new URL('./bench.ts', import.meta.url), 'utf8')).toContain("check.pass ? 'pass' : '**FAIL**'");
	});

	it('prints passed, failed and skipped', () => {
		expect(summary({ passed: 3, failed: 1, skipped: 2 })).toBe('3 passed, 1 failed, 2 skipped');
	});
});

describe('the lists npm test reads', () => {
	const json = (path: string) => JSON.parse(readFileSync(new URL(`../tests/${path}`, import.meta.url), 'utf8'));

	it('declares every skip with a suite, a test and a reason', () => {
		for (const skip of json('declared-skips.json').skips) {
			expect(skip).toEqual({
				suite: expect.stringMatching(/\S/),
				test: expect.stringMatching(/\S/),
				reason: expect.stringMatching(/\S{3}/),
			});
		}
	});

	it('has a floor for every suite npm test runs', () => {
		const runner = readFileSync(new URL('./test.mjs', import.meta.url), 'utf8');
		// Besides the suites test.mjs names, each Playwright project is a suite.
		const config = readFileSync(new URL('../playwright.config.ts', import.meta.url), 'utf8');
		const names = [...`${runner}\n${config}`.matchAll(/name: '([^']+)'/g)].map((match) => match[1]);
		expect(runner).toContain('playwrightConfig.projects');
		expect(names.length).toBeGreaterThan(5);
		expect(Object.keys(json('floors.json').floors).sort()).toEqual([...names].sort());
	});
});

describe('.only cannot slip through', () => {
	it('is refused by both runners', async () => {
		const vitest = (await import('../vitest.config')).default as { test?: { allowOnly?: boolean } };
		expect(vitest.test?.allowOnly).toBe(false);
		const playwright = (await import('../playwright.config')).default as { forbidOnly?: boolean };
		expect(playwright.forbidOnly).toBe(true);
	});
});
