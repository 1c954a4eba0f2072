import { configDefaults, defineConfig } from 'vitest/config';
import { awsRegionTable } from './scripts/aws-regions.ts';
import { executableTests } from './vitest.executables.config.ts';

export default defineConfig({
	// The same region table as the build; the SDK's own partition table stays whole, for tests to compare with.
	plugins: [awsRegionTable({ trimSdkPartitions: false })],
	test: {
		include: ['src/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
		// Run on their own, after these (vitest.executables.config.ts).
		exclude: [...configDefaults.exclude, ...executableTests],
		setupFiles: ['src/test-setup.ts'],
		testTimeout: 20_000,
		// A stray .only would silently run one test.
		allowOnly: false,
	},
});
