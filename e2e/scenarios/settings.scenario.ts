// The settings file in both browsers: exported without a secret, imported after a preview that
// changes nothing until confirmed, and a file that is not one refused at the field.
import { alice, expect, expectRole, expectText, passphrase, scenario as test, twoProfiles } from './scenario';

test('settings export without secrets, and import after a preview that changes nothing until confirmed', async ({ driver, sts }) => {
	const options = await twoProfiles(driver, sts);
	const names = () =>
		driver.background<string[]>(
			`chrome.storage.local.get('profiles').then(({ profiles }) => profiles.map((profile) => profile.name).sort())`,
		);
	expect(await names()).toEqual(['home', 'work']);

	const file = await options.download('button', 'Export settings');
	expect(file).toContain('"name": "home"');
	expect(file).toContain('"name": "work"');
	expect(file).not.toContain(alice.secretAccessKey);
	expect(file).not.toContain(passphrase);

	await options.click('button', 'Delete profile…');
	await options.click('button', 'Delete “home”');
	await expect.poll(names).toEqual(['work']);

	// The preview first: the one profile the file adds; Cancel imports nothing.
	await options.upload('Import settings', 'mfa-session-settings.json', file);
	await expectText(options, /New profile “home”/);
	await options.click('button', 'Cancel');
	await expectRole(options, 'status', 'Nothing was imported.');
	expect(await names()).toEqual(['work']);

	await options.upload('Import settings', 'mfa-session-settings.json', file);
	await expectText(options, /New profile “home”/);
	expect(await names(), 'nothing changes before the confirmation').toEqual(['work']);
	await options.click('button', 'Import these settings');
	await expectRole(options, 'status', 'Imported: 1 new, 0 updated');
	expect(await names()).toEqual(['home', 'work']);

	await options.upload('Import settings', 'bad.json', '{"kind":"x"}');
	await expectRole(options, 'alert', 'not an MFA Session settings file');
	expect(await names()).toEqual(['home', 'work']);
});
