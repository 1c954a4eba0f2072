import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
		setupFiles: ['src/test-setup.ts'],
		testTimeout: 20_000,
		// A stray .only would silently run one test.
		allowOnly: false,
	},
});
