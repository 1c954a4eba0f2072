import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

const xmlParser = fileURLToPath(
	import.meta.resolve('@aws-sdk/xml-builder/dist-es/xml-parser.js', import.meta.resolve('@aws-sdk/client-sts')),
);

/**
 * The SDK's browser build parses XML with DOMParser, which service workers lack
 * (aws/aws-sdk-js-v3#7375). Point its browser mapping back at the SDK's own pure-JS parser,
 * for the build and for the dev server's dependency pre-bundling alike.
 */
function sdkXmlParserInWorker(): Plugin {
	return {
		name: 'sdk-xml-parser-in-worker',
		enforce: 'pre',
		resolveId(source, importer) {
			if (importer?.includes('@aws-sdk/xml-builder') && /\/xml-parser(\.browser)?(\.js)?$/.test(source)) return xmlParser;
			return null;
		},
	};
}

/** The one manifest, adapted for Firefox: an event page instead of a service worker, and a gecko id. */
function firefoxManifest(): ManifestV3Export {
	const { minimum_chrome_version: _chromeOnly, background, permissions, ...rest } = manifest;
	return {
		...rest,
		// Firefox's event page has a DOM and uses the clipboard itself: no offscreen document.
		permissions: permissions.filter((permission) => permission !== 'offscreen'),
		background: { scripts: [background.service_worker], type: 'module' },
		browser_specific_settings: {
			gecko: { id: 'mfa-session@mfa-session.app', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
		},
	} as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
	const firefox = mode === 'firefox';
	const target = { ...(firefox ? firefoxManifest() : manifest), version: pkg.version } as ManifestV3Export;
	return {
		plugins: [sdkXmlParserInWorker(), preact(), crx({ manifest: target, browser: firefox ? 'firefox' : 'chrome' })],
		optimizeDeps: { exclude: ['@aws-sdk/xml-builder'] },
		build: {
			// The offscreen document is not named in the manifest; Chrome opens it on demand.
			rollupOptions: { input: { offscreen: 'src/offscreen/index.html' } },
			// Extension pages load from disk and every browser that runs MV3 preloads modules itself.
			modulePreload: { polyfill: false },
			outDir: firefox ? 'dist-firefox' : 'dist',
			emptyOutDir: true,
			target: firefox ? 'firefox128' : 'chrome120',
			sourcemap: false,
		},
	};
});
