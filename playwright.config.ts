import { defineConfig } from '@playwright/test';

export default defineConfig({
	testDir: 'e2e',
	testMatch: '**/*.spec.ts',
	// Each test launches its own browser with the extension; two cores fit two at a time.
	workers: 2,
	fullyParallel: true,
	retries: 0,
	// A stray test.only would silently run one test; npm test counts what ran against tests/floors.json too.
	forbidOnly: true,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
	outputDir: 'test-results/artifacts',
});
