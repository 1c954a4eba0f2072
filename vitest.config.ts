import { defineConfig } from 'vitest/config';
import { awsRegionTable } from './scripts/aws-regions.ts';

export default defineConfig({
	// The same region table as the build; the SDK's own partition table stays whole, for tests to compare with.
	plugins: [awsRegionTable({ trimSdkPartitions: false })],
	test: {
		include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'scripts/**/*.test.ts'],
		setupFiles: ['src/test-setup.ts'],
		testTimeout: 20_000,
		// A stray .only would silently run one test.
		allowOnly: false,
	},
});
