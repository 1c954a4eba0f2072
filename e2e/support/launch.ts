// Starts Debian's Chromium with the built extension loaded, as the tests, the benchmark and the
// demo all need it. Never downloads a browser.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { unpackedExtensionId } from '../../src/helper/extension-id';

/** Where the Chrome build lands. */
export const distDir = resolve(import.meta.dirname, '..', '..', 'dist');

/** The browser used everywhere: Debian's package, or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A browser with the extension, its id, and its service worker. */
export interface ExtensionBrowser {
	context: BrowserContext;
	extensionId: string;
	userDataDir: string;
	worker: Worker;
	/** Every console message of every page and worker of the extension, as text, with its arguments' values. */
	consoleLog: string[];
	/** Everything the browser itself logged: every console message of every page and worker, from its first line. */
	consoleFile: string;
	/** Secrets the test made or saw beyond the fixtures' own (a new passphrase, a vault key): the scans look for them too. */
	secrets: string[];
	/** Closes the browser once every console argument has been read. */
	close(): Promise<void>;
}

/** Keeps the text of every console message, with the values of its arguments where they serialise; `settled` waits for those values. */
function recordConsole(context: BrowserContext): { log: string[]; settled: () => Promise<unknown> } {
	const log: string[] = [];
	const pending: Promise<unknown>[] = [];
	context.on('console', (message) => {
		log.push(message.text());
		for (const argument of message.args()) {
			pending.push(
				argument.jsonValue().then(
					(value) => log.push(JSON.stringify(value)),
					() => undefined,
				),
			);
		}
	});
	context.on('weberror', (error) => log.push(String(error.error())));
	return { log, settled: () => Promise.all(pending) };
}

/** Flags that keep Chromium from dialling out on a closed network, and let it run as root. */
export const quietFlags = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--no-default-browser-check',
	'--disable-quic',
	'--disable-features=Translate,OptimizationHints,MediaRouter',
	// AWS's hosts never resolve, so no test, benchmark or demo can reach the real STS.
	'--host-resolver-rules=MAP *.amazonaws.com ~NOTFOUND, MAP *.amazonaws.com.cn ~NOTFOUND',
];

/** The extension's service worker; opening one of its pages wakes it if it is slow to start. */
export async function serviceWorkerOf(context: BrowserContext, extensionId: string): Promise<Worker> {
	const find = () => context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`));
	const started = find() ?? (await context.waitForEvent('serviceworker', { timeout: 5_000 }).catch(() => undefined));
	if (started?.url().startsWith(`chrome-extension://${extensionId}/`)) return started;
	const page = await context.newPage();
	await page.goto(`chrome-extension://${extensionId}/src/popup/index.html`);
	const worker = find() ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
	await page.close();
	return worker;
}

/**
 * Writes a new browser profile in which the person has already allowed these optional hosts, as
 * Chromium records an answered permission prompt (Linux keeps it in the plain Preferences file).
 * Tests about the prompt itself answer it for real under Xvfb instead.
 */
async function profileWithHosts(userDataDir: string, origins: readonly string[], apis: readonly string[] = []): Promise<void> {
	const permissions = { api: apis, explicit_host: origins, manifest_permissions: [], scriptable_host: [] };
	const settings = { [unpackedExtensionId]: { granted_permissions: permissions, active_permissions: permissions } };
	await mkdir(join(userDataDir, 'Default'), { recursive: true });
	await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
}

/** The id Chromium gives an unpacked extension without a manifest key: the SHA-256 of its path, first 32 hex digits spelled a to p. */
export function pathExtensionId(path: string): string {
	const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
	return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** Launches a persistent context with the extension and waits for its service worker. */
export async function launchWithExtension(
	options: {
		userDataDir?: string;
		headless?: boolean;
		args?: string[];
		display?: string;
		env?: NodeJS.ProcessEnv;
		grantedHosts?: readonly string[];
		/** Another launcher for the same browser, e.g. one that gives it a private policy folder. */
		executablePath?: string;
		/** Optional API permissions (e.g. clipboardRead) the person has already allowed. */
		grantedApis?: readonly string[];
		/** Another build of the extension than dist/ (the trace's unminified one). */
		extensionDir?: string;
	} = {},
): Promise<ExtensionBrowser> {
	const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mfa-session-profile-')));
	if ((options.grantedHosts?.length || options.grantedApis?.length) && !options.userDataDir)
		await profileWithHosts(userDataDir, options.grantedHosts ?? [], options.grantedApis ?? []);
	// The browser's own log holds every console message from the first line of every page and worker,
	// the toolbar popup's included, which a listener attached after launch would miss. Kept outside the
	// profile, in a folder of its own for each launch.
	const consoleFile = join(await mkdtemp(join(tmpdir(), 'mfa-session-console-')), 'chromium.log');
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: options.executablePath ?? chromiumPath,
		headless: options.headless ?? true,
		args: [
			...quietFlags,
			`--disable-extensions-except=${options.extensionDir ?? distDir}`,
			`--load-extension=${options.extensionDir ?? distDir}`,
			'--enable-logging',
			`--log-file=${consoleFile}`,
			'--log-level=0',
			...(options.args ?? []),
		],
		...(options.display || options.env
			? { env: { ...process.env, ...options.env, ...(options.display ? { DISPLAY: options.display } : {}) } }
			: {}),
	});
	const { log: consoleLog, settled } = recordConsole(context);
	// The unpacked build's manifest key pins its id, wherever dist/ is.
	const extensionId = unpackedExtensionId;
	const worker = await serviceWorkerOf(context, extensionId);
	const close = async () => {
		await settled();
		await context.close();
	};
	return { context, extensionId, userDataDir, worker, consoleLog, consoleFile, secrets: [], close };
}
