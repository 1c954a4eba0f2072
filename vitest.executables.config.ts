// The helper executables' tests (npm test's "helper executables" suite): each builds Bun executables
// of 90-120 MB, so they run one file at a time after the unit tests rather than beside them.
import { configDefaults, defineConfig } from 'vitest/config';

export const executableTests = ['scripts/helper-executable.test.ts', 'scripts/macho-sign.test.ts'];

export default defineConfig({
	test: {
		include: executableTests,
		exclude: [...configDefaults.exclude],
		setupFiles: ['src/test-setup.ts'],
		fileParallelism: false,
		allowOnly: false,
	},
});
