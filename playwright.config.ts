import { defineConfig } from '@playwright/test';

// The Firefox driver speaks WebDriver BiDi over a WebSocket, which Node 20 has behind a flag (on by
// default from Node 22); the test workers inherit it from here.
if (typeof WebSocket === 'undefined' && !process.env.NODE_OPTIONS?.includes('--experimental-websocket')) {
	process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --experimental-websocket`.trim();
}

export default defineConfig<{ engine: 'chromium' | 'firefox' }>({
	testDir: 'e2e',
	// The e2e specs run in Chromium; the scenarios, written once against one page driver (e2e/driver),
	// run in Chromium and in firefox-esr, each browser a project and a suite of its own in npm test.
	projects: [
		{ name: 'e2e', testMatch: '**/*.spec.ts' },
		{ name: 'chromium scenarios', testMatch: '**/*.scenario.ts', use: { engine: 'chromium' } },
		{ name: 'firefox scenarios', testMatch: '**/*.scenario.ts', use: { engine: 'firefox' } },
	],
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
