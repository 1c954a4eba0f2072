// Nothing lost, nothing leaked: bad input is refused where it is typed before any request, every
// STS and network failure gets a message naming cause and fix, and the live session and the
// profile survive all of it. The fixtures scan every console and the disk after each test.
import type { Page } from '@playwright/test';
import type { StsServer } from './sts/server';
import {
	alice,
	aliceInactiveKey,
	aliceProfile,
	expect,
	passphrase,
	rootUser,
	storedProfiles,
	test,
	tokenRequests,
	withSession,
} from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

/** Saves the fixture profile and gets a first session; returns both pages and the export text. */
async function withLiveSession(ext: ExtensionBrowser, sts: StsServer) {
	const { options, popup } = await withSession(ext, sts);
	const exported = options.getByLabel('Exported credentials');
	await expect(exported).toHaveValue(/AWS_SESSION_TOKEN/);
	return { options, popup, exported: await exported.inputValue() };
}

/** The session and profile are exactly as before the failure. */
async function expectNothingLost(ext: ExtensionBrowser, options: Page, exported: string, profiles: unknown) {
	await options.reload();
	await expect(options.getByLabel('Exported credentials')).toHaveValue(exported);
	expect(await storedProfiles(ext)).toEqual(profiles);
}

// The STS faults, the hang with its timeout and the name that does not resolve are scenarios that
// run in Chromium and in Firefox: e2e/scenarios/refresh.scenario.ts.

test("wrong keys and another user's device are named by AWS's answer", async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	const popup = await openPage(ext, 'popup');
	const cases: [string, Partial<ReturnType<typeof aliceProfile>>, RegExp, string][] = [
		['unknown key', { accessKeyId: 'AKIAUNKNOWNKEEXAMPLE' }, /does not know this access key ID/, 'InvalidClientTokenId'],
		[
			'inactive key',
			{ accessKeyId: aliceInactiveKey.accessKeyId, secretAccessKey: aliceInactiveKey.secretAccessKey },
			/does not know this access key ID, or it is inactive or deleted/,
			'InvalidClientTokenId',
		],
		['wrong device', { mfaSerial: rootUser.mfaSerial }, /device ARN is wrong or not this user's/, 'AccessDenied'],
	];
	let first = true;
	for (const [name, change, message, outcome] of cases) {
		await test.step(name, async () => {
			await options.bringToFront();
			await saveProfile(options, { ...aliceProfile(sts), ...change }, first ? passphrase : undefined);
			await expect(options.getByRole('status')).toContainText('saved');
			first = false;
			await popup.reload();
			await typeCode(popup, sts.freshCode(alice));
			await expect(popup.getByRole('alert')).toContainText(message);
			expect(sts.requests.at(-1)?.outcome).toBe(outcome);
		});
	}
});

test('bad profile input is refused at its field before any request, and nothing is saved', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	const cases: [string, (page: Page) => Promise<void>, string, RegExp][] = [
		['empty name', (page) => page.getByLabel('Profile name').fill(''), 'name', /Enter a name/],
		['name breaking a section header', (page) => page.getByLabel('Profile name').fill('work]x'), 'name', /\[section\]/],
		['name with a space', (page) => page.getByLabel('Profile name').fill('my work'), 'name', /letters, digits and \. _ - \+ @ only/],
		['short key id', (page) => page.getByLabel('Access key ID').fill('AKIA123'), 'accessKeyId', /16 to 128/],
		['temporary key', (page) => page.getByLabel('Access key ID').fill('ASIAIOSFODNN7EXAMPLE'), 'accessKeyId', /long-term key/],
		['empty secret', (page) => page.getByLabel('Secret access key').fill(''), 'secretAccessKey', /Enter the secret/],
		['secret with a space', (page) => page.getByLabel('Secret access key').fill('abc def'), 'secretAccessKey', /space or line break/],
		['short serial', (page) => page.getByLabel('MFA device ARN or serial number').fill('GAHT1234'), 'mfaSerial', /at least 9/],
		[
			'long serial',
			(page) => page.getByLabel('MFA device ARN or serial number').fill(`GAHT${'1'.repeat(253)}`),
			'mfaSerial',
			/at most 256/,
		],
		['bad characters', (page) => page.getByLabel('MFA device ARN or serial number').fill('GAHT 1234 5678'), 'mfaSerial', /only contain/],
		[
			'user ARN',
			(page) => page.getByLabel('MFA device ARN or serial number').fill('arn:aws:iam::123456789012:user/alice'),
			'mfaSerial',
			/arn:aws:iam::123456789012:mfa\/alice/,
		],
		[
			'too short a session',
			async (page) => {
				await page.getByLabel('Hours').fill('0');
				await page.getByLabel('Minutes').fill('10');
			},
			'durationSeconds',
			/at least 15 minutes/,
		],
		['too long a session', (page) => page.getByLabel('Hours').fill('37'), 'durationSeconds', /at most 36 hours/],
		['plain http', (page) => page.getByLabel('STS endpoint').fill('http://sts.example.com'), 'endpoint', /Use https/],
		['user info', (page) => page.getByLabel('STS endpoint').fill('https://me:pw@sts.example.com'), 'endpoint', /user name and password/],
		['malformed URL', (page) => page.getByLabel('STS endpoint').fill('sts amazonaws com'), 'endpoint', /not a valid URL/],
		['short passphrase', (page) => page.getByLabel('Passphrase', { exact: true }).fill('short'), 'passphrase', /at least 10/],
		['different confirmation', (page) => page.getByLabel('Confirm passphrase').fill(`${passphrase}!`), 'confirmation', /differ/],
	];
	for (const [name, spoil, field, message] of cases) {
		await test.step(name, async () => {
			await options.reload();
			await options.getByLabel('Profile name').fill('work');
			await options.getByLabel('Access key ID').fill(alice.accessKeyId);
			await options.getByLabel('Secret access key').fill(alice.secretAccessKey);
			await options.getByLabel('MFA device ARN or serial number').fill(alice.mfaSerial);
			await options.getByLabel('STS endpoint').fill(sts.url);
			await options.getByLabel('Passphrase', { exact: true }).fill(passphrase);
			await options.getByLabel('Confirm passphrase').fill(passphrase);
			await spoil(options);
			await options.getByRole('button', { name: 'Save profile' }).click();
			await expect(options.locator(`#${field}-error`)).toHaveAttribute('role', 'alert');
			await expect(options.locator(`#${field}-error`)).toContainText(message);
			await expect(options.locator(`#${field}`)).toBeFocused();
		});
	}
	expect(await storedProfiles(ext)).toEqual([]);
	expect(await ext.worker.evaluate(async () => Object.keys(await chrome.storage.local.get('vault')))).toEqual([]);

	// A name already taken, whatever its case, is refused at the name; the saved profile stays as it was.
	await options.reload();
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const saved = await storedProfiles(ext);
	await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
	await saveProfile(options, { ...aliceProfile(sts), name: 'WORK' });
	await expect(options.locator('#name-error')).toContainText('There is already a profile named WORK');
	await expect(options.locator('#name')).toBeFocused();
	expect(await storedProfiles(ext)).toEqual(saved);
	expect(sts.requests).toHaveLength(0);
});

test('pasted codes are normalised; a code just used is refused without a request', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	const code = sts.freshCode(alice);
	await popup.getByLabel('MFA code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
	await expectNewSession(popup);
	expect(tokenRequests(sts)).toHaveLength(1);
	await popup.reload();
	await popup.getByLabel('MFA code').fill(`${code.slice(0, 3)}-${code.slice(3)}`);
	await expect(popup.getByRole('alert')).toContainText('was just used; wait for the next one');
	expect(tokenRequests(sts)).toHaveLength(1);
});

test('simultaneous refreshes from two pages make exactly one STS call, and both get its outcome', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	const [first, second] = [await openPage(ext, 'popup'), await openPage(ext, 'popup')];
	// STS holds the request until both pages are asking: they are in flight together, however busy the machine.
	const release = sts.hold();
	const code = sts.freshCode(alice);
	await Promise.all([first.getByLabel('MFA code').fill(code), second.getByLabel('MFA code').fill(code)]);
	await expect(first.getByText('Asking AWS for a session…')).toBeVisible();
	await expect(second.getByText('Asking AWS for a session…')).toBeVisible();
	await expect.poll(() => sts.held, { message: 'the request to reach STS' }).toBe(1);
	// A further submit while it runs is ignored.
	await second.getByLabel('MFA code').press('Enter');
	release();
	await Promise.all([expectNewSession(first), expectNewSession(second)]);
	expect(tokenRequests(sts)).toHaveLength(1);
});

test('a real double click on "Refresh session" while a request runs makes no second STS call', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	const release = sts.hold();
	await typeCode(popup, sts.freshCode(alice));
	await expect.poll(() => sts.held, { message: 'the request to reach STS' }).toBe(1);
	await popup.getByRole('button', { name: 'Refresh session' }).dblclick();
	release();
	await expectNewSession(popup);
	expect(tokenRequests(sts)).toHaveLength(1);
});

test('offline: the browser has no network at all, and says so; nothing is lost', async ({ ext, sts }) => {
	const { options, popup, exported } = await withLiveSession(ext, sts);
	const profiles = await storedProfiles(ext);
	const before = sts.requests.length;
	await ext.context.setOffline(true);
	try {
		await typeCode(popup, sts.freshCode(alice));
		await expect(popup.getByRole('alert')).toContainText(/you seem to be offline/);
	} finally {
		await ext.context.setOffline(false);
	}
	expect(sts.requests).toHaveLength(before);
	await expectNothingLost(ext, options, exported, profiles);
});

// The service worker stopped between and during requests: a scenario in both browsers (e2e/scenarios/refresh.scenario.ts).

test('web pages cannot reach the extension', async ({ ext, sts }) => {
	const page = await ext.context.newPage();
	await page.goto(`${sts.url}/`);
	const answer = await page.evaluate(async (id) => {
		const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } } }).chrome?.runtime;
		if (!runtime?.sendMessage) return 'no messaging API';
		try {
			return JSON.stringify(await runtime.sendMessage(id, { name: 'getState' }));
		} catch (error) {
			return `refused: ${(error as Error).message}`;
		}
	}, ext.extensionId);
	expect(answer).toMatch(/^(no messaging API|refused: )/);
});
