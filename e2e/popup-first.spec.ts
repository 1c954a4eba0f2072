// The popup draws its code field from storage, before the service worker answers: held in the
// debugger here, so it cannot answer at all until the test lets it go.
import type { Page } from '@playwright/test';
import { type WorkerChannel, workerChannel } from '../scripts/worker-cdp';
import { alice, aliceProfile, codeFor, expect, passphrase, test, tokenRequests } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

/** Saves the fixture profile (the vault is then unlocked) and holds the worker in the debugger. */
async function savedThenHeld(ext: ExtensionBrowser, sts: Parameters<typeof aliceProfile>[0]): Promise<WorkerChannel> {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
	await options.close();
	const worker = await workerChannel(ext.context, ext.extensionId);
	await worker.call('Debugger.enable');
	await worker.call('Debugger.pause');
	return worker;
}

/** Opens the popup in a tab, at `query`, and checks the code field is there and focused while the worker is held. */
async function popupWhileHeld(ext: ExtensionBrowser, query = ''): Promise<Page> {
	const popup = await ext.context.newPage();
	await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html${query}`);
	await expect(popup.getByLabel('MFA code')).toBeFocused();
	await expect(popup.getByRole('heading', { name: 'work' })).toBeVisible();
	// Nothing the worker knows is shown yet, and no passphrase is asked for: the vault is unlocked.
	await expect(popup.getByText('No session yet')).toHaveCount(0);
	await expect(popup.getByLabel('Passphrase')).toHaveCount(0);
	return popup;
}

async function release(worker: WorkerChannel): Promise<void> {
	await worker.call('Debugger.resume');
	await worker.call('Debugger.disable');
	await worker.detach();
}

test('the toolbar popup draws its code field before the worker answers; a code typed then is sent once, when it does', async ({
	ext,
	sts,
}) => {
	const worker = await savedThenHeld(ext, sts);
	const popup = await popupWhileHeld(ext);
	await popup.keyboard.type(codeFor(alice));
	await expect(popup.getByLabel('MFA code')).toHaveValue(codeFor(alice));
	// Held, the worker sends nothing; the popup keeps the code.
	await popup.waitForTimeout(500);
	expect(tokenRequests(sts)).toHaveLength(0);
	await release(worker);
	await expectNewSession(popup);
	await expect(popup.getByText(/Valid until/)).toBeVisible();
	await popup.waitForTimeout(1_000);
	expect(tokenRequests(sts)).toHaveLength(1);
});

test('in the prompt window a code typed before the worker answers waits for Enter, and Enter then sends it once', async ({ ext, sts }) => {
	const worker = await savedThenHeld(ext, sts);
	const popup = await popupWhileHeld(ext, '?prompt');
	await typeCode(popup, codeFor(alice));
	await release(worker);
	// The worker has answered (the session line is drawn), and the code is still only typed.
	await expect(popup.getByText('No session yet')).toBeVisible();
	await popup.waitForTimeout(1_000);
	expect(tokenRequests(sts)).toHaveLength(0);
	await expect(popup.getByLabel('MFA code')).toHaveValue(codeFor(alice));
	await popup.getByLabel('MFA code').press('Enter');
	await expectNewSession(popup);
	expect(tokenRequests(sts)).toHaveLength(1);
});

test('Enter pressed before the worker answers sends the code once it does', async ({ ext, sts }) => {
	const worker = await savedThenHeld(ext, sts);
	const popup = await popupWhileHeld(ext, '?prompt');
	await typeCode(popup, codeFor(alice));
	await popup.getByLabel('MFA code').press('Enter');
	await popup.waitForTimeout(500);
	expect(tokenRequests(sts)).toHaveLength(0);
	await release(worker);
	await expectNewSession(popup);
	await popup.waitForTimeout(1_000);
	expect(tokenRequests(sts)).toHaveLength(1);
});
