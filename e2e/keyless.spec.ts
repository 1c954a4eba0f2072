// Console sign-in profiles in Chromium, as a person uses them: a profile with no key, signed in through
// the local AWS Sign-In's consent page (the console's stand-in), whose 15-minute credentials are
// sessions of the local STS, renewed by the worker with a DPoP-bound refresh token that rotates.
import type { Page } from '@playwright/test';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { readAwsCliProfile, readBoto3Profile } from './consumers/read';
import { alice, expect, passphrase, test } from './fixtures';
import type { ExtensionBrowser } from './launch';
import { openPage } from './pages';
import { type SigninServer, startSignin } from './signin/server';
import type { StsServer } from './sts/server';

/** Every proof key's private part the options page made, recorded as the page exports it, so the scans can look for it. */
async function recordProofKeys(page: Page): Promise<void> {
	await page.addInitScript(() => {
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
	const options = await ext.context.newPage();
	await recordProofKeys(options);
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

/** The session the worker holds for the console profile. */
function consoleSession(ext: ExtensionBrowser) {
	return ext.worker.evaluate(async () => {
		const { profiles } = await chrome.storage.local.get('profiles');
		const { sessions } = await chrome.storage.session.get('sessions');
		const id = (profiles as { id: string; name: string }[]).find((profile) => profile.name === 'console')?.id ?? '';
		return (sessions as Record<string, { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }>)[id];
	});
}

const signinTest = test.extend<{ signin: SigninServer; credentialSeconds: number }>({
	credentialSeconds: [900, { option: true }],
	signin: async ({ sts, credentialSeconds }, use) => {
		const signin = await startSignin({ sts, user: alice, credentialSeconds });
		await use(signin);
		await signin.close();
	},
});

signinTest(
	'a profile with no key signs in through the console, and its credentials are read by the AWS CLI, boto3 and the JS SDK',
	async ({ ext, sts, signin }) => {
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		await signinSecrets(ext, signin, options);
		await expect(options.getByText(`Signed in as ${alice.arn}.`)).toBeVisible();
		const issued = sts.issued.at(-1);
		if (!issued) throw new Error('the Sign-In issued no credentials');
		const keys = { accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken };
		expect(await consoleSession(ext)).toMatchObject(keys);
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
		expect(await consoleSession(ext)).toMatchObject({ accessKeyId: sts.issued.at(-1)?.accessKeyId });
		await signinSecrets(ext, signin, options);
	},
);

async function stopWorker(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.stopAllWorkers');
	await cdp.detach();
}

signinTest.describe('with credentials that end within minutes', () => {
	// The alarm comes 5 minutes before the end: 5 minutes and 8 seconds make it come 8 seconds after the sign-in.
	signinTest.use({ credentialSeconds: 308 });

	signinTest('the worker renews by alarm, even stopped in between, with the rotated token; the old one is refused', async ({ ext, sts, signin }) => {
		signinTest.setTimeout(90_000);
		const options = await saveConsoleProfile(ext, signin);
		await signIn(ext, options, passphrase);
		const first = await consoleSession(ext);
		const firstToken = [...signin.refreshTokens.keys()][0] ?? '';
		await stopWorker(options);
		await expect
			.poll(() => signin.tokenRequests.filter((request) => request.grantType === 'refresh_token').length, { timeout: 30_000 })
			.toBe(1);
		await expect.poll(async () => (await consoleSession(ext))?.accessKeyId, { timeout: 10_000 }).not.toBe(first?.accessKeyId);
		expect((await consoleSession(ext))?.accessKeyId).toBe(sts.issued.at(-1)?.accessKeyId);
		expect(signin.refreshTokens.get(firstToken)?.rotated).toBe(true);
		await signinSecrets(ext, signin, options);
	});
});
