// Playwright fixtures: a local STS that checks what AWS checks, and a fresh browser with the
// built extension for every test.
import { rm } from 'node:fs/promises';
import { test as base, expect } from '@playwright/test';
import { type ExtensionBrowser, launchWithExtension } from './launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './pages';
import { findInDirectory } from './scan';
import { alice, rootUser } from './sts/fixtures';
import { type StsServer, startSts } from './sts/server';
import { chromiumFlagsFor, testCertificate } from './sts/tls';
import { totpAt } from './sts/totp';

export { expect };

/** The profile form values for the fixture IAM user, pointing at the local STS. */
export function aliceProfile(sts: StsServer, name = 'work') {
	return { name, accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfaSerial, endpoint: sts.url };
}

/** The current MFA code of a fixture user, or the one `steps` periods ahead. */
export function codeFor(user: { totpSecret: string }, steps = 0): string {
	return totpAt(user.totpSecret, Date.now() + steps * 30_000);
}

/** The GetSessionToken requests the local STS received (each new session is followed by a GetCallerIdentity). */
export function tokenRequests(sts: StsServer) {
	return sts.requests.filter((request) => request.action === 'GetSessionToken');
}

/** The passphrase the tests choose for the vault. */
export const passphrase = 'correct horse battery staple';

/** Everything that must never appear in a console or on disk in plaintext during a test. */
export function secretsOf(...servers: StsServer[]): string[] {
	const issued = servers.flatMap((sts) => sts.issued.flatMap((session) => [session.secretAccessKey, session.sessionToken]));
	return [alice.secretAccessKey, rootUser.secretAccessKey, passphrase, ...issued];
}

/** Which secrets a text contains, shortened so a failure does not print them. */
export function secretsIn(texts: readonly string[], secrets: readonly string[]): string[] {
	return secrets.filter((secret) => texts.some((text) => text.includes(secret))).map((secret) => `${secret.slice(0, 4)}…`);
}

/** How a test's browser starts; a spec overrides it to give the browser a prepared profile or environment. */
export type LaunchOptions = NonNullable<Parameters<typeof launchWithExtension>[0]>;

export const test = base.extend<{
	sts: StsServer;
	aws: StsServer;
	ext: ExtensionBrowser;
	extensionLaunch: LaunchOptions;
	grantedHosts: string[];
}>({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	extensionLaunch: async ({}, use) => use({}),
	/** Optional hosts the person has allowed before the test starts (a fresh install has none). */
	grantedHosts: [[], { option: true }],
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	sts: async ({}, use) => {
		const sts = await startSts({ users: [alice, rootUser] });
		await use(sts);
		await sts.close();
	},
	/** The local STS again, over TLS under AWS's own STS host names, which the test browser sends to it (sts/tls.ts). */
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	aws: async ({}, use) => {
		const aws = await startSts({ users: [alice, rootUser], tls: testCertificate() });
		await use(aws);
		await aws.close();
	},
	// After every test, wherever it went: no secret in any console, none on disk.
	ext: async ({ sts, aws, extensionLaunch, grantedHosts }, use) => {
		const ext = await launchWithExtension({
			grantedHosts,
			...extensionLaunch,
			args: [...chromiumFlagsFor(aws.port), ...(extensionLaunch.args ?? [])],
		});
		await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await use(ext);
		await ext.context.close();
		const secrets = secretsOf(sts, aws);
		expect(secretsIn(ext.consoleLog, secrets), 'secrets in the console').toEqual([]);
		expect(await findInDirectory(ext.userDataDir, secrets), 'secrets on disk').toEqual([]);
		await rm(ext.userDataDir, { recursive: true, force: true });
	},
});

export { alice, rootUser };

/** What most tests start from: the fixture profile saved on the options page and a first session from the popup. */
export async function withSession(ext: ExtensionBrowser, sts: StsServer) {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	return { options, popup };
}
