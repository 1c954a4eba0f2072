// The page driver in Debian's Chromium, through Playwright: headed, on a private Xvfb display,
// so the clipboard and the keyboard are the ones any desktop program sees.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { type Display, startDisplay } from '../support/display';
import { closeAndScan } from '../support/fixtures';
import { type ExtensionBrowser, launchWithExtension, serviceWorkerOf } from '../support/launch';
import { openPage } from '../support/pages';
import type { DrivenBrowser, DrivenPage, Granted } from './driver';
import { pageLookups } from './driver';

const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

function chromiumPage(page: Page): DrivenPage {
	const field = (label: string) => page.getByLabel(label, { exact: true });
	return {
		fill: (label, value) => field(label).fill(value),
		choose: async (label, option) => {
			await field(label).selectOption({ label: option });
		},
		submit: (label) => field(label).press('Enter'),
		// Playwright's keys are the browser's own input events, a user gesture as a person's key is.
		press: (label, key) =>
			field(label).press(({ Down: 'ArrowDown', Up: 'ArrowUp', Return: 'Enter' } as Record<string, string>)[key] ?? key),
		click: (role, name) => page.getByRole(role, { name, exact: true }).click(),
		texts: async (role) => (await page.getByRole(role).allInnerTexts()).map(normalised),
		text: async () => normalised(await page.locator('body').innerText()),
		value: (label) =>
			field(label).evaluate((element) =>
				element instanceof HTMLSelectElement ? (element.selectedOptions[0]?.textContent ?? '') : (element as HTMLInputElement).value,
			),
		count: (role, name) =>
			role === 'textbox' ? page.getByLabel(name, { exact: true }).count() : page.getByRole(role, { name, exact: true }).count(),
		focused: () =>
			page.evaluate(
				`(() => { ${pageLookups}; const element = document.activeElement; return element && element !== document.body ? labelOf(element) : ''; })()`,
			) as Promise<string>,
		upload: (label, name, text) => field(label).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) }),
		download: async (role, name) => {
			const downloading = page.waitForEvent('download');
			await page.getByRole(role, { name, exact: true }).click();
			return readFile(await (await downloading).path(), 'utf8');
		},
		reload: async () => {
			await page.reload();
		},
	};
}

/** Chromium with the built extension on a display of its own. */
export async function launchChromium(knownSecrets: () => string[], granted: Granted): Promise<DrivenBrowser> {
	const display: Display = await startDisplay();
	let ext: ExtensionBrowser = await launchWithExtension({
		headless: false,
		display: display.name,
		grantedHosts: granted.origins,
		grantedApis: granted.permissions,
	});
	const secrets: string[] = [];
	/** The extension's service worker now, woken by opening one of its pages if it was stopped. */
	const worker = async () =>
		ext.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${ext.extensionId}/`)) ??
		(await serviceWorkerOf(ext.context, ext.extensionId));
	const driven: DrivenBrowser = {
		engine: 'chromium',
		secrets,
		open: async (which) => chromiumPage(await openPage(ext, which)),
		clipboard: () => display.clipboard(),
		setClipboard: (text) => display.setClipboard(text),
		press: async (keys) => {
			await display.focusWindow('chromium');
			await display.press(keys);
		},
		background: async <T>(expression: string) => (await (await worker()).evaluate(expression)) as T,
		stopBackground: async () => {
			const page = ext.context.pages()[0] ?? (await ext.context.newPage());
			const cdp = await ext.context.newCDPSession(page);
			await cdp.send('ServiceWorker.enable');
			await cdp.send('ServiceWorker.stopAllWorkers');
			await cdp.detach();
		},
		restart: async () => {
			ext.secrets.push(...secrets);
			// What this run logged and wrote is scanned now; the profile stays for the next launch.
			await closeAndScan(ext, knownSecrets(), { profile: true });
			ext = await launchWithExtension({ headless: false, display: display.name, userDataDir: ext.userDataDir });
		},
		closeAndScan: async () => {
			try {
				ext.secrets.push(...secrets);
				await closeAndScan(ext, knownSecrets());
			} finally {
				await display.close();
			}
		},
	};
	return driven;
}
