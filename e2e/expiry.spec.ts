// A session that runs out: the badge turns to "!", the popup says when it expired and offers a new
// one, and the expired credentials are refused by STS (ExpiredToken), as AWS refuses them. The local
// STS's clock is set back so a 15-minute session ends seconds from now; the browser's clock is real.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { alice, aliceProfile, expect, passphrase, test } from './support/fixtures';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

test.setTimeout(120_000);

test('an expired session: "!" on the badge, "Expired at" in the popup, and ExpiredToken from STS', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await options.getByLabel('Hours').fill('0');
	await options.getByLabel('Minutes').fill('15');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	// 15 minutes minus 10 s behind: still within AWS's 15-minute tolerance for the request's date.
	sts.setClockOffset(-(15 * 60 - 10) * 1000);
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	const session = sts.issued.at(-1);
	const expiration = Date.parse(session?.expiration ?? '');
	expect(expiration - Date.now()).toBeLessThan(12_000);

	const badge = () => ext.worker.evaluate(async () => [await chrome.action.getBadgeText({}), await chrome.action.getTitle({})]);
	await expect
		.poll(badge, { timeout: 30_000, message: 'the badge at expiry (an alarm is set for the moment the session ends)' })
		.toEqual(['!', expect.stringMatching(/work.*expired/i)]);
	await popup.reload();
	await expect(popup.getByText(/Expired at \d\d:\d\d/)).toBeVisible();
	await expect(popup.getByRole('button', { name: /^Copy as / })).toHaveCount(0);
	await expect(popup.getByLabel('MFA code')).toBeVisible();

	// The expired credentials, used as any program would use them, are refused by STS (its clock right again).
	sts.setClockOffset(0);
	const client = new STSClient({
		endpoint: sts.url,
		region: 'us-east-1',
		maxAttempts: 1,
		credentials: {
			accessKeyId: session?.accessKeyId ?? '',
			secretAccessKey: session?.secretAccessKey ?? '',
			sessionToken: session?.sessionToken ?? '',
		},
	});
	await expect(client.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
});
