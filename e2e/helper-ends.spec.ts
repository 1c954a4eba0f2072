// A credentials-file section lives exactly as long as its session: every way a session ends (an
// edit, an import, the organisation's policy, its expiry, a browser restart, a new session) takes
// the section with it at once. The AWS CLI, reading ~/.aws/credentials as a person's terminal
// would, is the judge: it signs with the live session, and afterwards finds no such profile.
import { readFile } from 'node:fs/promises';
import type { IssuedSession, StsServer } from './sts/server';
import { aliceProfile, closeAndScan, expect, noteVaultKey, passphrase, secretsOf } from './support/fixtures';
import { awsEnv, callerIdentity, chooseMode, type Home, helperLaunch, helperTest, newSession } from './support/helper-driver';
import { launchWithExtension } from './support/launch';
import { openPage, saveProfile } from './support/pages';
import { forExtension, type PolicyBrowser, policyBrowser } from './support/policy-browser';

const fileMode = 'Write to the credentials file';

/** Waits for the section of this session, then has the AWS CLI sign with it; the STS checks the signature. */
async function cliSignsWith(sts: StsServer, home: Home, session: IssuedSession | undefined): Promise<void> {
	const written = async () =>
		(await readFile(home.credentialsFile, 'utf8').catch(() => '')).includes(`aws_session_token = ${session?.sessionToken}`);
	await expect.poll(written, { timeout: 5_000, message: 'the section is written' }).toBe(true);
	sts.resetRequests();
	const call = await callerIdentity(sts, await awsEnv(home));
	expect(call.stderr).toBe('');
	expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: session?.accessKeyId, outcome: 'ok' }]);
}

/** The section is gone within seconds, and the AWS CLI, asked for the profile, finds none and sends nothing. */
async function cliFindsNoProfile(sts: StsServer, home: Home, ended: IssuedSession | undefined): Promise<void> {
	// Compared as booleans, so a failure does not print the credentials.
	const holds = async (text: string) => (await readFile(home.credentialsFile, 'utf8')).includes(text);
	await expect.poll(() => holds('[work]'), { timeout: 5_000, message: 'the ended session leaves the file' }).toBe(false);
	expect(await holds(ended?.accessKeyId ?? '(none)')).toBe(false);
	sts.resetRequests();
	const call = await callerIdentity(sts, await awsEnv(home));
	expect(call.code).not.toBe(0);
	expect(call.stderr).toContain('The config profile (work) could not be found');
	expect(sts.requests).toEqual([]);
}

/** A settings file that moves the profile to another STS address, as a team's file might. */
function movedTo(sts: StsServer, endpoint: string) {
	const { secretAccessKey: _secret, ...work } = aliceProfile(sts);
	const profiles = [{ ...work, endpoint, durationSeconds: 3600, region: 'us-east-1' }];
	const text = JSON.stringify({ kind: 'mfa-session-settings', version: 1, profiles, preferences: {} });
	return { name: 'team-settings.json', mimeType: 'application/json', buffer: Buffer.from(text) };
}

helperTest(
	'a new session replaces the section; an edit and an import that end the session remove it at once',
	async ({ ext, sts, home }) => {
		helperTest.setTimeout(120_000);
		const options = await chooseMode(ext, sts, fileMode);
		await newSession(ext, sts);
		const first = sts.issued.at(-1);
		await cliSignsWith(sts, home, first);
		// Replaced: the file carries the new session only.
		await newSession(ext, sts);
		const second = sts.issued.at(-1);
		await cliSignsWith(sts, home, second);
		expect((await readFile(home.credentialsFile, 'utf8')).includes(first?.accessKeyId ?? '(none)')).toBe(false);

		// An edit of what the session is made as (its STS address) ends it, and the section goes.
		await options.bringToFront();
		await options.getByLabel('STS endpoint').fill(sts.url.replace('127.0.0.1', 'localhost'));
		await options.getByRole('button', { name: 'Save profile' }).click();
		await expect(options.getByRole('status').filter({ hasText: '“work” saved' })).toBeVisible();
		await cliFindsNoProfile(sts, home, second);

		await newSession(ext, sts);
		const third = sts.issued.at(-1);
		await cliSignsWith(sts, home, third);
		// An import that moves the profile back ends that session too.
		await options.reload();
		await options.getByLabel('Import settings').setInputFiles(movedTo(sts, sts.url));
		await options.getByRole('button', { name: 'Import these settings' }).click();
		await expect(options.getByRole('status').filter({ hasText: 'Imported: 0 new, 1 updated' })).toBeVisible();
		await cliFindsNoProfile(sts, home, third);
	},
);

helperTest('a session that expires takes its section with it at that moment, with nothing else happening', async ({ ext, sts, home }) => {
	const options = await openPage(ext, 'options');
	await options.getByLabel('Hours').fill('0');
	await options.getByLabel('Minutes').fill('15');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	await options.getByRole('radio', { name: fileMode }).check();
	// The local STS's clock 14 min 35 s behind: its 15-minute session ends 25 s from now.
	sts.setClockOffset(-(15 * 60 - 25) * 1000);
	await newSession(ext, sts);
	const session = sts.issued.at(-1);
	const expiration = Date.parse(session?.expiration ?? '');
	expect(expiration - Date.now()).toBeLessThan(26_000);
	await cliSignsWith(sts, home, session);
	// What removes it: an alarm at the expiry (the worker may sleep until then), not a timer.
	const alarm = await ext.worker.evaluate(async () => (await chrome.alarms.get('helper-section-expiry'))?.scheduledTime);
	expect(alarm).toBe(expiration);
	await new Promise((done) => setTimeout(done, Math.max(0, expiration - Date.now())));
	await cliFindsNoProfile(sts, home, session);
});

helperTest(
	'after a browser restart, a section whose session went with the browser is removed as the extension starts',
	async ({ ext, sts, home }) => {
		await chooseMode(ext, sts, fileMode);
		await newSession(ext, sts);
		const session = sts.issued.at(-1);
		await cliSignsWith(sts, home, session);
		await noteVaultKey(ext);
		await ext.close();
		// Closed, the browser could remove nothing: the section waits for its next start.
		expect((await readFile(home.credentialsFile, 'utf8')).includes(session?.accessKeyId ?? '(none)')).toBe(true);
		const again = await launchWithExtension({ userDataDir: ext.userDataDir, env: home.env });
		try {
			await cliFindsNoProfile(sts, home, session);
		} finally {
			await closeAndScan(again, secretsOf(sts), { profile: true });
		}
	},
);

const policyHelperTest = helperTest.extend<{ policy: PolicyBrowser }>({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	policy: async ({}, use) => {
		const policy = await policyBrowser(forExtension({}));
		await use(policy);
		await policy.remove();
	},
	extensionLaunch: async ({ home, policy }, use) => use({ ...(await helperLaunch(home)), executablePath: policy.launcher }),
});

policyHelperTest(
	"a session the organisation's policy ends loses its section at once (real Chromium policy)",
	async ({ ext, sts, home, policy }) => {
		const options = await chooseMode(ext, sts, fileMode);
		await newSession(ext, sts);
		const session = sts.issued.at(-1);
		await cliSignsWith(sts, home, session);
		// The profile asks for twelve hours; the policy now allows fifteen minutes.
		await policy.write(forExtension({ maxSessionSeconds: 900 }));
		const notices = options.getByRole('list', { name: 'Changes made by your organisation' });
		// Chromium reads the policy folder again about five seconds after it changes.
		await expect(notices).toContainText("The session of work was ended by your organisation's policy", { timeout: 30_000 });
		await cliFindsNoProfile(sts, home, session);
	},
);
