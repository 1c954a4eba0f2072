// Starts Debian's Chromium with the built extension loaded, as the tests, the benchmark and the
// demo all need it. Never downloads a browser.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';

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
];

/** Launches a persistent context with the extension and waits for its service worker. */
export async function launchWithExtension(
	options: { userDataDir?: string; headless?: boolean; args?: string[] } = {},
): Promise<ExtensionBrowser> {
	const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'mfa-session-profile-')));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: chromiumPath,
		headless: options.headless ?? true,
		args: [...quietFlags, `--disable-extensions-except=${distDir}`, `--load-extension=${distDir}`, ...(options.args ?? [])],
	});
	const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
	const extensionId = new URL(worker.url()).host;
	return { context, extensionId, userDataDir, worker };
}
