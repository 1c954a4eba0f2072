// A new session in both browsers: bad input sends nothing, a wrong or reused code is named, a
// double submit makes one request, and STS failures keep the previous session and the profile.
import type { DrivenBrowser, DrivenPage } from '../driver/driver';
import type { Fault, StsServer } from '../sts/server';
import {
	alice,
	expect,
	expectNothingLost,
	expectRole,
	expectText,
	liveSession,
	passphrase,
	saveProfile,
	scenario as test,
	tokenRequests,
} from './scenario';

/** The fixture profile saved, and the popup open on it. */
async function savedProfile(driver: DrivenBrowser, sts: StsServer): Promise<DrivenPage> {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	return driver.open('popup');
}

test('anything but six digits is refused in the popup and sends nothing', async ({ driver, sts }) => {
	const popup = await savedProfile(driver, sts);
	sts.resetRequests();
	for (const code of ['12345', '1234567', '12a456', 'abcdef', '']) {
		await popup.reload();
		await popup.fill('MFA code', code);
		await popup.click('button', 'Refresh session');
		await expectRole(popup, 'alert', 'MFA code');
		// Refused, the button is usable again at once: both drivers refuse to click a disabled one.
		await popup.click('button', 'Refresh session');
		await expectRole(popup, 'alert', 'MFA code');
	}
	expect(sts.requests).toHaveLength(0);
});

test('a wrong code is named by STS; a code just used is refused without a request', async ({ driver, sts }) => {
	const popup = await savedProfile(driver, sts);
	const code = sts.freshCode(alice);
	const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
	await popup.fill('MFA code', wrong);
	await expectRole(popup, 'alert', 'MFA code');
	expect(sts.requests.at(-1)?.outcome).toBe('AccessDenied');
	await popup.reload();
	await popup.fill('MFA code', code);
	await expectRole(popup, 'status', 'New session');
	expect(tokenRequests(sts)).toHaveLength(2);
	await popup.reload();
	await popup.fill('MFA code', `${code.slice(0, 3)} ${code.slice(3)}`);
	await expectRole(popup, 'alert', 'was just used; wait for the next one');
	expect(tokenRequests(sts)).toHaveLength(2);
});

test('a double submit while a request runs makes one STS call', async ({ driver, sts }) => {
	const popup = await savedProfile(driver, sts);
	const release = sts.hold();
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectText(popup, /Asking AWS for a session…/);
	await expect.poll(() => sts.held, { message: 'the request to reach STS' }).toBe(1);
	// Submitted again twice while it runs: by the button and by Enter in the field.
	await popup.click('button', 'Refresh session');
	await popup.submit('MFA code');
	release();
	await expectRole(popup, 'status', 'New session');
	expect(tokenRequests(sts)).toHaveLength(1);
});

/** Every way STS and the network fail, and the message each gets. */
const faults: [Fault, RegExp][] = [
	['server-error', /server error \(HTTP 500\)/],
	['unavailable-html', /HTTP 503/],
	['truncated', /was not STS's/],
	['malformed', /was not STS's/],
	['captive-portal', /was not STS's.*captive portal/],
	['reset', /Could not reach http:\/\/127\.0\.0\.1/],
	['throttle', /limiting requests.*rate exceeded/],
	['region-disabled', /not activated in this region/],
];

test('every STS and network failure and a hang with its timeout are named; the previous session and the profile survive them', async ({
	driver,
	sts,
}) => {
	test.setTimeout(120_000);
	const { options, popup, kept } = await liveSession(driver, sts);
	const issued = sts.issued.length;
	// Failures that never reach the code check do not use the code up, so one code serves all.
	const code = sts.freshCode(alice);
	for (const [fault, message] of faults) {
		await test.step(fault, async () => {
			await popup.reload();
			sts.setFault(fault);
			await popup.fill('MFA code', code);
			await expectRole(popup, 'alert', message);
			await expectText(popup, /Valid until \d\d:\d\d/);
		});
	}
	await test.step('a clock 20 minutes off', async () => {
		sts.setFault(undefined);
		await popup.reload();
		sts.setClockOffset(20 * 60_000);
		await popup.fill('MFA code', code);
		await expectRole(popup, 'alert', /clock is off by more than 15 minutes/);
		sts.setClockOffset(0);
	});
	await test.step('hang', async () => {
		await popup.reload();
		sts.setFault('hang');
		await popup.fill('MFA code', code);
		await expectText(popup, /Asking AWS for a session…/);
		await expectRole(popup, 'alert', 'did not answer within 15 seconds', 25_000);
	});
	sts.setFault(undefined);
	expect(sts.issued).toHaveLength(issued);
	await expectNothingLost(driver, options, kept);
});

test('the background stopped between requests wakes with everything; stopped mid-request, the page says so', async ({ driver, sts }) => {
	const { options, popup, kept } = await liveSession(driver, sts);
	await driver.stopBackground();
	await popup.reload();
	await expectText(popup, /Valid until \d\d:\d\d/);
	await expectNothingLost(driver, options, kept);

	const release = sts.hold();
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectText(popup, /Asking AWS for a session…/);
	await expect.poll(() => sts.held, { message: 'the request to reach STS' }).toBe(1);
	await driver.stopBackground();
	await expectRole(popup, 'alert', 'stopped before it answered');
	release();
	await popup.reload();
	await expectText(popup, /Valid until \d\d:\d\d/);
	expect(await popup.count('textbox', 'Passphrase')).toBe(0);
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
});

test.describe('with an AWS host allowed', () => {
	test.use({ grantedHosts: ['https://sts.eu-north-1.amazonaws.com/*'] });
	test('an endpoint whose name does not resolve is reported as unreachable, and nothing is sent', async ({ driver, sts }) => {
		const options = await driver.open('options');
		// An AWS STS host must be of the profile's own region.
		const region = 'eu-north-1 – Europe (Stockholm)';
		await saveProfile(options, sts, { endpoint: 'https://sts.eu-north-1.amazonaws.com', region }, passphrase);
		await expectRole(options, 'status', 'saved');
		const popup = await driver.open('popup');
		await popup.fill('MFA code', sts.freshCode(alice));
		await expectRole(popup, 'alert', 'Could not reach https://sts.eu-north-1.amazonaws.com');
		expect(sts.requests).toHaveLength(0);
	});
});
