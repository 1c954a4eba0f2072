// Several profiles in both browsers: each has its own session, the popup's switcher (by keyboard too)
// remembers the choice, the popup names who the session is, and the badge follows the active profile.
import { alice, expect, expectRole, expectText, scenario as test, twoProfiles } from './scenario';

test('several profiles: a session each, a keyboard switcher that remembers, who am I, and the badge follows the active one', async ({
	driver,
	sts,
}) => {
	await twoProfiles(driver, sts);
	const badge = () => driver.background<[string, string]>('Promise.all([chrome.action.getBadgeText({}), chrome.action.getTitle({})])');
	const active = () =>
		driver.background<string>(`chrome.storage.local.get(['profiles', 'activeProfileId']).then(({ profiles, activeProfileId }) =>
			profiles.find((profile) => profile.id === activeProfileId)?.name)`);

	const popup = await driver.open('popup');
	const first = await popup.value('Profile');
	const second = first === 'work' ? 'home' : 'work';
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	await expect
		.poll(badge)
		.toEqual([expect.stringMatching(/^1[12]h$/), expect.stringMatching(new RegExp(`^MFA Session: ${first}, valid until \\d\\d:\\d\\d$`))]);

	// Switched from the keyboard, a real key press ("work" is listed first, as saved): the new
	// profile's code field has the keyboard.
	await popup.press('Profile', first === 'work' ? 'Down' : 'Up');
	await expect.poll(active).toBe(second);
	await expectText(popup, /No session yet\./);
	await expect.poll(() => popup.focused()).toBe('MFA code');
	await expect.poll(badge).toEqual(['', `MFA Session: ${second}, no session yet`]);
	// Remembered: the popup opens on the chosen profile.
	await popup.reload();
	expect(await popup.value('Profile')).toBe(second);
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	await expect.poll(badge).toEqual([expect.stringMatching(/^1[12]h$/), expect.stringContaining(`MFA Session: ${second}, valid until`)]);
	expect(sts.issued).toHaveLength(2);

	await popup.choose('Profile', first);
	await expect.poll(active).toBe(first);
	await expectText(popup, /Valid until \d\d:\d\d \(1[12] h/);
	// Who the session is: the account and the caller's ARN.
	await expectText(popup, /Account 123456789012/);
	expect(await popup.text()).toContain(alice.arn);
	await expect.poll(badge).toEqual([expect.stringMatching(/^1[12]h$/), expect.stringContaining(`MFA Session: ${first}, valid until`)]);
});
