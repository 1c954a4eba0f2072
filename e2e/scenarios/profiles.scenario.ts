// Several profiles in both browsers: each has its own session, the popup's switcher remembers the
// choice, and the badge follows the active profile.
import { alice, expect, expectRole, expectText, scenario as test, twoProfiles } from './scenario';

test('several profiles: a session each, a switcher that remembers, and the badge follows the active one', async ({ driver, sts }) => {
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

	await popup.choose('Profile', second);
	await expect.poll(active).toBe(second);
	await expectText(popup, /No session yet\./);
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
	await expectText(popup, /Valid until \d\d:\d\d/);
	await expect.poll(badge).toEqual([expect.stringMatching(/^1[12]h$/), expect.stringContaining(`MFA Session: ${first}, valid until`)]);
});
