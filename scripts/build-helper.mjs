// Builds the command-line helper into dist-helper/helper.cjs (and the chunks it loads on demand), which
// Node runs with no TypeScript loader and no npm: the browser starts it directly. CommonJS, because
// Node starts it several milliseconds sooner than an ES module, and `credentials` runs on every AWS call.
import { copyFileSync } from 'node:fs';
import { build } from 'vite';

await build({
	configFile: false,
	logLevel: 'warn',
	publicDir: false,
	build: {
		ssr: 'src/helper/main.ts',
		outDir: 'dist-helper',
		emptyOutDir: true,
		target: 'node20',
		minify: false,
		sourcemap: false,
		rollupOptions: { output: { entryFileNames: 'helper.cjs', chunkFileNames: '[name].cjs', format: 'cjs' } },
	},
	ssr: { noExternal: true, target: 'node' },
});
// Read at the first message printed, so the common `credentials` path never parses it.
copyFileSync('public/_locales/en/messages.json', 'dist-helper/messages.json');
