// Key rotation as a person does it: the key's age on the options page, "Rotate now" under the MFA
// session, and every way it can fail, against the local IAM (e2e/sts/iam.ts) that keeps AWS's
// quota of two keys and asks for an MFA session.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Page } from '@playwright/test';
import { aliceInactiveKey } from './sts/fixtures';
import { type StsServer, startSts } from './sts/server';
import { alice, expect, test, withSession } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { expectNewSession, openPage, typeCode } from './support/pages';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Alice with one key, 100 days old: the person the issue is about. */
const rotateTest = test.extend<{ secondKey: boolean }>({
	secondKey: [false, { option: true }],
	sts: async ({ secondKey }, use) => {
		const users = secondKey ? [alice, aliceInactiveKey] : [alice];
		const sts = await startSts({ users, region: 'us-east-1', keyCreated: { [alice.accessKeyId]: daysAgo(100) } });
		await use(sts);
		await sts.close();
	},
});

/** What the extension stores as the profile's key id, read from a page (the worker may have been stopped). */
const storedKeyId = (page: Page) =>
	page.evaluate(async () => ((await chrome.storage.local.get('profiles')).profiles as { accessKeyId: string }[])[0]?.accessKeyId);

const status = (options: Page, text: string | RegExp) => options.getByRole('status').filter({ hasText: text });

/** A new code in the popup; the session it gives is signed with the key the vault holds. */
async function newSessionKey(ext: ExtensionBrowser, sts: StsServer): Promise<string | undefined> {
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await popup.close();
	return sts.requests.filter((request) => request.action === 'GetSessionToken').at(-1)?.accessKeyId;
}

async function stopWorker(page: Page): Promise<void> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('ServiceWorker.enable');
	await cdp.send('ServiceWorker.stopAllWorkers');
	await cdp.detach();
}

rotateTest('a 100-day-old key is shown, warned of, and rotated in one click; the old key is refused afterwards', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await expect(options.getByText(/Access key …MPLE, created \d{4}-\d\d-\d\d \(100 days ago\)\./)).toBeVisible();
	await expect(status(options, 'The access key is 100 days old')).toBeVisible();
	await popup.reload();
	await expect(popup.getByRole('status').filter({ hasText: 'The access key is 100 days old' })).toBeVisible();
	await expect.poll(() => ext.worker.evaluate(() => chrome.action.getTitle({}))).toContain('The access key is 100 days old');

	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(status(options, /^Rotated: the new key …\w{4} is in use and the old key …MPLE is deleted\./)).toBeVisible({
		timeout: 30_000,
	});
	const keys = sts.iam.keysOf(alice.arn);
	expect(keys.map((key) => key.accessKeyId)).not.toContain(alice.accessKeyId);
	expect(keys).toHaveLength(1);
	const newKeyId = keys[0]?.accessKeyId ?? '';
	expect(await storedKeyId(options)).toBe(newKeyId);
	// Proven with a call signed by the new long-term key itself, before the old one was deleted.
	const order = sts.requests.filter((request) => ['CreateAccessKey', 'GetCallerIdentity', 'DeleteAccessKey'].includes(request.action));
	expect(order.map((request) => [request.action, request.accessKeyId === newKeyId, request.outcome]).slice(-3)).toEqual([
		['CreateAccessKey', false, 'ok'],
		['GetCallerIdentity', true, 'ok'],
		['DeleteAccessKey', false, 'ok'],
	]);
	await expect(options.getByText(new RegExp(`Access key …${newKeyId.slice(-4)}, created .* \\(0 days ago\\)`))).toBeVisible();
	await expect(status(options, 'The access key is 100 days old')).toHaveCount(0);

	expect(await newSessionKey(ext, sts)).toBe(newKeyId);
	// The old key, signed as the SDK signs: AWS no longer knows it.
	const oldKey = new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: alice, maxAttempts: 1 });
	await expect(oldKey.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
});

rotateTest.describe('with a second key already', () => {
	rotateTest.use({ secondKey: true });
	rotateTest('the quota of two keys: nothing changes, and the key to delete is named', async ({ ext, sts }) => {
		const { options } = await withSession(ext, sts);
		await expect(options.getByText(/\(100 days ago\)/)).toBeVisible();
		await options.getByRole('button', { name: 'Rotate now' }).click();
		await expect(
			status(options, 'IAM allows two access keys per user and you have two: delete the one not in use, …MPLE, in the IAM console'),
		).toBeVisible();
		await expect(options.getByRole('link', { name: 'Open the IAM console' })).toHaveAttribute(
			'href',
			'https://console.aws.amazon.com/iam/home#/users/details/alice?section=security_credentials',
		);
		expect(sts.iam.keysOf(alice.arn).map((key) => key.accessKeyId)).toEqual([alice.accessKeyId, aliceInactiveKey.accessKeyId]);
		expect(await storedKeyId(options)).toBe(alice.accessKeyId);
		expect(await options.evaluate(async () => (await chrome.storage.local.get('rotation')).rotation)).toBeUndefined();
	});
});

rotateTest('without iam:ListAccessKeys the page says which permission shows the age, and rotation still works', async ({ ext, sts }) => {
	sts.iam.allow(['CreateAccessKey', 'DeleteAccessKey']);
	const { options } = await withSession(ext, sts);
	await expect(options.getByText("IAM did not tell this key's age: allow iam:ListAccessKeys on your own user to see it.")).toBeVisible();
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(status(options, /^Rotated: the new key/)).toBeVisible({ timeout: 30_000 });
	expect(sts.iam.keysOf(alice.arn)).toHaveLength(1);
});

rotateTest('without iam:DeleteAccessKey the new key is kept and the old one named, with the console link', async ({ ext, sts }) => {
	sts.iam.allow(['ListAccessKeys', 'CreateAccessKey']);
	const { options } = await withSession(ext, sts);
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(
		status(
			options,
			/^The new key …\w{4} is in use, but the old key …MPLE could not be deleted \(iam:DeleteAccessKey\)\. Delete it in the IAM console\./,
		),
	).toBeVisible({ timeout: 30_000 });
	await expect(options.getByRole('link', { name: 'Open the IAM console' })).toBeVisible();
	const [old, fresh] = sts.iam.keysOf(alice.arn);
	expect(old?.accessKeyId).toBe(alice.accessKeyId);
	expect(await storedKeyId(options)).toBe(fresh?.accessKeyId);
	expect(await newSessionKey(ext, sts)).toBe(fresh?.accessKeyId);
});

rotateTest('"Keep the old key" keeps it, for another machine that still uses it', async ({ ext, sts }) => {
	const { options } = await withSession(ext, sts);
	await options.getByLabel('Keep the old key').check();
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(status(options, /the old key …MPLE was kept, as chosen/)).toBeVisible({ timeout: 30_000 });
	expect(sts.iam.keysOf(alice.arn)).toHaveLength(2);
	expect(sts.requests.some((request) => request.action === 'DeleteAccessKey')).toBe(false);
});

rotateTest('IAM slow to accept the new key: the proof is retried until it signs', async ({ ext, sts }) => {
	sts.iam.slowNewKeys(3);
	const { options } = await withSession(ext, sts);
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(status(options, /^Rotated: the new key/)).toBeVisible({ timeout: 40_000 });
	const newKeyId = sts.iam.keysOf(alice.arn)[0]?.accessKeyId;
	const proofs = sts.requests.filter((request) => request.action === 'GetCallerIdentity' && request.accessKeyId === newKeyId);
	expect(proofs.map((request) => request.outcome)).toEqual(['InvalidClientTokenId', 'InvalidClientTokenId', 'InvalidClientTokenId', 'ok']);
	expect(await newSessionKey(ext, sts)).toBe(newKeyId);
});

rotateTest(
	'the worker stopped between creation and sealing: the vault keeps the working key and the page names the lost one',
	async ({ ext, sts }) => {
		const { options } = await withSession(ext, sts);
		const release = sts.iam.holdAction('CreateAccessKey', 'after');
		await options.getByRole('button', { name: 'Rotate now' }).click();
		await expect.poll(() => sts.iam.heldActions).toBe(1);
		expect(sts.iam.keysOf(alice.arn)).toHaveLength(2);
		await stopWorker(options);
		release();
		await options.reload();
		const made = sts.iam.keysOf(alice.arn)[1]?.accessKeyId ?? '';
		await expect(
			status(
				options,
				`The rotation stopped before the new key …${made.slice(-4)} was stored: the vault still holds the old key …MPLE, which works.`,
			),
		).toBeVisible({ timeout: 30_000 });
		expect(await storedKeyId(options)).toBe(alice.accessKeyId);
		expect(await options.evaluate(async () => (await chrome.storage.local.get('rotation')).rotation)).toBeUndefined();
		expect(await newSessionKey(ext, sts)).toBe(alice.accessKeyId);
	},
);

rotateTest('the worker stopped between sealing and deletion: the next start finishes, and the new key works', async ({ ext, sts }) => {
	const { options } = await withSession(ext, sts);
	const release = sts.iam.holdAction('DeleteAccessKey', 'before');
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect.poll(() => sts.iam.heldActions, { timeout: 30_000 }).toBe(1);
	const newKeyId = sts.iam.keysOf(alice.arn)[1]?.accessKeyId;
	expect(await storedKeyId(options)).toBe(newKeyId);
	await stopWorker(options);
	release();
	await options.reload();
	await expect(status(options, /^Rotated: the new key …\w{4} is in use and the old key …MPLE is deleted\./)).toBeVisible({
		timeout: 30_000,
	});
	expect(sts.iam.keysOf(alice.arn).map((key) => key.accessKeyId)).toEqual([newKeyId]);
	expect(await newSessionKey(ext, sts)).toBe(newKeyId);
});

rotateTest('without a live session the rotation takes a code, and the session it makes is not kept', async ({ ext, sts }) => {
	const { options } = await withSession(ext, sts);
	// The session has ended, as after a night.
	await ext.worker.evaluate(async () => {
		const { sessions } = await chrome.storage.session.get('sessions');
		const past = new Date(Date.now() - 60_000).toISOString();
		const ended = Object.fromEntries(
			Object.entries(sessions as Record<string, object>).map(([id, session]) => [id, { ...session, expiration: past }]),
		);
		await chrome.storage.session.set({ sessions: ended });
	});
	await options.reload();
	await options.getByLabel('MFA code for the rotation').fill(sts.freshCode(alice));
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(status(options, /^Rotated: the new key …\w{4} is in use and the old key …MPLE is deleted\./)).toBeVisible({
		timeout: 30_000,
	});
	const rotationSession = sts.issued.at(-1);
	expect(rotationSession?.durationSeconds).toBe(900);
	const stored = await ext.worker.evaluate(async () =>
		Object.values((await chrome.storage.session.get('sessions')).sessions as Record<string, { accessKeyId: string }>),
	);
	expect(stored.map((session) => session.accessKeyId)).not.toContain(rotationSession?.accessKeyId);
	expect(await newSessionKey(ext, sts)).toBe(sts.iam.keysOf(alice.arn)[0]?.accessKeyId);
});

rotateTest('a new key IAM never accepts is not put in the vault: the old key keeps working', async ({ ext, sts }) => {
	rotateTest.setTimeout(90_000);
	sts.iam.slowNewKeys(50);
	const { options } = await withSession(ext, sts);
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(
		status(options, /^The new key …\w{4} was made but AWS does not accept it yet; the vault still holds the old key …MPLE\./),
	).toBeVisible({
		timeout: 60_000,
	});
	expect(await storedKeyId(options)).toBe(alice.accessKeyId);
	expect(sts.iam.keysOf(alice.arn)).toHaveLength(2);
	await expect(options.getByRole('button', { name: 'Finish rotation' })).toBeVisible();
	expect(await newSessionKey(ext, sts)).toBe(alice.accessKeyId);
});

rotateTest('without iam:CreateAccessKey nothing changes, and the missing permission is named', async ({ ext, sts }) => {
	sts.iam.allow(['ListAccessKeys', 'DeleteAccessKey']);
	const { options } = await withSession(ext, sts);
	await options.getByRole('button', { name: 'Rotate now' }).click();
	await expect(
		status(options, 'IAM refused to make a new key: your user needs the permission iam:CreateAccessKey on itself. Nothing changed.'),
	).toBeVisible();
	expect(sts.iam.keysOf(alice.arn).map((key) => key.accessKeyId)).toEqual([alice.accessKeyId]);
	expect(await storedKeyId(options)).toBe(alice.accessKeyId);
	expect(await newSessionKey(ext, sts)).toBe(alice.accessKeyId);
});
