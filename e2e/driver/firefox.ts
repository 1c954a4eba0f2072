// The page driver in Debian's firefox-esr. The add-on is installed permanently, as a person's
// would be: an unsigned XPI in the profile's extensions folder, which ESR accepts with
// `xpinstall.signatures.required` off, so it survives a restart (a temporary add-on would not).
// WebDriver BiDi cannot reach extension pages (bugzil.la/1755014), so every page is driven
// through Firefox's own debugger protocol (firefox/rdp.ts), in the page itself.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from '@playwright/test';
import { type Firefox, launchFirefox } from '../../firefox/bidi';
import { type AddonDebugger, type AddonTarget, addonDebugger, freePort, isBackground } from '../../firefox/rdp';
import { folderEntries, zipEntries } from '../../scripts/zip';
import { geckoId as addonId } from '../../src/helper/extension-id';
import { type Display, startDisplay } from '../support/display';
import { findInDirectory, secretsInText } from '../support/scan';
import type { DrivenBrowser, DrivenPage, Granted } from './driver';
import { pageLookups } from './driver';

const distDir = resolve(import.meta.dirname, '..', '..', 'dist-firefox');

/** The add-on's internal UUID, fixed so its pages have known addresses (Firefox picks a random one otherwise). */
const addonUuid = '5d6c1b1e-6c0e-4a55-9a38-2f1de3a1c0aa';

/** Prefs that let the profile's unsigned XPI install and run without a prompt. */
const installPrefs = {
	'xpinstall.signatures.required': false,
	'extensions.autoDisableScopes': 0,
	'extensions.enabledScopes': 15,
	'extensions.webextensions.uuids': JSON.stringify({ [addonId]: addonUuid }),
	// Every host name fails to resolve (DNS over HTTPS only, from a resolver that does not exist), as
	// Chromium's host-resolver rules make AWS's names fail: no scenario can reach AWS. Loopback needs no DNS.
	'network.trr.mode': 3,
	'network.trr.uri': 'https://127.0.0.1:9/dns-query',
};

/** Waits until `attempt` stops throwing, and rethrows its last error after `timeoutMs`. */
async function retrying<T>(attempt: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await attempt();
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((done) => setTimeout(done, 100));
		}
	}
}

/** Waits for a target that `matches` and returns it. */
function targetWhere(addon: () => AddonDebugger, matches: (target: AddonTarget) => boolean, what: string): Promise<AddonTarget> {
	return retrying(async () => {
		const found = addon().targets.find(matches);
		if (!found)
			throw new Error(
				`no ${what} among ${addon()
					.targets.map((target) => target.url)
					.join(', ')}`,
			);
		return found;
	}, 15_000);
}

function firefoxPage(addon: () => AddonDebugger, first: AddonTarget, display: Display, downloads: string): DrivenPage {
	let target = first;
	/** Selects the page's tab and gives its window the keyboard, as a person clicking on the tab would. */
	const bringToFront = async () => {
		await addon().evaluateInBrowser(`(() => {
			const browser = BrowsingContext.get(${target.browsingContextID}).top.embedderElement;
			const window = Services.wm.getMostRecentWindow('navigator:browser');
			window.gBrowser.selectedTab = window.gBrowser.getTabForBrowser(browser);
			window.focus();
			return true;
		})()`);
		// Switching tabs takes a moment: a click before the page shows would land on the tab before it.
		await retrying(async () => {
			if (!(await run<boolean>(`return document.visibilityState === 'visible';`))) throw new Error(`${target.url} is not showing`);
		});
	};
	const run = <T>(body: string) => addon().evaluateIn(target, `(() => { ${pageLookups}; ${body} })()`) as Promise<T>;
	const rendered = () =>
		retrying(async () => {
			if (!(await run<boolean>(`return document.readyState === 'complete' && document.body.innerText.trim() !== '';`)))
				throw new Error(`${target.url} did not render`);
		}, 15_000);
	const page: DrivenPage = {
		fill: (label, value) =>
			retrying(() =>
				run(`const element = field(${JSON.stringify(label)});
					if (element.disabled || element.readOnly) throw new Error('not editable');
					element.focus();
					element.value = ${JSON.stringify(value)};
					element.dispatchEvent(new InputEvent('input', { bubbles: true, data: ${JSON.stringify(value)}, inputType: 'insertText' }));`),
			),
		choose: (label, option) =>
			retrying(() =>
				run(`const element = field(${JSON.stringify(label)});
					const choice = [...element.options].find((candidate) => norm(candidate.textContent) === ${JSON.stringify(option)});
					if (!choice || element.disabled) throw new Error('no option ' + ${JSON.stringify(option)});
					element.focus();
					element.value = choice.value;
					element.dispatchEvent(new Event('input', { bubbles: true }));
					element.dispatchEvent(new Event('change', { bubbles: true }));`),
			),
		press: async (label, key) => {
			await bringToFront();
			await retrying(() => run(`field(${JSON.stringify(label)}).focus();`));
			await display.focusWindow('firefox');
			await display.press(key);
		},
		submit: (label) =>
			retrying(() =>
				run(`const element = field(${JSON.stringify(label)});
					element.focus();
					const key = { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true };
					if (element.dispatchEvent(new KeyboardEvent('keydown', key)) && element.form) element.form.requestSubmit();
					element.dispatchEvent(new KeyboardEvent('keyup', key));`),
			),
		// A real click of the mouse on the display: Firefox lets a page ask for a permission only within one.
		click: async (role, name) => {
			await bringToFront();
			const point = await retrying(() =>
				run<{ x: number; y: number }>(`const found = named(${JSON.stringify(role)}, ${JSON.stringify(name)});
					if (found.length !== 1) throw new Error(found.length + ' ${role}s named ' + ${JSON.stringify(JSON.stringify(name))});
					if (found[0].disabled) throw new Error('disabled');
					found[0].scrollIntoView({ block: 'center' });
					const box = found[0].getBoundingClientRect();
					const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
					if (!found[0].contains(document.elementFromPoint(x, y))) throw new Error('something covers it');
					return { x: Math.round(mozInnerScreenX + x), y: Math.round(mozInnerScreenY + y) };`),
			);
			await display.click(point.x, point.y);
		},
		texts: (role) => run(`return withRole(${JSON.stringify(role)}).map((element) => norm(element.innerText));`),
		text: () => run('return norm(document.body.innerText);'),
		value: (label) =>
			retrying(() =>
				run(`const element = field(${JSON.stringify(label)});
					return element.tagName === 'SELECT' ? (element.selectedOptions[0]?.textContent ?? '') : element.value;`),
			),
		count: (role, name) => run(`return named(${JSON.stringify(role)}, ${JSON.stringify(name)}).length;`),
		focused: () => run(`const element = document.activeElement; return element && element !== document.body ? labelOf(element) : '';`),
		upload: (label, name, text) =>
			retrying(() =>
				run(`const element = field(${JSON.stringify(label)});
					const files = new DataTransfer();
					files.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'application/json' }));
					element.files = files.files;
					element.dispatchEvent(new Event('input', { bubbles: true }));
					element.dispatchEvent(new Event('change', { bubbles: true }));`),
			),
		download: async (role, name) => {
			const before = new Set(await readdir(downloads));
			await page.click(role, name);
			// Firefox holds the name with an empty file, writes a .part file beside it, then renames that over it.
			return retrying(async () => {
				const files = await readdir(downloads);
				const added = files.filter((file) => !before.has(file));
				if (added.length !== 1 || files.some((file) => file.endsWith('.part'))) throw new Error(`${downloads} holds ${added.join(', ')}`);
				const text = await readFile(join(downloads, added[0] as string), 'utf8');
				if (text === '') throw new Error('the saved file is still empty');
				return text;
			}, 15_000);
		},
		reload: async () => {
			const before = target;
			await run('setTimeout(() => location.reload(), 0); return true;');
			target = await targetWhere(addon, (candidate) => candidate.url === before.url && candidate.actor !== before.actor, before.url);
			await rendered();
		},
	};
	return Object.assign(page, { rendered });
}

/** firefox-esr with the add-on installed from an XPI, on a display of its own; `env` is the environment it starts in (HOME, PATH). */
export async function launchFirefoxDriver(knownSecrets: () => string[], granted: Granted, env?: NodeJS.ProcessEnv): Promise<DrivenBrowser> {
	const display: Display = await startDisplay();
	const profile = await mkdtemp(join(tmpdir(), 'mfa-session-firefox-'));
	await mkdir(join(profile, 'extensions'));
	await writeFile(join(profile, 'extensions', `${addonId}.xpi`), zipEntries(folderEntries(distDir)));
	const secrets: string[] = [];
	/** Every line every launch printed, and every console entry: scanned at the end. */
	const consoles: string[] = [];
	// Files the pages save land here without a dialog; they are scanned for secrets with the profile.
	const downloads = await mkdtemp(join(tmpdir(), 'mfa-session-downloads-'));
	const downloadPrefs = {
		'browser.download.folderList': 2,
		'browser.download.dir': downloads,
		'browser.download.useDownloadDir': true,
		'browser.download.always_ask_before_handling_new_types': false,
		'browser.download.alwaysOpenPanel': false,
	};
	const start = async (): Promise<[Firefox, AddonDebugger]> => {
		const port = await freePort();
		const started = await launchFirefox({ ...installPrefs, ...downloadPrefs }, port, { profile, display: display.name, env });
		return [started, await addonDebugger(port, addonId)];
	};
	let [firefox, addon] = await start();
	// Installing the add-on starts its background page; after a restart it sleeps until an event wakes it.
	await targetWhere(() => addon, isBackground, 'background page');
	if (granted.origins.length + granted.permissions.length > 0) {
		// As the person's "Allow" on an earlier prompt records it.
		await addon.evaluateInBrowser(`(async () => {
			const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
			const { extension } = WebExtensionPolicy.getByID(${JSON.stringify(addonId)});
			await ExtensionPermissions.add(${JSON.stringify(addonId)}, ${JSON.stringify(granted)}, extension);
			return true;
		})()`);
	}
	/** The background page, woken from an open extension page if Firefox stopped it. */
	const background = async () => {
		const running = addon.targets.find(isBackground);
		if (running) return running;
		const page = addon.targets.find((target) => target.url.startsWith('moz-extension:'));
		if (!page) throw new Error('the background page is stopped and no extension page is open to wake it');
		await addon.evaluateIn(page, 'browser.runtime.getBackgroundPage().then(() => true)');
		return targetWhere(() => addon, isBackground, 'background page');
	};
	const noteVaultKey = async () => {
		const key = await addon
			.evaluateIn(await background(), `chrome.storage.session.get('vaultKey').then((stored) => stored.vaultKey ?? null)`)
			.catch(() => null);
		if (typeof key === 'string' && !secrets.includes(key)) secrets.push(key);
	};
	const quit = async () => {
		await noteVaultKey();
		addon.close();
		await firefox.quit();
		consoles.push(...firefox.output, ...firefox.log);
	};
	return {
		engine: 'firefox',
		secrets,
		open: async (which) => {
			const path = `/src/${which}/index.html`;
			const known = new Set(addon.targets.map((target) => target.actor));
			// Opened by the browser itself, as a bookmark would be: the add-on's background may be asleep.
			await addon.evaluateInBrowser(`(() => {
				const window = Services.wm.getMostRecentWindow('navigator:browser');
				const principal = Services.scriptSecurityManager.getSystemPrincipal();
				window.gBrowser.selectedTab = window.gBrowser.addTab(${JSON.stringify(`moz-extension://${addonUuid}${path}`)}, { triggeringPrincipal: principal });
				return true;
			})()`);
			const target = await targetWhere(
				() => addon,
				(candidate) => candidate.url.endsWith(path) && !known.has(candidate.actor),
				path,
			);
			const page = firefoxPage(() => addon, target, display, downloads) as DrivenPage & { rendered: () => Promise<void> };
			await page.rendered();
			return page;
		},
		clipboard: () => display.clipboard(),
		setClipboard: (text) => display.setClipboard(text),
		press: async (keys) => {
			await display.focusWindow('firefox');
			await display.press(keys);
		},
		background: async <T>(expression: string) => (await addon.evaluateIn(await background(), expression)) as T,
		stopBackground: async () => {
			await addon.terminateBackground();
			await retrying(async () => {
				if (addon.targets.some(isBackground)) throw new Error('the background page is still running');
			});
		},
		restart: async () => {
			await quit();
			[firefox, addon] = await start();
		},
		closeAndScan: async () => {
			try {
				await quit();
				const all = [...knownSecrets(), ...secrets];
				expect(consoles.join('\n'), "Firefox's console output").toMatch(/\S/);
				expect(secretsInText(consoles, all), 'secrets in the console').toEqual([]);
				// The profile on disk, sessionstore's mozLz4 files uncompressed (they keep open tabs' form fields).
				expect(await findInDirectory(profile, all), 'secrets on disk').toEqual([]);
				expect(await findInDirectory(downloads, all), 'secrets in saved files').toEqual([]);
			} finally {
				await rm(downloads, { recursive: true, force: true });
				await firefox.close().catch(() => undefined);
				await display.close();
			}
		},
	};
}
