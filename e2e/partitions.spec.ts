// Signing in every partition and endpoint kind, end to end: the browser sends each request to AWS's
// own STS host name (answered by the local STS over TLS, sts/tls.ts), and the local STS accepts only
// a signature scoped to the region that host implies, as AWS does.

import type { StsUser } from './sts/fixtures';
import { alice, chinaUser, expect, govUser, passphrase, rootUser, test, tokenRequests } from './support/fixtures';
import { chooseInPopup, expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

const cases: { name: string; user: StsUser; region: string; kind: RegExp; host: string }[] = [
	{ name: 'regional', user: alice, region: 'eu-west-1', kind: /^Regional/, host: 'sts.eu-west-1.amazonaws.com' },
	{ name: 'global', user: alice, region: 'us-east-1', kind: /^Global/, host: 'sts.amazonaws.com' },
	{ name: 'fips', user: rootUser, region: 'us-east-1', kind: /^FIPS/, host: 'sts-fips.us-east-1.amazonaws.com' },
	{ name: 'govcloud', user: govUser, region: 'us-gov-west-1', kind: /^Regional/, host: 'sts.us-gov-west-1.amazonaws.com' },
	{ name: 'china', user: chinaUser, region: 'cn-north-1', kind: /^Regional/, host: 'sts.cn-north-1.amazonaws.com.cn' },
];

// Each host allowed as the options page's save would have asked (the prompt itself is tested under Xvfb).
test.use({ grantedHosts: cases.map(({ host }) => `https://${host}/*`) });

test('regional, global, FIPS, GovCloud and China endpoints: each request goes to its host, signed for its region', async ({ ext, aws }) => {
	const options = await openPage(ext, 'options');
	for (const [index, { name, user, region, kind }] of cases.entries()) {
		if (index > 0) await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
		await options.getByLabel('Region').selectOption(region);
		const kinds = options.getByLabel('AWS endpoint');
		const label = (await kinds.locator('option').allTextContents()).find((text) => kind.test(text));
		expect(label, `${name}: an endpoint kind ${kind}`).toBeDefined();
		await kinds.selectOption({ label: label as string });
		const values = { name, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, mfaSerial: user.mfaSerial };
		await saveProfile(options, values, index === 0 ? passphrase : undefined);
		await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
	}

	const popup = await openPage(ext, 'popup');
	for (const { name, user, host } of cases) {
		await chooseInPopup(ext, popup, name);
		await typeCode(popup, aws.freshCode(user));
		await expectNewSession(popup);
		// Outcome "ok" at a host of AWS's means the signature was scoped to the region that host implies.
		expect(tokenRequests(aws).at(-1), name).toEqual({ action: 'GetSessionToken', host, accessKeyId: user.accessKeyId, outcome: 'ok' });
	}
	expect(tokenRequests(aws)).toHaveLength(cases.length);
});
