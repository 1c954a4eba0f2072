// Builds the command-line helper into one JavaScript file, dist-helper/helper.mjs, which Node runs
// with no TypeScript loader and no npm: the browser starts it directly.
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
		rollupOptions: { output: { entryFileNames: 'helper.mjs', chunkFileNames: '[name].mjs', format: 'es' } },
	},
	ssr: { noExternal: true, target: 'node' },
});
// Read at the first message printed, so the common `credentials` path never parses it.
copyFileSync('public/_locales/en/messages.json', 'dist-helper/messages.json');
