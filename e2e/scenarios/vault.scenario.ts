// The vault in both browsers: the first save asks for the passphrase twice, a restart locks it,
// a wrong passphrase is refused, "Lock now" locks it, and the idle lock fires on its alarm.
import { alice, expect, expectRole, passphrase, saveProfile, scenario as test } from './scenario';

test('the first save asks for the passphrase twice; after a restart the vault is locked and the popup asks', async ({ driver, sts }) => {
	const options = await driver.open('options');
	await expect.poll(() => options.count('textbox', 'Passphrase')).toBe(1);
	expect(await options.count('textbox', 'Confirm passphrase')).toBe(1);
	// Two different passphrases are refused, and nothing is saved.
	await saveProfile(options, sts, {}, passphrase, `${passphrase}!`);
	await expectRole(options, 'alert', 'The two passphrases differ');
	expect(await driver.background('chrome.storage.local.get(["vault", "profiles"]).then((stored) => Object.keys(stored))')).toEqual([]);
	await options.fill('Confirm passphrase', passphrase);
	await options.click('button', 'Save profile');
	await expectRole(options, 'status', 'saved');
	expect(await driver.background('chrome.storage.local.get("vault").then((stored) => Object.keys(stored))')).toEqual(['vault']);

	await driver.restart();
	const locked = await driver.open('options');
	await expect.poll(() => locked.count('button', 'Unlock')).toBe(1);
	expect(await locked.count('textbox', 'Access key ID')).toBe(0);
	await locked.fill('Passphrase', 'not the passphrase');
	await locked.submit('Passphrase');
	await expectRole(locked, 'alert', 'passphrase');

	const popup = await driver.open('popup');
	await expect.poll(() => popup.focused()).toBe('Passphrase');
	await popup.fill('Passphrase', passphrase);
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	// Unlocking in the popup unlocks every page of the extension.
	await expect.poll(() => locked.count('textbox', 'Access key ID'), { timeout: 15_000 }).toBe(1);
	expect(await locked.value('Access key ID')).toBe(alice.accessKeyId);
	expect(await locked.count('button', 'Unlock')).toBe(0);
});

test('"Lock now" hides the profile until the right passphrase is typed', async ({ driver, sts }) => {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	await options.click('button', 'Lock now');
	await expect.poll(() => options.count('button', 'Unlock')).toBe(1);
	expect(await options.count('textbox', 'Access key ID')).toBe(0);
	expect(await driver.background('chrome.storage.session.get("vaultKey").then((stored) => Object.keys(stored))')).toEqual([]);
	await options.fill('Passphrase', 'wrong passphrase 1');
	await options.submit('Passphrase');
	await expectRole(options, 'alert', /not right\. Check Caps Lock/);
	expect(await options.value('Passphrase')).toBe('');
	await options.fill('Passphrase', passphrase);
	await options.submit('Passphrase');
	await expect.poll(() => options.count('textbox', 'Access key ID')).toBe(1);
	expect(await options.value('Access key ID')).toBe(alice.accessKeyId);
});
