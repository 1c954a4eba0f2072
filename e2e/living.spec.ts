// Living with sessions: several profiles, the toolbar badge, who am I, root keys, partitions,
// deleting, settings files, and pages anyone can use (axe, keyboard, light and dark).
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { StsServer } from './sts/server';
import { alice, aliceProfile, expect, passphrase, rootUser, test, withSession } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { chooseInPopup, expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

// The root profile uses AWS's us-east-1 endpoint, whose host the person allowed when saving it before.
test.use({ grantedHosts: ['https://sts.us-east-1.amazonaws.com/*'] });

async function saved(options: Page) {
	await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
}

/** Saves two profiles: "work" (alice, at the local emulator) and "root" (the account root user, at AWS's us-east-1 endpoint). */
async function twoProfiles(ext: ExtensionBrowser, sts: StsServer): Promise<Page> {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await saved(options);
	await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
	await saveProfile(options, {
		name: 'root',
		accessKeyId: rootUser.accessKeyId,
		secretAccessKey: rootUser.secretAccessKey,
		mfaSerial: rootUser.mfaSerial,
	});
	await saved(options);
	return options;
}

const badge = (ext: ExtensionBrowser) =>
	ext.worker.evaluate(async () => [await chrome.action.getBadgeText({}), await chrome.action.getTitle({})]);

// Several profiles, the switcher and the badge are a scenario in both browsers
// (e2e/scenarios/profiles.scenario.ts); root keys need AWS's own endpoint, which only the Chromium
// fixtures serve (their host-resolver rules send it to the local STS over TLS).
test('root keys: recognised by their ARN, and the session is an hour at most, with a note and its badge', async ({ ext, sts, aws }) => {
	await twoProfiles(ext, sts);
	const popup = await openPage(ext, 'popup');
	await chooseInPopup(ext, popup, 'root');
	await typeCode(popup, aws.freshCode(rootUser));
	await expectNewSession(popup);
	await expect(popup.getByText(/root user’s keys: AWS limits their sessions to 1 hour/)).toBeVisible();
	await expect(popup.getByText('arn:aws:iam::210987654321:root')).toBeVisible();
	await expect
		.poll(() => badge(ext))
		.toEqual([expect.stringMatching(/^(1h|60m|59m)$/), expect.stringContaining('MFA Session: root, valid until')]);
	expect(aws.requests.map((request) => request.host)).toEqual(['sts.us-east-1.amazonaws.com', 'sts.us-east-1.amazonaws.com']);
	const rootSession = aws.issued.at(-1);
	expect(Date.parse(rootSession?.expiration ?? '') - Date.now()).toBeLessThanOrEqual(3_600_000);
});

// The badge after the background stopped and woke, and the expiry warning's alarm, are scenarios in
// both browsers (e2e/scenarios/alarms.scenario.ts).

test('partitions: endpoints follow the region, and an MFA device of another partition is refused', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	const kinds = options.getByLabel('AWS endpoint');
	await options.getByLabel('Region').selectOption('us-east-1');
	await expect(kinds.locator('option')).toHaveText([
		'Regional (sts.us-east-1.amazonaws.com)',
		'Global (sts.amazonaws.com)',
		'FIPS (sts-fips.us-east-1.amazonaws.com)',
	]);
	await options.getByLabel('Region').selectOption('cn-north-1');
	await expect(kinds.locator('option')).toHaveText(['Regional (sts.cn-north-1.amazonaws.com.cn)']);
	await options.getByLabel('Region').selectOption('us-gov-west-1');
	await expect(kinds.locator('option')).toHaveText([
		'Regional (sts.us-gov-west-1.amazonaws.com)',
		'FIPS (sts.us-gov-west-1.amazonaws.com)',
	]);

	await options.getByLabel('Region').selectOption('us-east-1');
	await saveProfile(options, { ...aliceProfile(sts), mfaSerial: 'arn:aws-cn:iam::123456789012:mfa/alice' }, passphrase);
	await expect(options.locator('#mfaSerial-error')).toContainText('aws-cn partition, but us-east-1 is in aws');
	expect(sts.requests).toHaveLength(0);
});

test('deleting a profile asks first, then removes its secret and its session', async ({ ext, sts, aws }) => {
	const options = await twoProfiles(ext, sts);
	const popup = await openPage(ext, 'popup');
	await chooseInPopup(ext, popup, 'root');
	await typeCode(popup, aws.freshCode(rootUser));
	await expectNewSession(popup);
	await options.bringToFront();
	await options.getByLabel('Profile to edit').selectOption({ label: 'root' });
	await options.getByRole('button', { name: 'Delete profile…' }).click();
	await options.getByRole('button', { name: 'Cancel' }).click();
	await options.getByRole('button', { name: 'Delete profile…' }).click();
	await options.getByRole('button', { name: 'Delete “root”' }).click();
	await expect(options.getByLabel('Profile to edit').locator('option')).toHaveText(['work', 'New profile…']);
	const left = await ext.worker.evaluate(async () => {
		const { vault, profiles } = (await chrome.storage.local.get(['vault', 'profiles'])) as {
			vault: { secrets: object };
			profiles: unknown[];
		};
		const { sessions } = await chrome.storage.session.get('sessions');
		return { secrets: Object.keys(vault.secrets).length, profiles: profiles.length, sessions: Object.keys(sessions ?? {}).length };
	});
	expect(left).toEqual({ secrets: 1, profiles: 1, sessions: 0 });
});

test('settings export to a file without secrets and import into another browser; a config section fills the form', async ({ ext, sts }) => {
	const options = await twoProfiles(ext, sts);
	const downloading = options.waitForEvent('download');
	await options.getByRole('button', { name: 'Export settings' }).click();
	const file = await (await downloading).path();
	const text = await readFile(file, 'utf8');
	expect(text).toContain('"name": "root"');
	expect(text).not.toContain(alice.secretAccessKey);
	expect(text).not.toContain(rootUser.secretAccessKey);

	await options.getByRole('button', { name: 'Delete profile…' }).click();
	await options.getByRole('button', { name: /^Delete “/ }).click();
	await options.getByLabel('Import settings').setInputFiles(file);
	// Shown first: the one profile the file adds; the other matches what is saved.
	await expect(options.getByText(/^New profile “/)).toHaveCount(1);
	await options.getByRole('button', { name: 'Import these settings' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Imported: 1 new, 0 updated' })).toBeVisible();
	await expect(options.getByLabel('Profile to edit').locator('option')).toHaveCount(3);
	await options
		.getByLabel('Import settings')
		.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":"x"}') });
	await expect(options.getByRole('alert')).toContainText('not an MFA Session settings file');

	await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
	await options.getByText('Start from ~/.aws/config').click();
	await options
		.getByLabel('~/.aws/config section')
		.fill('[profile staging]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1\nduration_seconds = 7200');
	await options.getByRole('button', { name: 'Fill the form' }).click();
	await expect(options.getByLabel('Profile name')).toHaveValue('staging');
	await expect(options.getByLabel('MFA device ARN or serial number')).toHaveValue(alice.mfaSerial);
	await expect(options.getByLabel('Region')).toHaveValue('eu-west-1');
	await expect(options.getByLabel('Hours')).toHaveValue('2');
});

for (const scheme of ['light', 'dark'] as const) {
	test(`axe finds no violations on the popup and the options page, ${scheme}; screenshots for the README`, async ({ ext, sts }) => {
		const options = await openPage(ext, 'options');
		await options.emulateMedia({ colorScheme: scheme });
		await saveProfile(options, aliceProfile(sts), passphrase);
		await saved(options);
		const popup = await ext.context.newPage();
		await popup.setViewportSize({ width: 340, height: 420 });
		await popup.emulateMedia({ colorScheme: scheme });
		await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
		await typeCode(popup, sts.freshCode(alice));
		await expectNewSession(popup);
		for (const page of [popup, options]) {
			await page.reload();
			await page.getByRole('heading').first().waitFor();
			const { violations } = await new AxeBuilder({ page }).analyze();
			expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
		}
		await popup.locator('body').screenshot({ path: `docs/screenshots/popup-${scheme}.png` });
		await options.setViewportSize({ width: 1100, height: 900 });
		await options.screenshot({ path: `docs/screenshots/options-${scheme}.png`, fullPage: true });
	});
}

/** Where Tab goes on a page, from the top, against every visible focusable control in document order. */
async function tabWalk(page: Page) {
	const name = () =>
		page.evaluate(() => {
			const element = document.activeElement as HTMLElement | null;
			const labelled = element && 'labels' in element ? (element as HTMLInputElement).labels?.[0]?.textContent : undefined;
			return (element?.getAttribute('aria-label') ?? labelled ?? element?.textContent ?? '').trim() || (element?.id ?? '');
		});
	const controls = await page.evaluate(() =>
		[...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]')]
			.filter((element) => element.tabIndex >= 0 && !(element as HTMLButtonElement).disabled && element.getClientRects().length > 0)
			// A radio group is one Tab stop, its checked button (arrow keys move within it).
			.filter((element) => !(element instanceof HTMLInputElement && element.type === 'radio' && !element.checked))
			.map((element) => {
				const labelled = 'labels' in element ? (element as HTMLInputElement).labels?.[0]?.textContent : undefined;
				return (element.getAttribute('aria-label') ?? labelled ?? element.textContent ?? '').trim() || element.id;
			}),
	);
	// From the first control on, Tab must walk through all the others.
	await page.locator('a[href], button, input, select, textarea, summary, [tabindex]').locator('visible=true').first().focus();
	const visited = [await name()];
	for (const _ of controls.slice(1)) {
		await page.keyboard.press('Tab');
		visited.push(await name());
	}
	return { controls, visited };
}

test('every control of the popup and the options page is reachable by Tab, in reading order', async ({ ext, sts }) => {
	const { popup, options } = await withSession(ext, sts);
	for (const [page, expected] of [
		[popup, ['MFA code', 'Refresh session', 'Copy as bash / zsh', 'Profiles and export']],
		[
			options,
			[
				'Profile to edit',
				'Profile name',
				'Access key ID',
				'Secret access key',
				'MFA device ARN or serial number',
				'Save profile',
				'Lock now',
			],
		],
	] as const) {
		await page.bringToFront();
		const { controls, visited } = await tabWalk(page);
		// Tab visits each visible control once, in the order they are read.
		expect(visited).toEqual(controls);
		// And the ones a person needs are among them, in this order.
		expect(controls.filter((control) => (expected as readonly string[]).includes(control))).toEqual(expected);
	}
});
