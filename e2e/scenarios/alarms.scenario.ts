// What runs on the browser's clock, in both browsers: the idle lock on its alarm, the badge's
// countdown (right again after the background stopped and woke), and the warning before expiry.
import { alice, expect, expectRole, passphrase, saveProfile, scenario as test, withSession } from './scenario';

test('the idle lock is an alarm at the chosen time, and it locks the vault when it fires', async ({ driver, sts }) => {
	test.setTimeout(120_000);
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	// 5 min, not the default 15: the alarm moving to it shows the choice has landed.
	await options.choose('Lock after idle time', '5 min');
	const alarmIn = () =>
		driver.background<number>(`chrome.alarms.get('auto-lock').then((alarm) => (alarm?.scheduledTime ?? 0) - Date.now())`);
	await expect.poll(alarmIn).toBeLessThanOrEqual(5 * 60_000);
	expect(await alarmIn()).toBeGreaterThan(4 * 60_000);
	// The idle time passes, then the alarm fires as the browser fires it.
	await driver.background(
		`chrome.storage.session.set({ lockAt: Date.now() - 1 }).then(() => chrome.alarms.create('auto-lock', { when: Date.now() + 50 }))`,
	);
	await expect.poll(() => options.count('button', 'Unlock'), { timeout: 70_000 }).toBe(1);
	await expect
		.poll(() => driver.background(`chrome.storage.session.get('vaultKey').then((stored) => Object.keys(stored))`), { timeout: 70_000 })
		.toEqual([]);
});

test('the badge counts the session down, and is right again after the background stopped and woke', async ({ driver, sts }) => {
	const { popup } = await withSession(driver, sts);
	const badge = () => driver.background<[string, string]>('Promise.all([chrome.action.getBadgeText({}), chrome.action.getTitle({})])');
	await expect
		.poll(badge)
		.toEqual([expect.stringMatching(/^1[12]h$/), expect.stringMatching(/^MFA Session: work, valid until \d\d:\d\d$/)]);
	await driver.background(`chrome.action.setBadgeText({ text: 'x' }).then(() => true)`);
	await driver.stopBackground();
	await popup.reload();
	await expect.poll(badge).toEqual([expect.stringMatching(/^1[12]h$/), expect.stringContaining('MFA Session: work')]);
});

test('a warning before expiry is an alarm at the chosen time before the session ends', async ({ driver, sts }) => {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	await driver.background(`chrome.storage.local.get('preferences').then(({ preferences }) =>
		chrome.storage.local.set({ preferences: { ...preferences, warnMinutesBefore: 10 } }))`);
	const popup = await driver.open('popup');
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	const expiration = Date.parse(sts.issued.at(-1)?.expiration ?? '');
	const warningTime = () =>
		driver.background<number | null>(
			`chrome.alarms.getAll().then((alarms) => alarms.find((alarm) => alarm.name.startsWith('expiry-warning:'))?.scheduledTime)`,
		);
	await expect.poll(async () => Math.abs(((await warningTime()) ?? 0) - (expiration - 10 * 60_000))).toBeLessThan(2_000);
});
