// The vault as a password manager keeps it: a growing delay after wrong passphrases, a
// passphrase change that keeps everything, an idle lock on an alarm, and one way out of a
// forgotten passphrase.
import { alice, aliceProfile, expect, noteVaultKey, passphrase, test, withSession } from './support/fixtures';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

const newPassphrase = 'a much longer new passphrase';

test('wrong passphrases are refused with a growing delay', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await options.getByRole('button', { name: 'Lock now' }).click();
	const field = options.getByLabel('Passphrase', { exact: true });
	const alert = options.getByRole('alert');
	/** Types a passphrase, presses Enter and waits for the refusal (the field is emptied). */
	const refused = async (typed: string, message: RegExp) => {
		await field.fill(typed);
		await field.press('Enter');
		await expect(field).toHaveValue('');
		await expect(alert).toContainText(message);
	};
	await refused('wrong passphrase 1', /not right\. Check Caps Lock/);
	await refused('wrong passphrase 2', /not right\. Check Caps Lock/);
	await refused('wrong passphrase 3', /not right\. You can try again in 2 s\./);
	// Even the right passphrase waits out the delay, and trying early does not extend it.
	await refused(passphrase, /Too many failed unlocks\. Try again in [12] s\./);
	await options.waitForTimeout(2_100);
	await field.fill(passphrase);
	await field.press('Enter');
	await expect(options.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
});

test('changing the passphrase keeps profiles and the session; only the new one unlocks', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	ext.secrets.push(newPassphrase);

	await options.bringToFront();
	await options.getByLabel('Current passphrase').fill('not the passphrase');
	await options.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
	await options.getByLabel('Confirm new passphrase').fill(newPassphrase);
	await options.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(options.getByRole('alert')).toContainText('passphrase');

	await options.getByLabel('Current passphrase').fill(passphrase);
	await options.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
	await options.getByLabel('Confirm new passphrase').fill(newPassphrase);
	await options.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'changed' })).toBeVisible();
	await noteVaultKey(ext);
	await expect(options.getByLabel('Exported credentials')).toHaveValue(/AWS_SESSION_TOKEN/);

	await options.getByRole('button', { name: 'Lock now' }).click();
	const field = options.getByLabel('Passphrase', { exact: true });
	await field.fill(passphrase);
	await field.press('Enter');
	await expect(options.getByRole('alert')).toBeVisible();
	await field.fill(newPassphrase);
	await field.press('Enter');
	await expect(options.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
	// The re-encrypted secret still signs requests.
	await popup.reload();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
});

// The idle lock's alarm firing is a scenario in both browsers (e2e/scenarios/alarms.scenario.ts).

test('activity pushes the idle lock back: each use of the key starts the idle time again', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await options.bringToFront();
	await options.getByLabel('Lock after idle time').selectOption({ label: '5 min' });
	const lock = () =>
		ext.worker.evaluate(async () => ({
			at: (await chrome.storage.session.get('lockAt')).lockAt as number,
			alarm: (await chrome.alarms.get('auto-lock'))?.scheduledTime,
		}));
	// Until the choice has landed the lock is still the default 15 minutes away.
	await expect.poll(async () => (await lock()).at - Date.now()).toBeLessThanOrEqual(5 * 60_000);
	expect((await lock()).at - Date.now()).toBeGreaterThan(4 * 60_000);
	const before = await lock();
	// Idle time passes (this wait is the thing tested), then the person gets a new session.
	await options.waitForTimeout(2_000);
	await popup.bringToFront();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	const after = await lock();
	expect(after.at - before.at).toBeGreaterThanOrEqual(2_000);
	expect(after.alarm).toBe(after.at);
	expect(await ext.worker.evaluate(async () => Object.keys(await chrome.storage.session.get('vaultKey')))).toEqual(['vaultKey']);
});

test('a forgotten passphrase has one way out: deleting the stored secrets and sessions after a confirmation', async ({ ext, sts }) => {
	const { options } = await withSession(ext, sts);
	ext.secrets.push(newPassphrase);
	const sessions = () => ext.worker.evaluate(async () => Object.keys((await chrome.storage.session.get('sessions')).sessions ?? {}));
	expect(await sessions()).toHaveLength(1);
	await options.bringToFront();
	await options.getByRole('button', { name: 'Lock now' }).click();
	await options.getByText('Forgot your passphrase?').click();
	await expect(options.getByText('nobody can recover it')).toBeVisible();
	await options.getByRole('button', { name: 'Delete stored secrets…' }).click();
	await options.getByRole('button', { name: 'Cancel' }).click();
	expect(await ext.worker.evaluate(async () => Object.keys(await chrome.storage.local.get('vault')))).toEqual(['vault']);
	await options.getByRole('button', { name: 'Delete stored secrets…' }).click();
	await options.getByRole('button', { name: 'Delete my stored secrets' }).click();
	// The profile's settings stay; a new passphrase and the secret are asked for again.
	await expect(options.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
	await expect(options.getByLabel('Confirm passphrase')).toBeVisible();
	expect(await ext.worker.evaluate(async () => Object.keys(await chrome.storage.local.get('vault')))).toEqual([]);
	expect(await sessions(), 'the live session, deleted with the secrets').toEqual([]);
	await expect(options.getByLabel('Exported credentials')).toHaveCount(0);
	await saveProfile(options, { ...aliceProfile(sts) }, newPassphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
});
