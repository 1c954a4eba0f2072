// What a person does with the extension's pages, as steps the specs share.
import { expect, type Page } from '@playwright/test';
import type { ExtensionBrowser } from './launch';

/** The values a person types into the profile form. */
export interface ProfileValues {
	name: string;
	accessKeyId: string;
	secretAccessKey: string;
	mfaSerial: string;
	endpoint?: string;
	/** Ticks "Trust this endpoint", which a custom endpoint outside AWS's STS hosts and loopback needs. */
	trustEndpoint?: boolean;
}

/** Opens an extension page in a new tab. */
export async function openPage(ext: ExtensionBrowser, page: 'popup' | 'options'): Promise<Page> {
	const tab = await ext.context.newPage();
	await tab.goto(`chrome-extension://${ext.extensionId}/src/${page}/index.html`);
	return tab;
}

/** Fills the profile form and saves it; the passphrase is typed only when the page asks for it. */
export async function saveProfile(page: Page, values: ProfileValues, passphrase?: string): Promise<void> {
	await page.getByLabel('Profile name').fill(values.name);
	await page.getByLabel('Access key ID').fill(values.accessKeyId);
	await page.getByLabel('Secret access key').fill(values.secretAccessKey);
	await page.getByLabel('MFA device ARN or serial number').fill(values.mfaSerial);
	await page.getByLabel('STS endpoint').fill(values.endpoint ?? '');
	if (values.trustEndpoint) await page.getByLabel('Trust this endpoint').check();
	if (passphrase !== undefined) {
		await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await page.getByLabel('Confirm passphrase').fill(passphrase);
	}
	await page.getByRole('button', { name: 'Save profile' }).click();
}

/** Types a code into the popup, digit by digit as a person would. */
export async function typeCode(popup: Page, code: string): Promise<void> {
	const field = popup.getByLabel('MFA code');
	await field.fill('');
	await field.pressSequentially(code);
}

/**
 * Waits until the popup shows a new session with what a live session offers (the answer comes
 * before the session is written, and the page shows the stored session a moment later), and
 * returns the status text.
 */
export async function expectNewSession(popup: Page): Promise<string> {
	const status = popup.getByRole('status').filter({ hasText: 'New session' });
	await expect(status).toBeVisible();
	await expect(popup.getByRole('button', { name: /^Copy as / })).toBeVisible();
	return status.innerText();
}

/**
 * Switches the popup to a profile as a person would, then waits until the choice is stored and the
 * popup has started afresh for it, so what is typed next lands in that profile's form.
 */
export async function chooseInPopup(ext: ExtensionBrowser, popup: Page, name: string): Promise<void> {
	await popup.getByLabel('Profile', { exact: true }).selectOption({ label: name });
	const stored = () =>
		ext.worker.evaluate(async (wanted) => {
			const { profiles, activeProfileId } = await chrome.storage.local.get(['profiles', 'activeProfileId']);
			return (profiles as { id: string; name: string }[]).find((profile) => profile.name === wanted)?.id === activeProfileId;
		}, name);
	await expect.poll(stored).toBe(true);
	await popup.reload();
	await expect(popup.getByLabel('Profile', { exact: true }).locator('option:checked')).toHaveText(name);
}

/** The values a person types into the profile form for a role. */
export interface RoleValues {
	name: string;
	roleArn: string;
	source: string;
	endpoint: string;
	externalId?: string;
	direct?: boolean;
	hours?: number;
}

/** Starts a new profile on the options page, makes it a role, fills it and saves it. */
export async function saveRole(page: Page, values: RoleValues): Promise<void> {
	await page.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
	await page.getByRole('group', { name: 'Profile type' }).getByRole('radio', { name: 'Role' }).check();
	await page.getByLabel('Profile name').fill(values.name);
	await page.getByRole('textbox', { name: 'Role ARN' }).fill(values.roleArn);
	await page.getByRole('combobox', { name: 'Source profile' }).selectOption({ label: values.source });
	await page.getByRole('textbox', { name: 'External ID' }).fill(values.externalId ?? '');
	if (values.direct) await page.getByRole('checkbox', { name: 'Assume directly with MFA' }).check();
	if (values.hours !== undefined) await page.getByLabel('Hours').fill(String(values.hours));
	await page.getByLabel('STS endpoint').fill(values.endpoint);
	await page.getByRole('button', { name: 'Save profile' }).click();
}
