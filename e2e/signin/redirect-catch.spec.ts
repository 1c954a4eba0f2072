// How the extension sees the same-device sign-in's code in Chromium, with nothing listening on the
// loopback port: AWS Sign-In sends the tab to http://127.0.0.1:PORT/oauth/callback?code=…&state=…,
// the connection is refused, and the tab's new URL still reaches `tabs.onUpdated` in an extension
// page, because the extension already holds the host permission http://127.0.0.1/* (for the local
// helper and endpoints). No `tabs` or `webNavigation` permission is needed, and the URLs of other
// tabs (the console's own pages included) stay hidden from it. The code caught so redeems.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { newSealableProofKey } from '../../src/lib/dpop-proof';
import { redeemCode } from '../../src/lib/signin-token';
import { alice } from '../sts/fixtures';
import { startSts } from '../sts/server';
import { distDir, launchWithExtension } from '../support/launch';
import { authorizeQuery, pkcePair } from './client';
import { sameDeviceClient, startSignin } from './server';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise((resolve) => server.close(resolve));
	return port;
}

test('an extension page sees the loopback redirect with the code in a tab it opened, without the tabs permission, and the code redeems', async () => {
	test.setTimeout(120_000);
	const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8')) as {
		permissions: string[];
		host_permissions: string[];
	};
	expect(manifest.permissions).not.toContain('tabs');
	expect(manifest.permissions).not.toContain('webNavigation');
	expect(manifest.host_permissions).toContain('http://127.0.0.1/*');

	const sts = await startSts({ users: [alice] });
	const signin = await startSignin({ sts, user: alice });
	const browser = await launchWithExtension();
	try {
		// The page itself runs the extension's own src/lib sign-in code in the unit suite (lib-flow.test.ts);
		// here the request is built from the fake's client helpers, which Playwright's loader can import.
		const start = {
			...pkcePair(),
			clientId: sameDeviceClient,
			redirectUri: `http://127.0.0.1:${await closedPort()}/oauth/callback`,
			state: crypto.randomUUID(),
		} as const;
		const options = await browser.context.newPage();
		await options.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
		const opened = browser.context.waitForEvent('page');
		await options.evaluate(
			({ url, redirect }) => {
				const scope = window as unknown as { caught: Promise<{ url: string; seen: string[] }> };
				const seen: string[] = [];
				scope.caught = new Promise((resolve) => {
					chrome.tabs.create({ url }).then((tab) => {
						chrome.tabs.onUpdated.addListener((tabId, info) => {
							if (tabId !== tab.id || !info.url) return;
							seen.push(info.url);
							if (!info.url.startsWith(redirect)) return;
							void chrome.tabs.remove(tabId).then(() => resolve({ url: info.url ?? '', seen }));
						});
					});
				});
			},
			{ url: `${signin.url}/v1/authorize?${authorizeQuery(start)}`, redirect: start.redirectUri },
		);
		const consent = await opened;
		await consent.getByRole('button', { name: 'Allow' }).click();
		const caught = await options.evaluate(() => (window as unknown as { caught: Promise<{ url: string; seen: string[] }> }).caught);
		expect(caught.url.startsWith(`${start.redirectUri}?`)).toBe(true);
		await expect.poll(() => consent.isClosed()).toBe(true);

		const landed = new URL(caught.url);
		expect(landed.searchParams.get('state')).toBe(start.state);
		const code = landed.searchParams.get('code') ?? '';
		const answer = await redeemCode(signin.url, start, code, await newSealableProofKey());
		expect(answer).toMatchObject({ ok: true, value: { subject: alice.arn } });
	} finally {
		await browser.close();
		await signin.close();
		await sts.close();
	}
});
