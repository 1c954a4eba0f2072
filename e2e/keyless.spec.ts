// Console sign-in profiles in Chromium, as a person uses them: a profile with no key, signed in through
// the local AWS Sign-In's consent page (the console's stand-in), whose 15-minute credentials are
// sessions of the local STS, renewed by the worker with a DPoP-bound refresh token that rotates.

import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Page } from '@playwright/test';
import { readAwsCliProfile, readBoto3Profile } from './consumers/read';
import { type SigninServer, startSignin } from './signin/server';
import { adminRole, type StsRole } from './sts/fixtures';
import { type StsServer, startSts } from './sts/server';
import { alice, closeAndScan, expect, noteVaultKey, passphrase, secretsOf, test } from './support/fixtures';
import { awsCli, awsEnv, helperTest, openPrompts } from './support/helper-driver';
import type { ExtensionBrowser } from './support/launch';
import { launchWithExtension } from './support/launch';
import { chooseInPopup, openPage, saveRole } from './support/pages';

/** Every proof key's private part the options page made, recorded as the page exports it, so the scans can look for it. */
async function recordProofKeys(ext: ExtensionBrowser): Promise<void> {
	await ext.context.addInitScript(() => {
		const scope = window as unknown as { proofKeys: string[] };
		scope.proofKeys = [];
		const exportKey = crypto.subtle.exportKey.bind(crypto.subtle);
		crypto.subtle.exportKey = (async (format: KeyFormat, key: CryptoKey) => {
			const exported = await exportKey(format as 'jwk', key);
			if (typeof exported === 'object' && 'd' in exported && exported.d) scope.proofKeys.push(exported.d);
			return exported;
		}) as typeof crypto.subtle.exportKey;
	});
}

/** The secrets a sign-in made: the proof keys' private parts and every refresh token, current or rotated. */
async function signinSecrets(ext: ExtensionBrowser, signin: SigninServer, options: Page): Promise<void> {
	const keys = await options.evaluate(() => (window as unknown as { proofKeys: string[] }).proofKeys).catch(() => []);
	for (const secret of [...keys, ...signin.refreshTokens.keys()]) if (!ext.secrets.includes(secret)) ext.secrets.push(secret);
}

/** Saves a console sign-in profile named `console` pointing at the local Sign-In. */
async function saveConsoleProfile(ext: ExtensionBrowser, signin: SigninServer): Promise<Page> {
	await recordProofKeys(ext);
	const options = await ext.context.newPage();
	await options.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
	await options.getByLabel('Profile name').fill('console');
	await options.getByRole('radio', { name: 'AWS console sign-in (no access key)' }).check();
	await expect(options.getByLabel('Access key ID')).toHaveCount(0);
	await options.getByLabel('Sign-In endpoint (optional)').fill(signin.url);
	await options.getByRole('button', { name: 'Save profile' }).click();
	await expect(options.getByRole('status')).toContainText('console saved');
	return options;
}

/** Presses Sign in, allows access on the consent page that opened, and waits until the options page says who signed in. */
async function signIn(ext: ExtensionBrowser, options: Page, firstPassphrase?: string): Promise<void> {
	if (firstPassphrase !== undefined) {
		await options.getByLabel('Passphrase', { exact: true }).fill(firstPassphrase);
		await options.getByLabel('Confirm passphrase').fill(firstPassphrase);
	}
	const consent = ext.context.waitForEvent('page');
	await options.getByRole('button', { name: /^Sign in( again)?$/ }).click();
	const tab = await consent;
	await tab.getByRole('button', { name: 'Allow' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Signed in. Credentials until' })).toBeVisible();
	await expect.poll(() => tab.isClosed(), { message: 'the sign-in tab closes once the code is caught' }).toBe(true);
}

/** The session the worker holds for the console profile, read from a page (the worker may have been stopped). */
function consoleSession(page: Page) {
	return page.evaluate(async () => {
		const { profiles } = await chrome.storage.local.get('profiles');
		const { sessions } = await chrome.storage.session.get('sessions');
		const id = (profiles as { id: string; name: string }[]).find((profile) => profile.name === 'console')?.id ?? '';
		return (sessions as Record<string, { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }>)[id];
	});
}

/**
 * Relaunches the closed browser on its profile, unlocks in the popup and renews: the local Sign-In
 * refuses a spent token, so a third accepted request shows the sealed token was the rotated one.
 */
async function relaunchAndRenew(ext: ExtensionBrowser, sts: StsServer, signin: SigninServer): Promise<void> {
	const again = await launchWithExtension({ userDataDir: ext.userDataDir });
	try {
		const locked = await openPage(again, 'popup');
		await expect(locked.getByLabel('Passphrase', { exact: true })).toBeFocused();
		await locked.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await locked.getByRole('button', { name: 'Renew credentials' }).click();
		await expect(locked.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		expect(signin.tokenRequests.map((request) => request.outcome)).toEqual(['ok', 'ok', 'ok']);
		expect(await consoleSession(locked)).toMatchObject({ accessKeyId: sts.issued.at(-1)?.accessKeyId });
		await expect(locked.getByRole('alert')).toHaveCount(0);
		await noteVaultKey(again);
		for (const token of signin.refreshTokens.keys()) again.secrets.push(token);
	} finally {
		await closeAndScan(again, secretsOf(sts), { profile: true });
	}
}

/** The local AWS Sign-In for alice, issuing sessions of the test's STS, closed after the test. */
async function signinFor(
	{ sts, credentialSeconds }: { sts: StsServer; credentialSeconds?: number },
	use: (signin: SigninServer) => Promise<void>,
): Promise<void> {
	const signin = await startSignin({ sts, user: alice, credentialSeconds });
	await use(signin);
	await signin.close();
}

type SigninFixtures = { signin: SigninServer; credentialSeconds: number };
// Playwright reads `signinFor`'s pattern for its dependencies, so every test kind that uses it has both.
const defaultSeconds: [number, { option: true }] = [900, { option: true }];
const signinTest = test.extend<SigninFixtures>({ credentialSeconds: defaultSeconds, signin: signinFor });

signinTest(
	'a profile with no key signs in through the console, and its credentials are read by the AWS CLI, boto3 and the JS SDK',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		await signinSecrets(ext, signin, options);
		expect(ext.secrets.length, 'the proof key and the refresh token are looked for in the scans').toBeGreaterThanOrEqual(2);
		await expect(options.getByText(`Signed in as ${alice.arn}.`)).toBeVisible();
		const issued = sts.issued.at(-1);
		if (!issued) throw new Error('the Sign-In issued no credentials');
		const keys = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
		expect(await consoleSession(options)).toMatchObject(keys);
		// The code was redeemed with PKCE and a DPoP proof, from the page, once.
		expect(signin.tokenRequests).toEqual([expect.objectContaining({ grantType: 'authorization_code', outcome: 'ok' })]);

		await options.getByLabel('Format').selectOption({ label: 'credentials file' });
		await expect(options.getByLabel('Exported credentials')).toHaveValue(/^aws_access_key_id = /m);
		const file = await options.getByLabel('Exported credentials').inputValue();
		expect(file).toMatch(/^\[console\]$/m);
		expect(await readAwsCliProfile(file, 'console')).toEqual(keys);
		expect(await readBoto3Profile(file, 'console')).toMatchObject(keys);
		const client = new STSClient({ endpoint: sts.url, region: 'us-east-1', maxAttempts: 1, credentials: keys });
		expect((await client.send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn);

		// No refresh token, no proof key in anything the page shows or exports.
		for (const label of ['bash / zsh', 'credential_process JSON', '.env']) {
			await options.getByLabel('Format').selectOption({ label });
			const text = await options.getByLabel('Exported credentials').inputValue();
			expect(text).toContain(keys.sessionToken);
			for (const token of signin.refreshTokens.keys()) expect(text).not.toContain(token);
		}

		const popup = await openPage(ext, 'popup');
		await expect(popup.getByText(alice.arn)).toBeVisible();
		await popup.getByRole('button', { name: 'Renew credentials' }).click();
		await expect(popup.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		expect(signin.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'refresh_token']);
		expect(await consoleSession(options)).toMatchObject({ accessKeyId: sts.issued.at(-1)?.accessKeyId });
		await signinSecrets(ext, signin, options);
	},
);

async function stopWorker(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.stopAllWorkers');
	await cdp.detach();
}

/** The vault as stored now (sealed boxes only), to put back later as a crash or a copied profile would. */
const storedVault = (page: Page) => page.evaluate(async () => (await chrome.storage.local.get('vault')).vault as unknown);

signinTest.describe('with credentials that end within minutes', () => {
	// The alarm comes 5 minutes before the end: 5 minutes and 8 seconds make it come 8 seconds after the sign-in.
	signinTest.use({ credentialSeconds: 308 });

	signinTest(
		'the worker renews by alarm, even stopped in between, with the rotated token; the spent one is refused and the popup says why',
		async ({ ext, sts, signin }) => {
			signinTest.setTimeout(90_000);
			const options = await saveConsoleProfile(ext, signin);
			await signIn(ext, options, passphrase);
			const first = await consoleSession(options);
			const firstToken = [...signin.refreshTokens.keys()][0] ?? '';
			const beforeRotation = await storedVault(options);
			await stopWorker(options);
			await expect
				.poll(() => signin.tokenRequests.filter((request) => request.grantType === 'refresh_token').length, {
					timeout: 30_000,
					message: 'the alarm wakes the stopped worker, which renews',
				})
				.toBe(1);
			await expect.poll(async () => (await consoleSession(options))?.accessKeyId, { timeout: 10_000 }).not.toBe(first?.accessKeyId);
			expect((await consoleSession(options))?.accessKeyId).toBe(sts.issued.at(-1)?.accessKeyId);
			expect(signin.refreshTokens.get(firstToken)?.rotated).toBe(true);
			await signinSecrets(ext, signin, options);

			// The spent token sealed again, as an old copy of the profile would hold it: AWS Sign-In refuses
			// it, and the popup asks for a new sign-in with the reason.
			await options.evaluate((vault) => chrome.storage.local.set({ vault }), beforeRotation);
			const popup = await openPage(ext, 'popup');
			await popup.getByRole('button', { name: 'Renew credentials' }).click();
			const alert = popup.getByRole('alert').filter({ hasText: 'Sign in again: the console sign-in ended' });
			await expect(alert.first()).toBeVisible();
			expect(signin.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', outcome: 'TOKEN_EXPIRED' });
			await expect(popup.getByRole('button', { name: 'Sign in again' })).toBeVisible();
			await expect(popup.getByRole('button', { name: 'Renew credentials' })).toBeDisabled();
		},
	);
});

signinTest(
	'a password changed since the sign-in: the popup says "Sign in again" with why, and a new sign-in works',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		signin.changeCredentials(alice);
		const popup = await openPage(ext, 'popup');
		await popup.getByRole('button', { name: 'Renew credentials' }).click();
		await expect(popup.getByRole('alert').filter({ hasText: 'the password or the MFA of this user changed' }).first()).toBeVisible();
		expect(signin.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', outcome: 'USER_CREDENTIALS_CHANGED' });
		// The reason stays for the next popup too, until the person signs in again on the options page.
		await popup.close();
		await signinSecrets(ext, signin, options);
		await options.close();
		const again = await openPage(ext, 'popup');
		await expect(again.getByRole('alert')).toContainText('the password or the MFA of this user changed');
		const opened = ext.context.waitForEvent('page');
		await again.getByRole('button', { name: 'Sign in again' }).click();
		const page = await opened;
		await expect(page.getByRole('heading', { name: 'Console sign-in' })).toBeVisible();
		await signIn(ext, page);
		const fresh = await openPage(ext, 'popup');
		await expect(fresh.getByRole('alert')).toHaveCount(0);
		await fresh.getByRole('button', { name: 'Renew credentials' }).click();
		await expect(fresh.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		expect((await consoleSession(page))?.accessKeyId).toBe(sts.issued.at(-1)?.accessKeyId);
		await signinSecrets(ext, signin, page);
	},
);

signinTest(
	'the browser closed after a renewal loses nothing: relaunched, the sealed rotated token renews once the vault is unlocked',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		const popup = await openPage(ext, 'popup');
		await popup.getByRole('button', { name: 'Renew credentials' }).click();
		await expect(popup.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		await signinSecrets(ext, signin, options);
		await noteVaultKey(ext);
		await ext.close();

		await relaunchAndRenew(ext, sts, signin);
	},
);

signinTest(
	'the browser closed between the rotation and the store loses nothing: the rotated token was sealed first, and renews after a relaunch',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		await signinSecrets(ext, signin, options);
		const sealedVault = () => options.evaluate(async () => JSON.stringify((await chrome.storage.local.get('vault')).vault));
		const before = await sealedVault();
		// The worker stops for good at its next write of the sessions, as a browser killed there would:
		// whatever it wrote before that is all a relaunch finds.
		const worker = ext.context.serviceWorkers().find((candidate) => candidate.url().includes(ext.extensionId)) ?? ext.worker;
		await worker.evaluate(() => {
			const area = chrome.storage.session;
			const write = area.set.bind(area);
			area.set = ((items: Record<string, unknown>) => ('sessions' in items ? new Promise(() => {}) : write(items))) as typeof area.set;
		});
		const popup = await openPage(ext, 'popup');
		await popup.getByRole('button', { name: 'Renew credentials' }).click();
		await expect
			.poll(() => signin.tokenRequests.map((request) => request.outcome), { message: 'AWS Sign-In rotated the token' })
			.toEqual(['ok', 'ok']);
		await expect.poll(sealedVault, { message: 'the rotated token is sealed before the credentials are stored' }).not.toBe(before);
		await signinSecrets(ext, signin, options);
		await noteVaultKey(ext);
		await ext.close();

		await relaunchAndRenew(ext, sts, signin);
	},
);

signinTest(
	'where the tab cannot come back, the code the AWS page shows is pasted; a code of another sign-in is refused at its field',
	async ({ ext, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await options.getByLabel('Passphrase', { exact: true }).fill(passphrase);
		await options.getByLabel('Confirm passphrase').fill(passphrase);
		const consent = ext.context.waitForEvent('page');
		await options.getByRole('button', { name: 'Sign in with a code instead' }).click();
		const tab = await consent;
		await tab.getByRole('button', { name: 'Allow' }).click();
		const shown = await tab.getByLabel('Authorization code').inputValue();

		const field = options.getByLabel('Code from the AWS page');
		// Another sign-in's code (its state differs) is refused where it was pasted, and nothing is redeemed.
		await field.fill(Buffer.from(`state=${crypto.randomUUID()}&code=abcdef`).toString('base64'));
		await options.getByRole('button', { name: 'Finish sign-in' }).click();
		await expect(options.getByRole('alert')).toContainText('belongs to another sign-in');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		expect(signin.tokenRequests).toEqual([]);

		await field.fill(shown);
		await options.getByRole('button', { name: 'Finish sign-in' }).click();
		await expect(options.getByRole('status').filter({ hasText: 'Signed in. Credentials until' })).toBeVisible();
		await expect(options.getByText(`Signed in as ${alice.arn}.`)).toBeVisible();
		expect(signin.tokenRequests).toEqual([expect.objectContaining({ grantType: 'authorization_code', outcome: 'ok' })]);
		await signinSecrets(ext, signin, options);
	},
);

const helperSigninTest = helperTest.extend<SigninFixtures>({ credentialSeconds: defaultSeconds, signin: signinFor });

helperSigninTest(
	'credential_process serves a console sign-in to the AWS CLI, and with no live session renews it without a prompt',
	async ({ ext, sts, signin, home }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		await options.getByRole('radio', { name: 'Serve credential_process' }).check();
		const config = options.getByLabel(/Paste this into ~\/\.aws\/config/);
		await expect(config).toHaveValue(/credential_process = \/.+\/mfa-session-helper credentials console\n$/);
		const env = await awsEnv(home, await config.inputValue());
		const identity = () =>
			awsCli(['sts', 'get-caller-identity', '--profile', 'console', '--endpoint-url', sts.url, '--region', 'us-east-1'], env);

		const served = await identity();
		expect(served.stderr).toBe('');
		expect(JSON.parse(served.stdout).Arn).toBe(alice.arn);
		expect(sts.requests.at(-1)).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: sts.issued.at(-1)?.accessKeyId, outcome: 'ok' });

		// The session gone (as after its 15 minutes): the tool's ask is answered by a renewal, with no window.
		await options.evaluate(() => chrome.storage.session.set({ sessions: {} }));
		const renewed = await identity();
		expect(renewed.stderr).toBe('');
		expect(JSON.parse(renewed.stdout).Arn).toBe(alice.arn);
		expect(signin.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'refresh_token']);
		expect(sts.requests.at(-1)).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: sts.issued.at(-1)?.accessKeyId, outcome: 'ok' });
		expect(await openPrompts(ext)).toEqual([]);
		await signinSecrets(ext, signin, options);
	},
);

/** A role whose trust policy does not ask for MFA, beside Admin, which does. */
const viewerRole: StsRole = { arn: 'arn:aws:iam::210987654321:role/Viewer', trusted: [alice.arn], maxSessionDuration: 3600 };

const roleSigninTest = signinTest.extend({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	sts: async ({}, use) => {
		const sts = await startSts({ users: [alice], roles: [adminRole, viewerRole], region: 'us-east-1' });
		await use(sts);
		await sts.close();
	},
});

roleSigninTest(
	'a role on top of a console sign-in is assumed with its credentials, renewed when they are gone; a trust policy asking for MFA answers as AWS would',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		for (const [name, role] of [
			['viewer', viewerRole],
			['admin', adminRole],
		] as const) {
			await saveRole(options, { name, roleArn: role.arn, source: 'console (console sign-in)', endpoint: sts.url });
			await expect(options.getByRole('status').filter({ hasText: `“${name}” saved` })).toBeVisible();
		}
		await expect(options.getByText(/^Unverified: AWS does not say whether console sign-in credentials may assume roles/)).toBeVisible();
		const signedIn = await consoleSession(options);

		const popup = await openPage(ext, 'popup');
		await chooseInPopup(ext, popup, 'viewer');
		await expect(popup.getByLabel('MFA code')).toHaveCount(0);
		await popup.getByRole('button', { name: 'Assume role' }).click();
		await expect(popup.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		expect(sts.requests.filter((request) => request.action === 'AssumeRole')).toEqual([
			expect.objectContaining({ accessKeyId: signedIn?.accessKeyId, outcome: 'ok' }),
		]);
		expect(sts.issued.at(-1)?.assumed?.role.arn).toBe(viewerRole.arn);

		// The local Sign-In's credentials carry no MFA (whether AWS's do is not known): a trust policy
		// that asks for it refuses as AWS would, and the popup says so without a local host's own words.
		await chooseInPopup(ext, popup, 'admin');
		await popup.getByRole('button', { name: 'Assume role' }).click();
		await expect(popup.getByRole('alert').first()).toContainText(/refused the request \(AccessDenied\)/);
		expect(sts.requests.filter((request) => request.action === 'AssumeRole').at(-1)).toMatchObject({
			roleArn: adminRole.arn,
			accessKeyId: signedIn?.accessKeyId,
			outcome: 'AccessDenied',
		});

		// The sign-in's credentials gone (their 15 minutes over): the role renews them first, with no code.
		await options.evaluate(() => chrome.storage.session.set({ sessions: {} }));
		await chooseInPopup(ext, popup, 'viewer');
		await popup.getByRole('button', { name: 'Assume role' }).click();
		await expect(popup.getByRole('status').filter({ hasText: 'New session' })).toBeVisible();
		expect(signin.tokenRequests.map((request) => request.grantType)).toEqual(['authorization_code', 'refresh_token']);
		expect(sts.requests.filter((request) => request.action === 'AssumeRole').at(-1)).toMatchObject({
			accessKeyId: (await consoleSession(options))?.accessKeyId,
			outcome: 'ok',
		});
		await signinSecrets(ext, signin, options);
	},
);
