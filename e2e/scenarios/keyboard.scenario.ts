// The copy shortcut pressed for real, in both browsers: xdotool on the browser's own Xvfb display,
// the clipboard read with xclip as any other program reads it.
import { alice, expect, expectRole, passphrase, saveProfile, scenario as test, withSession } from './scenario';

test('Alt+Shift+K copies the active session; without one it copies nothing and says so on the badge', async ({ driver, sts }) => {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	await driver.setClipboard('copied before the shortcut');
	await driver.press('alt+shift+k');
	await expect.poll(() => driver.background('chrome.action.getBadgeText({})')).toBe('!');
	expect(await driver.clipboard()).toBe('copied before the shortcut');

	const popup = await driver.open('popup');
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	const token = sts.issued.at(-1)?.sessionToken ?? 'missing';
	await driver.press('alt+shift+k');
	await expect.poll(() => driver.clipboard().catch(() => '')).toContain(`export AWS_SESSION_TOKEN=${token}`);
});

test.describe('with clipboard reading allowed', () => {
	test.use({ grantedPermissions: ['clipboardRead'] });
	test('clipboard clearing: only our own copy is cleared after the chosen time', async ({ driver, sts }) => {
		test.setTimeout(180_000);
		const { options } = await withSession(driver, sts);
		// Chosen from the keyboard, a real user action, as the browser requires for a permission.
		await options.press('Clear the clipboard after a copy', 'Down');
		await expect.poll(() => options.value('Clear the clipboard after a copy')).not.toBe('Never');
		const token = sts.issued.at(-1)?.sessionToken ?? 'missing';
		await driver.press('alt+shift+k');
		await expect.poll(() => driver.clipboard().catch(() => '')).toContain(token);
		await expect.poll(() => driver.clipboard().catch(() => 'unreadable'), { timeout: 70_000, intervals: [2_000] }).toBe('');

		// A copy replaced by something else in the meantime is left alone.
		await driver.press('alt+shift+k');
		await expect.poll(() => driver.clipboard().catch(() => '')).toContain(token);
		await driver.setClipboard('something the person copied since');
		await expect
			.poll(() => driver.background(`chrome.alarms.get('clear-clipboard').then((alarm) => alarm === undefined)`), {
				timeout: 70_000,
				intervals: [2_000],
			})
			.toBe(true);
		await new Promise((done) => setTimeout(done, 1_000));
		expect(await driver.clipboard()).toBe('something the person copied since');
	});
});
