// `npm start`'s world, set up exactly as the demo does it, then used headless as a newcomer would.

import { totpAt } from './sts/totp';
import { demoPassphrase, startDemo } from './support/demo-setup';
import { closeAndScan, expect, noteVaultKey, test, tokenRequests } from './support/fixtures';
import { expectNewSession, openPage, typeCode } from './support/pages';

test('the demo: its profile is ready, the printed code gives a session, and the copy works', async () => {
	const demo = await startDemo({ headless: true });
	try {
		await demo.ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const popup = await openPage(demo.ext, 'popup');
		await expect(popup.getByRole('heading', { name: 'demo' })).toBeVisible();
		await typeCode(popup, totpAt(demo.user.totpSecret, Date.now()));
		await expectNewSession(popup);
		await popup.getByRole('button', { name: /^Copy as / }).click();
		await expect(popup.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
		const clipboard = await popup.evaluate(() => navigator.clipboard.readText());
		expect(clipboard).toContain(`export AWS_SESSION_TOKEN=${demo.sts.issued[0]?.sessionToken}`);
		expect(tokenRequests(demo.sts)).toEqual([
			{ action: 'GetSessionToken', host: new URL(demo.sts.url).host, accessKeyId: demo.user.accessKeyId, outcome: 'ok' },
		]);
		await noteVaultKey(demo.ext);
	} finally {
		await demo.close();
	}
	const issued = demo.sts.issued.flatMap((session) => [session.secretAccessKey, session.sessionToken]);
	await closeAndScan(demo.ext, [demo.user.secretAccessKey, demoPassphrase, ...issued]);
});
