// The copy shortcut pressed for real, in both browsers: xdotool on the browser's own Xvfb display,
// the clipboard read with xclip as any other program reads it.
import { alice, expect, expectRole, passphrase, saveProfile, scenario as test } from './scenario';

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
