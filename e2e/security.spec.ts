// What an outside review showed could be abused, each closed and checked here: a settings file
// that redirects a profile, STS answers that carry terminal control characters or keys AWS never
// issues, the idle lock's default, raced unlocks and vault writes, text from hosts that are not AWS's.
import type { Page } from '@playwright/test';
import {
	alice,
	aliceProfile,
	codeFor,
	expect,
	noteVaultKey,
	passphrase,
	sessionsSettled,
	storedProfiles,
	test,
	tokenRequests,
	withSession,
} from './support/fixtures';
import { type ExtensionBrowser, launchWithExtension } from './support/launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

/** A settings file as another machine's export would write it. */
function settingsFile(profiles: object[], preferences: object = {}) {
	const text = JSON.stringify({ kind: 'mfa-session-settings', version: 1, profiles, preferences });
	return { name: 'team-settings.json', mimeType: 'application/json', buffer: Buffer.from(text) };
}

const storedSession = (ext: ExtensionBrowser) =>
	ext.worker.evaluate(
		async () =>
			Object.values(((await chrome.storage.session.get('sessions')).sessions ?? {}) as object)[0] as Record<string, string> | undefined,
	);

/** Sends one message to the worker from a page, as the pages' `send` does. */
const message = (page: Page, name: string, payload: unknown) =>
	page.evaluate(([name, payload]) => chrome.runtime.sendMessage({ name, payload }), [name, payload] as const);

const apiGateway = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

// Hosts these tests call, allowed as the options page's save would have asked (the prompt itself is tested under Xvfb).
test.use({ grantedHosts: ['https://sts.us-east-1.amazonaws.com/*', `${apiGateway}/*`] });

test('a settings file that redirects a profile is shown field by field, changes nothing until confirmed, and its host must be trusted before use', async ({
	ext,
	sts,
	aws,
}) => {
	const { options, popup } = await withSession(ext, sts);
	const before = await storedProfiles(ext);
	const session = await storedSession(ext);
	const { secretAccessKey: _secret, ...work } = aliceProfile(sts);
	const team = {
		name: 'team',
		accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
		mfaSerial: 'arn:aws:iam::210987654321:mfa/team',
		durationSeconds: 3600,
	};
	const redirect = settingsFile(
		[
			{ ...work, endpoint: apiGateway, durationSeconds: 43_200, region: 'us-east-1' },
			{ ...team, region: 'eu-west-1' },
		],
		{ autoLockMinutes: 0, clearClipboardSeconds: 30, exportFormat: 'fish' },
	);

	await options.bringToFront();
	await options.getByLabel('Import settings').setInputFiles(redirect);
	const changes = options.getByRole('table', { name: 'Changes to “work”' });
	await expect(changes.getByRole('row', { name: /STS endpoint/ })).toContainText(`${sts.url}${apiGateway}`);
	await expect(changes).toContainText('Its live session ends');
	const added = options.getByRole('definition').filter({ hasText: 'https://sts.eu-west-1.amazonaws.com' });
	await expect(added).toBeVisible();
	await expect(options.getByText('New profile “team”')).toBeVisible();
	await expect(options.getByText(/Preferences: exportFormat: bash → fish$/)).toBeVisible();
	await expect(options.getByText(/Not imported: autoLockMinutes, clearClipboardSeconds\./)).toBeVisible();
	expect(await storedProfiles(ext), 'nothing changes before the confirmation').toEqual(before);

	await options.getByRole('button', { name: 'Cancel' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Nothing was imported.' })).toBeVisible();
	expect(await storedProfiles(ext)).toEqual(before);

	await options.getByLabel('Import settings').setInputFiles(redirect);
	await options.getByRole('button', { name: 'Import these settings' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Imported: 1 new, 1 updated' })).toBeVisible();
	const after = await storedProfiles(ext);
	expect(after.find((profile) => profile.name === 'work')).toMatchObject({ id: before[0]?.id, endpoint: apiGateway });
	expect(after.find((profile) => profile.name === 'work')).not.toHaveProperty('trustedHost');
	expect(await storedSession(ext), 'the redirected profile’s session ended').toBeUndefined();
	expect(session).toBeDefined();
	const preferences = await ext.worker.evaluate(async () => (await chrome.storage.local.get('preferences')).preferences);
	expect(preferences, 'a file may not switch the lock off, nor turn on what needs a permission').toMatchObject({
		autoLockMinutes: 15,
		clearClipboardSeconds: 0,
		exportFormat: 'fish',
	});

	// The popup names the unconfirmed host before a code is typed, and the worker refuses it.
	await popup.reload();
	await expect(popup.getByRole('alert')).toContainText('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com is not AWS');
	await typeCode(popup, sts.freshCode(alice));
	// Said twice now: above the profile, and as the refusal of the code.
	await expect(popup.getByRole('alert').filter({ hasText: 'has not been confirmed' })).toHaveCount(2);
	expect(aws.requests, 'nothing reached the redirected host').toEqual([]);

	// On the options page the person sees whose host it is, and trusts it explicitly.
	await options.reload();
	await options.getByLabel('Profile to edit').selectOption({ label: 'work' });
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.locator('#endpoint-error')).toContainText(
		"a1b2c3d4e5.execute-api.us-east-1.amazonaws.com is not one of AWS's STS hosts",
	);
	await options.getByLabel('Trust this endpoint').check();
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();

	// Used now, and shown as not AWS every time; its identity is its own claim, not remembered.
	await popup.reload();
	await expect(popup.getByText('Endpoint: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com (not AWS)')).toBeVisible();
	// The same device as the first session's, at another server: the next step's code, as a person would wait for it.
	await typeCode(popup, codeFor(alice, 1));
	await expectNewSession(popup);
	await expect(popup.getByText('As reported by a1b2c3d4e5.execute-api.us-east-1.amazonaws.com, not by AWS.')).toBeVisible();
	expect(aws.requests.map((request) => request.host)).toContain('a1b2c3d4e5.execute-api.us-east-1.amazonaws.com');
	expect((await storedProfiles(ext)).find((profile) => profile.name === 'work')).not.toHaveProperty('identityArn');
	// Its refusals are its own: named by host and code, never in AWS's words.
	await typeCode(popup, '000000');
	await expect(popup.getByRole('alert')).toContainText(
		'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com refused the request (AccessDenied). It is not one of AWS',
	);
	await expect(popup.getByRole('alert')).not.toContainText('AWS refused');
});

test('the worker itself refuses to save or use an unconfirmed host, and a confirmation holds only for the host it was given for', async ({
	ext,
	sts,
}) => {
	const options = await openPage(ext, 'options');
	const request = {
		...aliceProfile(sts),
		endpoint: apiGateway,
		region: 'us-east-1',
		endpointKind: 'regional',
		durationSeconds: 3600,
		passphrase,
		confirmation: passphrase,
	};
	expect(await message(options, 'saveProfile', request)).toMatchObject({
		ok: false,
		error: { field: 'endpoint', message: expect.stringContaining("is not one of AWS's STS hosts") },
	});
	expect(await storedProfiles(ext)).toEqual([]);
	const trusted = new URL(apiGateway).host;
	expect(await message(options, 'saveProfile', { ...request, trustedHost: trusted })).toMatchObject({ ok: true });
	expect((await storedProfiles(ext))[0]).toMatchObject({ endpoint: apiGateway, trustedHost: trusted });

	const { secretAccessKey: _secret, ...work } = aliceProfile(sts);
	const moved = settingsFile([{ ...work, endpoint: 'https://sts.example.test', durationSeconds: 3600, region: 'us-east-1' }]);
	await options.reload();
	await options.getByLabel('Import settings').setInputFiles(moved);
	await options.getByRole('button', { name: 'Import these settings' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Imported: 0 new, 1 updated' })).toBeVisible();
	expect((await storedProfiles(ext))[0]).toMatchObject({ endpoint: 'https://sts.example.test' });
	expect((await storedProfiles(ext))[0]).not.toHaveProperty('trustedHost');
	const profileId = (await storedProfiles(ext))[0]?.id;
	expect(await message(options, 'refresh', { profileId, code: '123456' })).toMatchObject({
		ok: false,
		error: { kind: 'unconfirmed-endpoint' },
	});
});

test('STS answers with control characters, a long-term key or an impossible expiry are refused, and the session is kept', async ({
	ext,
	sts,
	aws,
}) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, { ...aliceProfile(sts), endpoint: '' }, passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, aws.freshCode(alice));
	await expectNewSession(popup);
	await sessionsSettled(ext);
	const kept = await storedSession(ext);
	expect(aws.requests[0]?.host).toBe('sts.us-east-1.amazonaws.com');

	for (const fault of ['control-characters', 'long-term-key', 'far-expiry'] as const) {
		await test.step(fault, async () => {
			aws.setFault(fault);
			await typeCode(popup, aws.freshCode(alice));
			await expect(popup.getByRole('alert')).toContainText(
				'The answer from sts.us-east-1.amazonaws.com is not a valid STS session, so nothing was saved and the previous session is kept.',
			);
			expect(await storedSession(ext)).toEqual(kept);
		});
	}
	aws.setFault(undefined);
	await options.reload();
	await expect(options.getByLabel('Exported credentials')).toHaveValue(new RegExp(`AWS_ACCESS_KEY_ID=${kept?.accessKeyId}`));
	await expect(options.getByLabel('Exported credentials')).toHaveValue(/^[\x20-\x7e\n]+$/);
});

test('an emulator on loopback may answer with its fixed AKIA key, but never with control characters', async ({ ext, sts }) => {
	const { popup } = await withSession(ext, sts);
	await expect(popup.getByText(`Endpoint: ${new URL(sts.url).host} (not AWS)`)).toBeVisible();
	sts.setFault('long-term-key');
	await typeCode(popup, codeFor(alice, 1));
	await expectNewSession(popup);
	// The local STS does not know the key it made up, so the identity call fails and nothing is written after this answer.
	expect((await storedSession(ext))?.accessKeyId).toMatch(/^AKIA/);
	const kept = await storedSession(ext);
	sts.setFault('control-characters');
	await typeCode(popup, codeFor(alice, -1));
	await expect(popup.getByRole('alert')).toContainText('is not a valid STS session');
	expect(await storedSession(ext)).toEqual(kept);
	// An emulator on this machine is the person's own tool: its codes keep their plain meaning.
	sts.setFault(undefined);
	await typeCode(popup, '000000');
	await expect(popup.getByRole('alert')).toContainText('AWS refused this MFA code');
	expect(tokenRequests(sts).at(-1)?.outcome).toBe('AccessDenied');
});

test('the vault locks after 15 idle minutes by default, and can lock after each new session', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await options.bringToFront();
	await options.reload();
	await expect(options.getByLabel('Lock after idle time')).toHaveValue('15');
	const lock = await ext.worker.evaluate(async () => ({
		lockAt: (await chrome.storage.session.get('lockAt')).lockAt as number,
		alarm: (await chrome.alarms.get('auto-lock'))?.scheduledTime,
		now: Date.now(),
	}));
	expect(lock.lockAt - lock.now).toBeGreaterThan(14 * 60_000);
	expect(lock.lockAt - lock.now).toBeLessThanOrEqual(15 * 60_000);
	expect(lock.alarm).toBe(lock.lockAt);

	await options.getByLabel('Lock after idle time').selectOption({ label: 'after each new session' });
	await expect
		.poll(() =>
			ext.worker.evaluate(
				async () =>
					((await chrome.storage.local.get('preferences')).preferences as { autoLockMinutes?: number } | undefined)?.autoLockMinutes,
			),
		)
		.toBe(-1);
	await popup.reload();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeVisible();
	expect(await ext.worker.evaluate(async () => (await chrome.storage.session.get('vaultKey')).vaultKey)).toBeUndefined();
});

test('unlock attempts are counted before the slow check, one at a time, and the count outlives a browser restart', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	await options.getByRole('button', { name: 'Lock now' }).click();
	const answers = await options.evaluate(() =>
		Promise.all(
			['guess one!!', 'guess two!!', 'guess three', 'guess four!'].map((guess) =>
				chrome.runtime.sendMessage({ name: 'unlock', payload: { passphrase: guess } }),
			),
		),
	);
	expect(answers.map((answer) => answer.ok)).toEqual([false, false, false, false]);
	expect(
		answers.filter((answer) => answer.error.kind === 'throttled'),
		'the fourth waits for the third',
	).toHaveLength(1);
	const failures = () =>
		ext.worker.evaluate(
			async () => (await chrome.storage.local.get('unlockFailures')).unlockFailures as { count: number; retryAt: number },
		);
	const counted = await failures();
	expect(counted.count).toBe(3);
	await ext.context.close();

	const again = await launchWithExtension({ userDataDir: ext.userDataDir });
	try {
		const stored = await again.worker.evaluate(async () => (await chrome.storage.local.get('unlockFailures')).unlockFailures);
		expect(stored, 'a restart gives no free guesses').toEqual(counted);
		const answer = await (await openPage(again, 'options')).evaluate(() =>
			chrome.runtime.sendMessage({ name: 'unlock', payload: { passphrase: 'guess five!' } }),
		);
		expect(['throttled', 'wrong-passphrase']).toContain(answer.error.kind);
		// Counting went on from three: the fifth guess in a row waits 4 s (a reset count would allow it at once).
		if (answer.error.kind === 'wrong-passphrase') {
			const after = await again.worker.evaluate(
				async () => (await chrome.storage.local.get('unlockFailures')).unlockFailures as { count: number; retryAt: number },
			);
			expect(after.count).toBe(4);
			expect(after.retryAt - Date.now()).toBeGreaterThan(2_000);
		}
	} finally {
		await again.context.close();
	}
});

test('a key in memory that no longer opens the vault locks it and says why', async ({ ext, sts }) => {
	const { popup } = await withSession(ext, sts);
	// A passphrase change cut short between its two writes leaves exactly this: a key that opens nothing.
	await ext.worker.evaluate(() =>
		chrome.storage.session.set({ vaultKey: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32)))) }),
	);
	await typeCode(popup, sts.freshCode(alice));
	await expect(popup.getByRole('alert')).toContainText('The vault was locked: the key in memory no longer opens it');
	expect(await ext.worker.evaluate(async () => (await chrome.storage.session.get('vaultKey')).vaultKey)).toBeUndefined();
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeVisible();
});

test('a copy from the popup arranges the clearing before the text is handed over', async ({ ext, sts }) => {
	const { popup } = await withSession(ext, sts);
	await ext.worker.evaluate(async () => {
		const { preferences } = await chrome.storage.local.get('preferences');
		await chrome.storage.local.set({ preferences: { ...(preferences as object), clearClipboardSeconds: 30 } });
	});
	// The popup closes (or hangs) before its clipboard write finishes: the clear must already be on its way.
	await popup.evaluate(() => {
		navigator.clipboard.writeText = () => new Promise(() => undefined);
	});
	await popup.getByRole('button', { name: /^Copy as / }).click();
	await expect
		.poll(() => ext.worker.evaluate(async () => (await chrome.alarms.get('clear-clipboard'))?.scheduledTime ?? 0))
		.toBeGreaterThan(Date.now() + 20_000);
	expect(await ext.worker.evaluate(async () => (await chrome.storage.session.get('copiedDigest')).copiedDigest)).toMatch(/^[0-9a-f]{64}$/);
	await popup.close();
});

test('a secret saved while the passphrase changes is sealed under the new key, not lost', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	const profileId = (await storedProfiles(ext))[0]?.id as string;
	const newPassphrase = 'the new passphrase for the race';
	const madeUpSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYNEWSECRET';
	ext.secrets.push(newPassphrase, madeUpSecret);
	// The change takes two key derivations (~1 s); the save lands in the middle of it.
	const change = message(options, 'changePassphrase', { current: passphrase, next: newPassphrase, confirmation: newPassphrase });
	await options.waitForTimeout(600);
	const save = message(options, 'saveProfile', {
		...aliceProfile(sts),
		id: profileId,
		secretAccessKey: madeUpSecret,
		region: 'us-east-1',
		endpointKind: 'regional',
		durationSeconds: 43_200,
	});
	expect(await change).toMatchObject({ ok: true });
	expect(await save).toMatchObject({ ok: true });
	await noteVaultKey(ext);
	// The newer secret is the one stored: STS says it is wrong (it is made up), so it was not lost to the re-key.
	await popup.reload();
	await typeCode(popup, sts.freshCode(alice));
	await expect(popup.getByRole('alert')).toContainText('secret access key is wrong');
});

test('a profile whose host permission is missing says so in the popup before a code is typed, and sends nothing', async ({ ext, aws }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, { ...aliceProfile(aws), endpoint: '' }, passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	await ext.worker.evaluate(() => chrome.permissions.remove({ origins: ['https://sts.us-east-1.amazonaws.com/*'] }));
	const popup = await openPage(ext, 'popup');
	await expect(popup.getByRole('alert')).toContainText('MFA Session may not call sts.us-east-1.amazonaws.com yet');
	await typeCode(popup, aws.freshCode(alice));
	await expect(popup.getByRole('alert').filter({ hasText: 'no code was used' })).toHaveCount(2);
	expect(aws.requests).toEqual([]);
	await options.close();
	const opened = ext.context.waitForEvent('page');
	await popup.getByRole('button', { name: 'Allow it on the options page' }).click();
	expect((await opened).url()).toContain('/src/options/index.html');
});
