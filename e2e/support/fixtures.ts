// Playwright fixtures: a local STS that checks what AWS checks, and a fresh browser with the
// built extension for every test.
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { alice, aliceInactiveKey, chinaUser, govUser, roles, rootUser } from '../sts/fixtures';
import { type StsServer, startSts } from '../sts/server';
import { chromiumFlagsFor, testCertificate } from '../sts/tls';
import { totpAt } from '../sts/totp';
import { type ExtensionBrowser, launchWithExtension } from './launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './pages';
import { findInDirectory, secretsInText } from './scan';

export { expect };

/** The profile form values for the fixture IAM user, pointing at the local STS. */
export function aliceProfile(sts: StsServer, name = 'work') {
	return { name, accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfaSerial, endpoint: sts.url };
}

/** The current MFA code of a fixture user, or the one `steps` periods ahead. */
export function codeFor(user: { totpSecret: string }, steps = 0): string {
	return totpAt(user.totpSecret, Date.now() + steps * 30_000);
}

export { tokenRequests } from '../sts/server';

/** A profile as the worker stored it, read back from extension storage. */
export type StoredProfile = { id: string; name: string; region: string; managed?: boolean; [field: string]: unknown };

/** The profiles in extension storage, read by the worker (an empty list before the first save). */
export function storedProfiles(ext: ExtensionBrowser): Promise<StoredProfile[]> {
	return ext.worker.evaluate(async () => ((await chrome.storage.local.get('profiles')).profiles ?? []) as StoredProfile[]);
}

/** The passphrase the tests choose for the vault. */
export const passphrase = 'correct horse battery staple';

/** Everything that must never appear in a console or on disk, in any encoding, during a test. */
export function secretsOf(...servers: StsServer[]): string[] {
	const issued = servers.flatMap((sts) => [
		...sts.issued.flatMap((session) => [session.secretAccessKey, session.sessionToken]),
		// The keys rotation made: their secrets are sealed in the vault, never in the clear.
		...sts.iam.created.map((key) => key.secretAccessKey),
	]);
	return [
		alice.secretAccessKey,
		aliceInactiveKey.secretAccessKey,
		rootUser.secretAccessKey,
		govUser.secretAccessKey,
		chinaUser.secretAccessKey,
		passphrase,
		...issued,
	];
}

/** Which secrets a text contains, in which encoding, shortened so a failure does not print them. */
export const secretsIn = secretsInText;

/** Adds the vault key the extension holds right now (`storage.session`) to the secrets the scans look for. */
export async function noteVaultKey(ext: ExtensionBrowser): Promise<void> {
	const worker = ext.context.serviceWorkers().find((candidate) => candidate.url().includes(ext.extensionId)) ?? ext.worker;
	const key = await worker
		.evaluate(async () => (await chrome.storage.session.get('vaultKey')).vaultKey as string | undefined)
		.catch(() => undefined);
	if (key && !ext.secrets.includes(key)) ext.secrets.push(key);
}

/**
 * Closes the browser and checks that no secret (the fixtures', `ext.secrets`, `secrets`) is in any
 * console, the browser's own log of every console message, or any file of the profile, in any
 * encoding, compressed or not; then removes the profile unless it is kept for another launch.
 */
export async function closeAndScan(ext: ExtensionBrowser, secrets: readonly string[], keep: { profile?: boolean } = {}): Promise<void> {
	await noteVaultKey(ext);
	await ext.close();
	const all = [...secrets, ...ext.secrets];
	const browserLog = await readFile(ext.consoleFile, 'utf8');
	expect(browserLog, "the browser's console log").toMatch(/\S/);
	expect(secretsIn([...ext.consoleLog, browserLog], all), 'secrets in the console').toEqual([]);
	expect(await findInDirectory(ext.userDataDir, all), 'secrets on disk').toEqual([]);
	if (!keep.profile) await rm(ext.userDataDir, { recursive: true, force: true });
	await rm(dirname(ext.consoleFile), { recursive: true, force: true });
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
		// A new profile signs for us-east-1 unless a test picks another region; loopback implies none, so the test says it.
		const sts = await startSts({ users: [alice, rootUser, aliceInactiveKey], roles, region: 'us-east-1' });
		await use(sts);
		await sts.close();
	},
	/** The local STS again, over TLS under AWS's own STS host names, which the test browser sends to it (sts/tls.ts). */
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	aws: async ({}, use) => {
		const aws = await startSts({ users: [alice, rootUser, govUser, chinaUser], roles, tls: testCertificate() });
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
		await closeAndScan(ext, secretsOf(sts, aws));
	},
});

export { alice, aliceInactiveKey, chinaUser, govUser, rootUser };

/** What most tests start from: the fixture profile saved on the options page and a first session from the popup. */
export async function withSession(ext: ExtensionBrowser, sts: StsServer) {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await sessionsSettled(ext);
	await noteVaultKey(ext);
	return { options, popup };
}

/**
 * Waits until every stored session knows who it acts as: the identity is asked for after the answer,
 * and written beside the session, so a test that reads or rewrites sessions does so once that is done.
 */
export async function sessionsSettled(ext: ExtensionBrowser): Promise<void> {
	const identities = () =>
		ext.worker.evaluate(async () =>
			Object.values(((await chrome.storage.session.get('sessions')).sessions ?? {}) as Record<string, { identity?: object }>).map(
				(session) => session.identity !== undefined,
			),
		);
	await expect
		.poll(async () => {
			const known = await identities();
			return known.length > 0 && known.every(Boolean);
		})
		.toBe(true);
}
