// Roles on top of the MFA session, against the local STS: one code gives every role of a source
// its session, role sessions are renewed silently while the source lives, an ended source asks for
// its code once, a direct role lasts up to 12 hours, and STS's refusals are shown with the session kept.
import { readFile } from 'node:fs/promises';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Page } from '@playwright/test';
import { readAwsCliProfile, readBoto3Profile, readJsCredentialProcess, readPosixEnv, readPythonDotenv } from './consumers/read';
import { adminRole, alice, auditRole, deployRole, lockedRole } from './sts/fixtures';
import type { StsServer } from './sts/server';
import { aliceProfile, expect, passphrase, test } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { chooseInPopup, expectNewSession, openPage, type RoleValues, saveProfile, saveRole, typeCode } from './support/pages';

/** The three roles of the one-code test, assumed from the MFA profile "work". */
const threeRoles = (sts: StsServer): RoleValues[] => [
	{ name: 'prod-admin', roleArn: adminRole.arn, source: 'work', endpoint: sts.url },
	{ name: 'audit', roleArn: auditRole.arn, source: 'work', endpoint: sts.url, externalId: 'partner-42' },
	{ name: 'deploy', roleArn: deployRole.arn, source: 'work', endpoint: sts.url },
];

const count = (sts: StsServer, action: string) =>
	sts.requests.filter((request) => request.action === action && request.outcome === 'ok').length;

/** The MFA profile and the given roles saved on the options page. */
async function saveProfiles(ext: ExtensionBrowser, sts: StsServer, roles: RoleValues[], endpoint = sts.url): Promise<Page> {
	const options = await openPage(ext, 'options');
	await saveProfile(options, { ...aliceProfile(sts), endpoint }, passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	for (const role of roles) {
		await saveRole(options, role);
		await expect(options.getByRole('status')).toContainText(`“${role.name}” saved`);
	}
	return options;
}

/** The sessions stored, by profile name, as the worker (or any extension page) reads them. */
function sessionsByName(ext: ExtensionBrowser, reader: Pick<Page, 'evaluate'> = ext.worker) {
	return reader.evaluate(async () => {
		const { profiles } = await chrome.storage.local.get('profiles');
		const { sessions } = await chrome.storage.session.get('sessions');
		const stored = (sessions ?? {}) as Record<string, { accessKeyId: string; expiration: string; identity?: { arn: string } }>;
		return Object.fromEntries((profiles as { id: string; name: string }[]).map((profile) => [profile.name, stored[profile.id]]));
	});
}

/** The MFA code typed once in the popup on "work". */
async function startSource(ext: ExtensionBrowser, sts: StsServer): Promise<Page> {
	const popup = await openPage(ext, 'popup');
	await chooseInPopup(ext, popup, 'work');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	return popup;
}

test('one code, three roles: one GetSessionToken and three AssumeRole, each role acting as itself', async ({ ext, sts }) => {
	await saveProfiles(ext, sts, threeRoles(sts));
	sts.resetRequests();
	const popup = await startSource(ext, sts);
	await expect.poll(async () => Object.values(await sessionsByName(ext)).filter(Boolean).length).toBe(4);
	expect(count(sts, 'GetSessionToken')).toBe(1);
	expect(count(sts, 'AssumeRole')).toBe(3);
	expect(sts.requests.filter((request) => request.action === 'AssumeRole').map((request) => request.roleArn)).toEqual(
		expect.arrayContaining([adminRole.arn, auditRole.arn, deployRole.arn]),
	);
	// Every AssumeRole was signed by the MFA session, not the long-term key.
	const mfaSession = sts.issued.find((session) => !session.assumed);
	expect(
		sts.requests.filter((request) => request.action === 'AssumeRole').every((request) => request.accessKeyId === mfaSession?.accessKeyId),
	).toBe(true);
	const sessions = await sessionsByName(ext);
	expect(sessions['prod-admin']?.identity?.arn).toBe('arn:aws:sts::210987654321:assumed-role/Admin/alice');
	expect(sessions.audit?.identity?.arn).toBe('arn:aws:sts::210987654321:assumed-role/Auditor/alice');

	// The switcher groups the roles under their source; a role with a live source needs no code.
	const switcher = popup.getByLabel('Profile', { exact: true });
	await expect(switcher.locator('optgroup[label="work"] option')).toHaveText(['work', 'prod-admin', 'audit', 'deploy']);
	await chooseInPopup(ext, popup, 'prod-admin');
	await expect(popup.getByText('arn:aws:sts::210987654321:assumed-role/Admin/alice')).toBeVisible();
	await expect(popup.getByLabel('MFA code')).toHaveCount(0);
	await expect(popup.getByRole('button', { name: /^Copy as / })).toBeVisible();
	// The badge follows the active role's session, as any profile's.
	await expect.poll(() => ext.worker.evaluate(() => chrome.action.getBadgeText({}))).toMatch(/^(1h|\d+m)$/);
});

test('a role session is renewed silently by its alarm while the source lives, with no popup', async ({ ext, sts }) => {
	await saveProfiles(ext, sts, [threeRoles(sts)[0] as RoleValues]);
	const popup = await startSource(ext, sts);
	await popup.close();
	await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId).toMatch(/^ASIA/);
	const before = (await sessionsByName(ext))['prod-admin'];
	// The alarm is set five minutes before the role session ends; re-created due now, it renews it.
	const alarm = await ext.worker.evaluate(async () => {
		const alarms = await chrome.alarms.getAll();
		return alarms.find((entry) => entry.name.startsWith('role-refresh:'));
	});
	expect(Math.abs((alarm?.scheduledTime ?? 0) - (Date.parse(before?.expiration ?? '') - 5 * 60_000))).toBeLessThan(2000);
	sts.resetRequests();
	await ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() }), alarm?.name ?? '');
	await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId, { timeout: 15_000 }).not.toBe(before?.accessKeyId);
	expect(sts.requests.map((request) => request.action)).toEqual(['AssumeRole']);
	expect(ext.context.pages().filter((page) => page.url().includes('/src/popup/'))).toHaveLength(0);
});

test('the renewal survives the service worker stopping: the alarm wakes it', async ({ ext, sts }) => {
	const options = await saveProfiles(ext, sts, [threeRoles(sts)[0] as RoleValues]);
	await (await startSource(ext, sts)).close();
	await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId).toMatch(/^ASIA/);
	const before = (await sessionsByName(ext))['prod-admin']?.accessKeyId;
	const name = await ext.worker.evaluate(
		async () => (await chrome.alarms.getAll()).find((entry) => entry.name.startsWith('role-refresh:'))?.name,
	);
	await ext.worker.evaluate((alarm) => chrome.alarms.create(alarm, { when: Date.now() + 3000 }), name ?? '');
	sts.resetRequests();
	const cdp = await ext.context.newCDPSession(options);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.stopAllWorkers');
	// Read from the options page: the worker that set the alarm is gone; the alarm wakes a new one.
	await expect.poll(async () => (await sessionsByName(ext, options))['prod-admin']?.accessKeyId, { timeout: 20_000 }).not.toBe(before);
	expect(sts.requests.map((request) => request.action)).toEqual(['AssumeRole']);
});

test('the source has ended: the role asks for its code once, then every role of it works', async ({ ext, sts }) => {
	await saveProfiles(ext, sts, threeRoles(sts));
	const popup = await startSource(ext, sts);
	await expect.poll(async () => Object.values(await sessionsByName(ext)).filter(Boolean).length).toBe(4);
	// Every session of this browser ends, as after a night.
	await ext.worker.evaluate(async () => {
		const { sessions } = await chrome.storage.session.get('sessions');
		const past = new Date(Date.now() - 60_000).toISOString();
		const ended = Object.fromEntries(
			Object.entries(sessions as Record<string, object>).map(([id, session]) => [id, { ...session, expiration: past }]),
		);
		await chrome.storage.session.set({ sessions: ended });
	});
	await chooseInPopup(ext, popup, 'audit');
	await expect(popup.getByText(/Role assumed from work/)).toBeVisible();
	sts.resetRequests();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await expect
		.poll(
			async () =>
				Object.values(await sessionsByName(ext)).filter((session) => session && Date.parse(session.expiration) > Date.now()).length,
		)
		.toBe(4);
	expect(count(sts, 'GetSessionToken')).toBe(1);
	expect(count(sts, 'AssumeRole')).toBe(3);
	await chooseInPopup(ext, popup, 'deploy');
	await expect(popup.getByLabel('MFA code')).toHaveCount(0);
	await expect(popup.getByRole('button', { name: /^Copy as / })).toBeVisible();
});

test('the source has ended and the vault is locked: the role asks for the passphrase with the source’s code, and one submit does both', async ({
	ext,
	sts,
}) => {
	const options = await saveProfiles(ext, sts, threeRoles(sts).slice(0, 1));
	const popup = await startSource(ext, sts);
	await ext.worker.evaluate(async () => chrome.storage.session.set({ sessions: {} }));
	await options.getByRole('button', { name: 'Lock now' }).click();
	await expect(options.getByRole('button', { name: 'Unlock' })).toBeVisible();
	await popup.reload();
	await chooseInPopup(ext, popup, 'prod-admin');
	await expect(popup.getByText(/Role assumed from work/)).toBeVisible();
	// The code alone would be refused by the locked vault: the passphrase is asked for with it.
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeVisible();
	await popup.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	sts.resetRequests();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	expect(count(sts, 'GetSessionToken')).toBe(1);
	expect(count(sts, 'AssumeRole')).toBe(1);
	await expect(options.getByRole('button', { name: 'Unlock' })).toHaveCount(0);
});

test('a direct role: its own code with the long-term key, a 12-hour session', async ({ ext, sts }) => {
	const options = await saveProfiles(ext, sts, []);
	// Assumed from the session, a role may not ask for more than an hour: said at the field, nothing sent.
	await saveRole(options, { name: 'deploy', roleArn: deployRole.arn, source: 'work', endpoint: sts.url, hours: 12 });
	await expect(options.getByRole('alert')).toContainText('at most 1 hour');
	await expect(options.getByLabel('Hours')).toBeFocused();
	await options.getByRole('checkbox', { name: 'Assume directly with MFA' }).check();
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status')).toContainText('“deploy” saved');
	const popup = await openPage(ext, 'popup');
	await chooseInPopup(ext, popup, 'deploy');
	await expect(popup.getByText(/Role assumed directly/)).toBeVisible();
	sts.resetRequests();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	expect(sts.requests.map((request) => [request.action, request.accessKeyId, request.outcome])).toEqual([
		['AssumeRole', alice.accessKeyId, 'ok'],
	]);
	const session = (await sessionsByName(ext)).deploy;
	expect((Date.parse(session?.expiration ?? '') - Date.now()) / 3_600_000).toBeGreaterThan(11.9);
	expect(sts.issued.at(-1)?.mfa).toBe(true);
});

test("a role session's exports are read by the programs that read the MFA session's", async ({ ext, sts }) => {
	const options = await saveProfiles(ext, sts, [threeRoles(sts)[0] as RoleValues]);
	await (await startSource(ext, sts)).close();
	await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId).toMatch(/^ASIA/);
	const role = sts.issued.find((session) => session.assumed?.role === adminRole);
	if (!role) throw new Error('the STS issued no role session');
	const keys = { accessKeyId: role.accessKeyId, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken };
	await options.bringToFront();
	await options.getByLabel('Profile to edit').selectOption({ label: 'prod-admin' });
	// Each format's text, once it is the one shown (its own way of writing the key).
	const exported = async (label: string, shape: RegExp) => {
		await options.getByLabel('Format').selectOption({ label });
		await expect(options.getByLabel('Exported credentials')).toHaveValue(shape);
		return options.getByLabel('Exported credentials').inputValue();
	};
	const bash = await readPosixEnv('bash', await exported('bash / zsh', /^export AWS_ACCESS_KEY_ID=/m));
	expect(bash).toMatchObject({
		AWS_ACCESS_KEY_ID: keys.accessKeyId,
		AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
		AWS_SESSION_TOKEN: keys.sessionToken,
	});
	expect(await readPythonDotenv(await exported('.env', /^AWS_ACCESS_KEY_ID=/m))).toMatchObject({ AWS_SESSION_TOKEN: keys.sessionToken });
	const file = await exported('credentials file', /^aws_access_key_id = /m);
	expect(file).toMatch(/^\[prod-admin\]$/m);
	expect(await readBoto3Profile(file, 'prod-admin')).toMatchObject(keys);
	expect(await readAwsCliProfile(file, 'prod-admin')).toEqual(keys);
	const fromProcess = await readJsCredentialProcess(await exported('credential_process JSON', /"AccessKeyId": /));
	expect(fromProcess).toMatchObject(keys);
	// What the programs read acts as the role at STS.
	const client = new STSClient({ endpoint: sts.url, region: 'us-east-1', maxAttempts: 1, credentials: keys });
	await expect(client.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
		Arn: 'arn:aws:sts::210987654321:assumed-role/Admin/alice',
	});
	client.destroy();
});

test('Open the AWS console: a sign-in token from the federation endpoint, then a new tab signed in as the role', async ({ ext, sts }) => {
	await saveProfiles(ext, sts, [
		threeRoles(sts)[0] as RoleValues,
		{ name: 'deploy', roleArn: deployRole.arn, source: 'work', endpoint: sts.url, direct: true, hours: 12 },
	]);
	const popup = await startSource(ext, sts);
	// An IAM user's own MFA session cannot sign in to the console: no button for it.
	await expect(popup.getByRole('button', { name: 'Open the AWS console' })).toHaveCount(0);
	await chooseInPopup(ext, popup, 'prod-admin');
	await expect(popup.getByRole('button', { name: /^Copy as / })).toBeVisible();
	const opened = ext.context.waitForEvent('page');
	await popup.getByRole('button', { name: 'Open the AWS console' }).click();
	const tab = await opened;
	await tab.waitForLoadState();
	const url = new URL(tab.url());
	expect(`${url.origin}${url.pathname}`).toBe(`${sts.url}/federation`);
	expect(url.searchParams.get('Action')).toBe('login');
	expect(sts.signinTokens.has(url.searchParams.get('SigninToken') ?? '')).toBe(true);
	// The session itself never goes into the tab's address, only the short-lived token.
	const role = sts.issued.find((session) => session.assumed?.role === adminRole);
	expect(tab.url()).not.toContain(encodeURIComponent(role?.secretAccessKey ?? 'none'));
	await expect(tab.getByRole('heading')).toHaveText('Signed in as arn:aws:sts::210987654321:assumed-role/Admin/alice');
	await tab.close();
	// A direct role asks for a console session as long as its own (SessionDuration), which the endpoint accepts only unchained.
	await chooseInPopup(ext, popup, 'deploy');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	const second = ext.context.waitForEvent('page');
	await popup.getByRole('button', { name: 'Open the AWS console' }).click();
	await expect((await second).getByRole('heading')).toHaveText('Signed in as arn:aws:sts::345678901234:assumed-role/Deploy/alice');
	expect(sts.requests.filter((request) => request.action.startsWith('federation:')).map((request) => request.outcome)).toEqual([
		'ok',
		'ok',
		'ok',
		'ok',
	]);
});

test('renewals due in the same second all land: no role session undoes another', async ({ ext, sts }) => {
	await saveProfiles(ext, sts, threeRoles(sts));
	await (await startSource(ext, sts)).close();
	await expect.poll(async () => Object.values(await sessionsByName(ext)).filter(Boolean).length).toBe(4);
	const before = await sessionsByName(ext);
	sts.resetRequests();
	// Roles assumed together expire in the same second, so their alarms fire together.
	await ext.worker.evaluate(async () => {
		const alarms = (await chrome.alarms.getAll()).filter((alarm) => alarm.name.startsWith('role-refresh:'));
		const when = Date.now() + 500;
		await Promise.all(alarms.map((alarm) => chrome.alarms.create(alarm.name, { when })));
	});
	await expect.poll(() => count(sts, 'AssumeRole'), { timeout: 15_000 }).toBe(3);
	await expect
		.poll(async () => {
			const after = await sessionsByName(ext);
			return ['prod-admin', 'audit', 'deploy'].filter((name) => after[name]?.accessKeyId !== before[name]?.accessKeyId);
		})
		.toEqual(['prod-admin', 'audit', 'deploy']);
});

test("an edit that changes what a session is made as ends it: a role's ARN, the source's key (with every role of it)", async ({
	ext,
	sts,
}) => {
	const options = await saveProfiles(ext, sts, threeRoles(sts).slice(0, 2));
	await (await startSource(ext, sts)).close();
	await expect.poll(async () => Object.values(await sessionsByName(ext)).filter(Boolean).length).toBe(3);
	await options.bringToFront();
	// The session length alone keeps the session, as an import does.
	await options.getByLabel('Profile to edit').selectOption({ label: 'audit' });
	await options.getByLabel('Hours').fill('0');
	await options.getByLabel('Minutes').fill('30');
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status')).toContainText('“audit” saved');
	expect((await sessionsByName(ext)).audit).toBeDefined();
	await options.getByLabel('Profile to edit').selectOption({ label: 'prod-admin' });
	await options.getByRole('textbox', { name: 'Role ARN' }).fill(deployRole.arn);
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status')).toContainText('“prod-admin” saved');
	let sessions = await sessionsByName(ext);
	expect(sessions['prod-admin']).toBeUndefined();
	expect(sessions.work).toBeDefined();
	expect(sessions.audit).toBeDefined();
	await options.getByLabel('Profile to edit').selectOption({ label: 'work' });
	await options.getByLabel('Access key ID').fill('AKIAIOSFODNN8EXAMPLE');
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status')).toContainText('“work” saved');
	sessions = await sessionsByName(ext);
	expect(Object.values(sessions).filter(Boolean)).toHaveLength(0);
	expect(
		await ext.worker.evaluate(async () => (await chrome.alarms.getAll()).filter((alarm) => alarm.name.startsWith('role-refresh:')).length),
	).toBe(0);
});

test('a settings file cannot make a role of the profile roles are assumed from', async ({ ext, sts }) => {
	const options = await saveProfiles(ext, sts, threeRoles(sts).slice(0, 1));
	const downloading = options.waitForEvent('download');
	await options.getByRole('button', { name: 'Export settings' }).click();
	const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as { profiles: Record<string, unknown>[] };
	const work = file.profiles.find((profile) => profile.name === 'work') ?? {};
	// A new MFA profile "other", and "work" made a role assumed from it.
	const { accessKeyId: _key, mfaSerial: _device, ...rest } = work;
	file.profiles = [
		...file.profiles.filter((profile) => profile !== work),
		{ ...work, name: 'other' },
		{ ...rest, durationSeconds: 3600, kind: 'role', roleArn: auditRole.arn, sourceProfile: 'other', roleSessionName: 'alice' },
	];
	await options
		.getByLabel('Import settings')
		.setInputFiles({ name: 'settings.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
	await expect(options.getByRole('alert')).toContainText('work is the source profile of roles, so a settings file cannot make it a role.');
	const kinds = await ext.worker.evaluate(async () =>
		((await chrome.storage.local.get('profiles')).profiles as { name: string; kind?: string }[]).map(
			(profile) => `${profile.name}:${profile.kind ?? 'mfa'}`,
		),
	);
	expect(kinds.sort()).toEqual(['prod-admin:role', 'work:mfa']);
});

test('Open the AWS console is refused while the vault is locked, even by a direct message', async ({ ext, sts }) => {
	const options = await saveProfiles(ext, sts, threeRoles(sts).slice(0, 1));
	await (await startSource(ext, sts)).close();
	await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId).toMatch(/^ASIA/);
	await options.bringToFront();
	await options.getByRole('button', { name: 'Lock now' }).click();
	await expect(options.getByRole('button', { name: 'Lock now' })).toHaveCount(0);
	await expect(options.getByLabel('Passphrase', { exact: true })).toBeVisible();
	sts.resetRequests();
	const answer = await options.evaluate(async () => {
		const { profiles } = await chrome.storage.local.get('profiles');
		const role = (profiles as { id: string; name: string }[]).find((profile) => profile.name === 'prod-admin');
		return chrome.runtime.sendMessage({ name: 'openConsole', payload: { profileId: role?.id } });
	});
	expect(answer).toMatchObject({ ok: false, error: { message: 'The vault is locked: enter your passphrase to open the console.' } });
	expect(sts.requests.filter((request) => request.action.startsWith('federation:'))).toHaveLength(0);
});

test.describe("at AWS's STS host", () => {
	// AWS's own words are shown only for AWS's hosts: the local STS answers under sts.us-east-1.amazonaws.com here.
	test.use({
		grantedHosts: ['https://sts.us-east-1.amazonaws.com/*', 'https://sts.eu-west-1.amazonaws.com/*', 'https://signin.aws.amazon.com/*'],
	});

	test("STS's refusals are shown plainly and the role's session is kept", async ({ ext, aws: sts }) => {
		await saveProfiles(
			ext,
			sts,
			[
				{ name: 'prod-admin', roleArn: adminRole.arn, source: 'work', endpoint: '' },
				{ name: 'break-glass', roleArn: lockedRole.arn, source: 'work', endpoint: '' },
				{ name: 'audit', roleArn: auditRole.arn, source: 'work', endpoint: '', externalId: 'partner-41' },
				{ name: 'long-audit', roleArn: auditRole.arn, source: 'work', endpoint: '', externalId: 'partner-42', direct: true, hours: 2 },
			],
			'',
		);
		const popup = await startSource(ext, sts);
		// Three roles assumed at once over TLS: given longer on a busy machine.
		await expect.poll(async () => (await sessionsByName(ext))['prod-admin']?.accessKeyId, { timeout: 20_000 }).toMatch(/^ASIA/);
		// A role the user may not assume, and a wrong external ID: AccessDenied, in AWS's words.
		for (const [name, arn] of [
			['break-glass', lockedRole.arn],
			['audit', auditRole.arn],
		] as const) {
			await chooseInPopup(ext, popup, name);
			await popup.getByRole('button', { name: 'Assume role' }).click();
			await expect(popup.getByRole('alert')).toContainText(`not authorized to perform: sts:AssumeRole on resource: ${arn}`);
		}
		// Longer than the role allows, assumed directly: AWS's ValidationError text.
		await chooseInPopup(ext, popup, 'long-audit');
		await typeCode(popup, sts.freshCode(alice));
		await expect(popup.getByRole('alert')).toContainText('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
		// The source's session ended at AWS first: ExpiredToken, said as the source's, and the role's session stays.
		await chooseInPopup(ext, popup, 'prod-admin');
		const kept = (await sessionsByName(ext))['prod-admin'];
		const source = sts.issued.find((session) => !session.assumed);
		if (source) source.expiration = new Date(Date.now() - 1000).toISOString();
		await popup.getByRole('button', { name: 'Assume role' }).click();
		await expect(popup.getByRole('alert')).toContainText('session of the source profile has expired');
		expect(sts.requests.at(-1)?.outcome).toBe('ExpiredToken');
		expect((await sessionsByName(ext))['prod-admin']?.accessKeyId).toBe(kept?.accessKeyId);
		await expect(popup.getByRole('button', { name: /^Copy as / })).toBeVisible();
	});

	test('five pasted ~/.aws/config sections: the MFA profile and four roles, shown, then created together', async ({ ext, aws }) => {
		const options = await openPage(ext, 'options');
		await options.getByText('Start from ~/.aws/config').click();
		const role = (name: string, arn: string, extra = '') => `[profile ${name}]\nrole_arn = ${arn}\nsource_profile = work\n${extra}`;
		await options
			.getByLabel('~/.aws/config section')
			.fill(
				[
					`[profile work]\nmfa_serial = ${alice.mfaSerial}\nregion = eu-west-1\n`,
					role('prod-admin', adminRole.arn),
					role('audit', auditRole.arn, 'external_id = partner-42\n'),
					role('deploy', deployRole.arn, 'duration_seconds = 1800\n'),
					role('deploy-long', deployRole.arn, 'duration_seconds = 43200\n'),
				].join('\n'),
			);
		await options.getByRole('button', { name: 'Fill the form' }).click();
		const plan = options.getByRole('region', { name: 'Profiles to create' });
		await expect(plan.getByRole('group', { name: 'MFA profile work' })).toContainText(alice.mfaSerial);
		await expect(plan.getByRole('definition')).toContainText([adminRole.arn, 'work', 'Assumed from', auditRole.arn, 'partner-42']);
		await expect(plan.getByText(/Assumed directly with MFA, for 43200 s/)).toBeVisible();
		// Nothing is created without the key, which is typed, never read from the file.
		await plan.getByRole('button', { name: 'Create profiles' }).click();
		await expect(plan.getByLabel('Access key ID for work')).toBeFocused();
		expect(await ext.worker.evaluate(async () => (await chrome.storage.local.get('profiles')).profiles)).toBeUndefined();
		await plan.getByLabel('Access key ID for work').fill(alice.accessKeyId);
		await plan.getByLabel('Secret access key for work').fill(alice.secretAccessKey);
		await plan.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await plan.getByLabel('Confirm passphrase').fill(passphrase);
		await plan.getByRole('button', { name: 'Create profiles' }).click();
		await expect(options.getByRole('status')).toContainText('Created: work, prod-admin, audit, deploy, deploy-long.');
		aws.resetRequests();
		const popup = await startSource(ext, aws);
		await expect.poll(async () => Object.values(await sessionsByName(ext)).filter(Boolean).length).toBe(4);
		expect([count(aws, 'GetSessionToken'), count(aws, 'AssumeRole')]).toEqual([1, 3]);
		expect(aws.requests.every((request) => request.host.startsWith('sts.eu-west-1.amazonaws.com'))).toBe(true);
		await chooseInPopup(ext, popup, 'deploy-long');
		await expect(popup.getByText(/Role assumed directly/)).toBeVisible();
	});
});
