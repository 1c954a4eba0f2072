// Starts Debian's Chromium with the built extension loaded, as the tests, the benchmark and the
// demo all need it. Never downloads a browser.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { unpackedExtensionId } from '../src/helper/extension-id';

/** Where the Chrome build lands. */
export const distDir = resolve(import.meta.dirname, '..', 'dist');

/** The browser used everywhere: Debian's package, or CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A browser with the extension, its id, and its service worker. */
export interface ExtensionBrowser {
	context: BrowserContext;
	extensionId: string;
	userDataDir: string;
	worker: Worker;
	/** Every console message of every page and worker of the extension, as text. */
	consoleLog: string[];
}

/** Keeps the text of every console message, with the values of its arguments where they serialise. */
function recordConsole(context: BrowserContext): string[] {
	const log: string[] = [];
	context.on('console', (message) => {
		log.push(message.text());
		for (const argument of message.args()) {
			argument.jsonValue().then(
				(value) => log.push(JSON.stringify(value)),
				() => undefined,
			);
		}
	});
	context.on('weberror', (error) => log.push(String(error.error())));
	return log;
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
async function serviceWorkerOf(context: BrowserContext, extensionId: string): Promise<Worker> {
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
async function profileWithHosts(userDataDir: string, origins: readonly string[]): Promise<void> {
	const permissions = { api: [], explicit_host: origins, manifest_permissions: [], scriptable_host: [] };
	const settings = { [unpackedExtensionId]: { granted_permissions: permissions, active_permissions: permissions } };
	await mkdir(join(userDataDir, 'Default'), { recursive: true });
	await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ extensions: { settings } }));
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
	} = {},
): Promise<ExtensionBrowser> {
	const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mfa-session-profile-')));
	if (options.grantedHosts?.length && !options.userDataDir) await profileWithHosts(userDataDir, options.grantedHosts);
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromiumPath,
		headless: options.headless ?? true,
		args: [...quietFlags, `--disable-extensions-except=${distDir}`, `--load-extension=${distDir}`, ...(options.args ?? [])],
		...(options.display || options.env
			? { env: { ...process.env, ...options.env, ...(options.display ? { DISPLAY: options.display } : {}) } }
			: {}),
	});
	const consoleLog = recordConsole(context);
	// The unpacked build's manifest key pins its id, wherever dist/ is.
	const extensionId = unpackedExtensionId;
	const worker = await serviceWorkerOf(context, extensionId);
	return { context, extensionId, userDataDir, worker, consoleLog };
}
