// What every scenario starts from: the local STS, and a browser (Chromium or firefox-esr, by the
// Playwright project that runs it) with the extension, driven through one interface. After each
// scenario, wherever it went, no secret may be in any console or anywhere in the browser profile.
import { test as base, expect } from '@playwright/test';
import { launchChromium } from '../driver/chromium';
import type { DrivenBrowser, DrivenPage } from '../driver/driver';
import { launchFirefoxDriver } from '../driver/firefox';
import { alice, type StsRole } from '../sts/fixtures';
import { type StsServer, startSts } from '../sts/server';
import { aliceProfile, passphrase, secretsOf } from '../support/fixtures';

export { tokenRequests } from '../sts/server';

export { alice, expect, passphrase };

export const scenario = base.extend<{
	engine: 'chromium' | 'firefox';
	grantedHosts: string[];
	grantedPermissions: string[];
	roles: readonly StsRole[];
	sts: StsServer;
	driver: DrivenBrowser;
}>({
	engine: ['chromium', { option: true }],
	/** Optional hosts the person has allowed before the scenario starts (a fresh install has none). */
	grantedHosts: [[], { option: true }],
	/** Optional API permissions the person has allowed before the scenario starts. */
	grantedPermissions: [[], { option: true }],
	/** The roles the local STS lets alice assume. */
	roles: [[], { option: true }],
	sts: async ({ roles }, use) => {
		const sts = await startSts({ users: [alice], region: 'us-east-1', roles });
		await use(sts);
		await sts.close();
	},
	driver: async ({ engine, grantedHosts, grantedPermissions, sts }, use) => {
		const launch = engine === 'firefox' ? launchFirefoxDriver : launchChromium;
		const driver = await launch(() => secretsOf(sts), { origins: grantedHosts, permissions: grantedPermissions });
		await use(driver);
		await driver.closeAndScan();
	},
});

/** Waits until an element with the role shows text that matches. */
export async function expectRole(page: DrivenPage, role: 'status' | 'alert', text: string | RegExp, timeout = 15_000): Promise<string> {
	const matches = (shown: string) => (typeof text === 'string' ? shown.includes(text) : text.test(shown));
	let found = '';
	await expect
		.poll(
			async () => {
				found = (await page.texts(role)).find(matches) ?? '';
				return found !== '' ? 'shown' : (await page.texts(role)).join(' | ') || '(nothing)';
			},
			{ timeout, message: `role=${role} showing ${text}` },
		)
		.toBe('shown');
	return found;
}

/** Waits until the page's text matches. */
export async function expectText(page: DrivenPage, text: RegExp, timeout = 15_000): Promise<void> {
	await expect.poll(() => page.text(), { timeout, message: `the page showing ${text}` }).toMatch(text);
}

/** Fills the profile form for the fixture user and saves it; the passphrase is typed only when given. */
export async function saveProfile(
	page: DrivenPage,
	sts: StsServer,
	changes: { name?: string; endpoint?: string; region?: string } = {},
	phrase?: string,
	confirmation = phrase,
): Promise<void> {
	const values = { ...aliceProfile(sts, changes.name), ...(changes.endpoint ? { endpoint: changes.endpoint } : {}) };
	await page.fill('Profile name', values.name);
	await page.fill('Access key ID', values.accessKeyId);
	await page.fill('Secret access key', values.secretAccessKey);
	await page.fill('MFA device ARN or serial number', values.mfaSerial);
	if (changes.region) await page.choose('Region', changes.region);
	await page.fill('STS endpoint', values.endpoint);
	if (phrase !== undefined) {
		await page.fill('Passphrase', phrase);
		await page.fill('Confirm passphrase', confirmation ?? phrase);
	}
	await page.click('button', 'Save profile');
}

/** The fixture profile saved on the options page and a first session from the popup. */
export async function withSession(driver: DrivenBrowser, sts: StsServer) {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	const popup = await driver.open('popup');
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	return { options, popup };
}

/** A first session, with what must survive any failure after it: the export text and the stored profiles. */
export async function liveSession(driver: DrivenBrowser, sts: StsServer) {
	const { options, popup } = await withSession(driver, sts);
	await expect.poll(() => options.value('Exported credentials')).toContain('AWS_SESSION_TOKEN');
	const kept = { exported: await options.value('Exported credentials'), profiles: await storedProfiles(driver) };
	return { options, popup, kept };
}

function storedProfiles(driver: DrivenBrowser): Promise<unknown> {
	return driver.background('chrome.storage.local.get("profiles").then((stored) => stored.profiles)');
}

/** The session and the profiles are exactly as before the failure. */
export async function expectNothingLost(driver: DrivenBrowser, options: DrivenPage, kept: { exported: string; profiles: unknown }) {
	await options.reload();
	await expect.poll(() => options.value('Exported credentials')).toBe(kept.exported);
	expect(await storedProfiles(driver)).toEqual(kept.profiles);
}

/** Two profiles of the fixture user on the options page, "work" (which made the vault) and "home"; returns the page. */
export async function twoProfiles(driver: DrivenBrowser, sts: StsServer): Promise<DrivenPage> {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	await options.choose('Profile to edit', 'New profile…');
	await expect.poll(() => options.value('Profile name')).toBe('');
	await saveProfile(options, sts, { name: 'home' });
	await expectRole(options, 'status', '“home” saved');
	return options;
}
