import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { awsRegionTable } from './scripts/aws-regions.ts';
import { thirdPartyNotices } from './scripts/third-party-notices.ts';
import { geckoId, unpackedManifestKey } from './src/helper/extension-id.ts';

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

/**
 * The SDK hashes with WebCrypto and keeps a pure-JS SHA-256 for runtimes without it or for bodies
 * over 8 MB. An extension always has WebCrypto and an STS request is a few hundred bytes: the
 * fallback is left out, and would say so if it were ever reached.
 */
function sdkWithoutJsSha256(): Plugin {
	const stub = '\0sdk-sha256-js';
	return {
		name: 'sdk-without-js-sha256',
		enforce: 'pre',
		resolveId(source, importer) {
			return source === './Sha256Js' && importer?.includes('Sha256WebCrypto') ? stub : null;
		},
		load(id) {
			if (id !== stub) return null;
			return 'export class Sha256Js { constructor() { throw new Error("SHA-256 needs WebCrypto here"); } }';
		},
	};
}
/** The STS client reads only `version` from its package.json (for the user agent); the rest stays out of the worker. */
function sdkPackageVersionOnly(): Plugin {
	return {
		name: 'sdk-package-version-only',
		enforce: 'pre',
		load(id) {
			if (!/@aws-sdk[\\/]client-sts[\\/]package\.json$/.test(id)) return null;
			const { version } = JSON.parse(readFileSync(id, 'utf8')) as { version: string };
			return JSON.stringify({ version });
		},
	};
}
/**
 * What the SDK carries that the worker's STS calls never use, one module each: the endpoint rules
 * engine, the retry strategies, SigV4a for S3 multi-region access points (the worker always signs for
 * one region, never `*`), S3's bucket rules for endpoints, the auth schemes beside SigV4, the logging
 * step (the worker gives the client no logger: nothing of a request is ever logged), and the SDK's
 * `x-amz-user-agent` header (STS needs none; AWS sees only the browser's own User-Agent). Each is
 * replaced by what STS needs of it, and says so if it were ever asked for more.
 */
function sdkStsOnly(): Plugin {
	const sts = 'throw new Error("STS does not use this")';
	const replaced: [RegExp, string][] = [
		[
			// The worker names its STS endpoint on every client (lib/endpoints.ts decides it, for AWS's hosts
			// too), and for a named endpoint STS's own rules give that URL back with nothing added. The rules
			// engine and its rule table are left out; a client without an endpoint would say so.
			/@aws-sdk[\\/]client-sts[\\/]dist-es[\\/]endpoint[\\/]endpointResolver\.js$/,
			[
				'export const defaultEndpointResolver = ({ Endpoint }) => {',
				'	if (typeof Endpoint !== "string") throw new Error("The STS endpoint is always named");',
				'	return { url: new URL(Endpoint) };',
				'};',
			].join('\n'),
		],
		[
			// Every STS call is made once (`maxAttempts: 1` in background/sts.ts): a one-time code must never be
			// sent twice. The SDK's retry strategies, rate limiter and error classification are left out; the
			// stack keeps a step named `retryMiddleware` that only passes the request on, because the signing
			// step is placed after it by name.
			/@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]retry[\\/]index\.browser\.js$/,
			[
				'export const DEFAULT_MAX_ATTEMPTS = 1;',
				'export const DEFAULT_RETRY_MODE = "standard";',
				'export const RETRY_MODES = { STANDARD: "standard", ADAPTIVE: "adaptive" };',
				'const once = { mode: "standard" };',
				'export const resolveRetryConfig = (input) => ({ ...input, maxAttempts: async () => 1, retryStrategy: async () => once });',
				'const step = { name: "retryMiddleware", tags: ["RETRY"], step: "finalizeRequest", priority: "high", override: true };',
				'export const getRetryPlugin = () => ({ applyToStack: (stack) => stack.add((next) => (args) => next(args), step) });',
			].join('\n'),
		],
		[
			/@aws-sdk[\\/]signature-v4-multi-region[\\/]dist-es[\\/]SignatureV4MultiRegion\.js$/,
			[
				'import { SignatureV4SignWithCredentials } from "./SignatureV4SignWithCredentials";',
				'export class SignatureV4MultiRegion extends SignatureV4SignWithCredentials {',
				'	static sigv4aDependency() { return "none"; }',
				`	async sign(request, options = {}) { if (options.signingRegion === "*") ${sts}; return super.sign(request, options); }`,
				'}',
			].join('\n'),
		],
		[
			/@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]endpoints[\\/]middleware-endpoint[\\/]service-customizations[\\/]s3\.js$/,
			[
				'export const DOT_PATTERN = /\\./;',
				'export const S3_HOSTNAME_PATTERN = /^$/;',
				`export const resolveParamsForS3 = () => { ${sts}; };`,
				'export const isDnsCompatibleBucketName = resolveParamsForS3;',
				'export const isArnBucketName = resolveParamsForS3;',
			].join('\n'),
		],
		[
			// For a named endpoint STS's rules add no auth scheme: every call the worker makes is SigV4, for the client's region.
			/@aws-sdk[\\/]client-sts[\\/]dist-es[\\/]auth[\\/]httpAuthSchemeProvider\.js$/,
			[
				'import { resolveAwsSdkSigV4Config } from "@aws-sdk/core/httpAuthSchemes";',
				'import { getSmithyContext, normalizeProvider } from "@smithy/core/client";',
				'export const defaultSTSHttpAuthSchemeParametersProvider = async (config, context) => ({ operation: getSmithyContext(context).operation, region: await normalizeProvider(config.region)() });',
				'const signingProperties = (config, context) => ({ signingProperties: { config, context } });',
				'export const defaultSTSHttpAuthSchemeProvider = ({ region }) => [{ schemeId: "aws.auth#sigv4", signingProperties: { name: "sts", region }, propertiesExtractor: signingProperties }];',
				'export const resolveHttpAuthSchemeConfig = (config) => Object.assign(resolveAwsSdkSigV4Config(config), { authSchemePreference: normalizeProvider(config.authSchemePreference ?? []) });',
			].join('\n'),
		],
		[
			/@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]middleware-logger[\\/]loggerMiddleware\.js$/,
			[
				'export const loggerMiddlewareOptions = { name: "loggerMiddleware", tags: ["LOGGER"], step: "initialize", override: true };',
				'export const loggerMiddleware = () => (next) => (args) => next(args);',
				'export const getLoggerPlugin = () => ({ applyToStack: (stack) => stack.add(loggerMiddleware(), loggerMiddlewareOptions) });',
			].join('\n'),
		],
		[
			/@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]middleware-user-agent[\\/]user-agent-middleware\.js$/,
			[
				'export const getUserAgentMiddlewareOptions = { name: "getUserAgentMiddleware", step: "build", priority: "low", tags: ["SET_USER_AGENT", "USER_AGENT"], override: true };',
				'export const userAgentMiddleware = () => (next) => (args) => next(args);',
				'export const getUserAgentPlugin = () => ({ applyToStack: (stack) => stack.add(userAgentMiddleware(), getUserAgentMiddlewareOptions) });',
			].join('\n'),
		],
		[
			/@aws-sdk[\\/]core[\\/]dist-es[\\/]submodules[\\/]client[\\/]util-user-agent-browser[\\/]defaultUserAgent\.js$/,
			[
				'export { createUserAgentStringParsingProvider } from "./createUserAgentStringParsingProvider";',
				'export const createDefaultUserAgentProvider = () => async () => [];',
				'export const defaultUserAgent = createDefaultUserAgentProvider;',
				'export const fallback = { os: () => undefined, browser: () => undefined };',
			].join('\n'),
		],
	];
	return {
		name: 'sdk-sts-only',
		enforce: 'pre',
		load(id) {
			return replaced.find(([pattern]) => pattern.test(id))?.[1] ?? null;
		},
	};
}
/**
 * STS answers no event streams, yet the SDK's protocol layer loads their serde through a dynamic
 * import, which also brings a module-preload helper into the worker. Refuse it at build time instead.
 */
function sdkWithoutEventStreams(): Plugin {
	const load = /await import\("@smithy\/core\/event-streams"\)/;
	return {
		name: 'sdk-without-event-streams',
		transform(code, id) {
			if (!id.includes('@smithy/core') || !load.test(code)) return null;
			return { code: code.replace(load, 'await Promise.reject(new Error("STS answers no event streams"))'), map: null };
		},
	};
}
/**
 * The one manifest, adapted for Firefox: an event page instead of a service worker, no offscreen
 * permission (the event page has a DOM and uses the clipboard itself), and a gecko id.
 * 140 is the first ESR with `data_collection_permissions`, which AMO requires of new add-ons;
 * everything else used (storage.session, event pages, commands, optional clipboardRead) is older.
 * Android got `data_collection_permissions` in 142.
 */
function firefoxManifest(): ManifestV3Export {
	// Firefox reads extension policy from policies.json without a schema in the manifest.
	const { minimum_chrome_version: _chromeOnly, storage: _chromeSchema, background, permissions, ...rest } = manifest;
	return {
		...rest,
		version: pkg.version,
		permissions: permissions.filter((permission) => permission !== 'offscreen'),
		background: { scripts: [background.service_worker], type: 'module' },
		browser_specific_settings: {
			gecko: { id: geckoId, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
			gecko_android: { strict_min_version: '142.0' },
		},
	} as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
	const firefox = mode === 'firefox';
	// `npm run trace` profiles an unminified copy, so the profile names the functions.
	const trace = mode === 'trace';
	// The unpacked build pins its id with a public key, so the helper's host manifest can name it;
	// the store package (`--mode store`) has none: the Chrome Web Store refuses a key and assigns its own id.
	const key = firefox || mode === 'store' ? {} : { key: unpackedManifestKey };
	const target = { ...(firefox ? firefoxManifest() : manifest), ...key, version: pkg.version } as ManifestV3Export;
	// The offscreen document is not named in the manifest; Chrome opens it on demand. Firefox never needs it.
	const pagesOutsideManifest: Record<string, string> = firefox ? {} : { offscreen: 'src/offscreen/index.html' };
	// Firefox has no offscreen API: saying so at build time drops Chrome's offscreen path from its bundle.
	const define: Record<string, string> = firefox ? { 'chrome.offscreen': 'undefined' } : {};
	return {
		plugins: [
			sdkXmlParserInWorker(),
			sdkWithoutEventStreams(),
			sdkPackageVersionOnly(),
			sdkWithoutJsSha256(),
			sdkStsOnly(),
			awsRegionTable({ trimSdkPartitions: true }),
			preact(),
			crx({ manifest: target, browser: firefox ? 'firefox' : 'chrome' }),
			thirdPartyNotices(import.meta.dirname, 'MFA Session', pkg.version),
		],
		optimizeDeps: { exclude: ['@aws-sdk/xml-builder'] },
		define,
		build: {
			rollupOptions: {
				input: pagesOutsideManifest,
				// Few files per page: every extension resource is a round trip through the browser, and the
				// popup is timed from navigation to the code field. `common` holds what the worker shares
				// with the pages, so the worker never loads page code. (One group for every lib module shared
				// by two entries would make the popup load what only the worker and the options page use.)
				output: {
					codeSplitting: {
						groups: [
							{ name: 'pages', priority: 1, test: /node_modules[\\/]preact|src[\\/](ui|messages|page-browser)/ },
							{
								name: 'common',
								priority: 2,
								test: /src[\\/](i18n|lib[\\/](user-error|mfa-code|result|format-names|time-format|model|key-age))/,
							},
						],
					},
				},
			},
			// Extension pages load from disk and every browser that runs MV3 preloads modules itself.
			modulePreload: { polyfill: false },
			outDir: firefox ? 'dist-firefox' : trace ? 'dist-trace' : 'dist',
			minify: !trace,
			emptyOutDir: true,
			target: firefox ? 'firefox140' : 'chrome148',
			sourcemap: false,
		},
	};
});
