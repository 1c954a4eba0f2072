// Every one-click action says at its control, with role="alert", when the worker refuses it or
// stops before it answers: nothing vanishes into the console. The refusals are the worker's own
// (the organisation's policy as Chromium delivers it, a profile roles still use); a stop is the
// worker busy and then stopped by the browser while the request waits, as an update or the
// browser's idle rule stops it.
import type { Locator, Page } from '@playwright/test';
import { deployRole } from './sts/fixtures';
import { aliceProfile, expect, passphrase, test, withSession } from './support/fixtures';
import { type ExtensionBrowser, serviceWorkerOf } from './support/launch';
import { openPage, saveProfile, saveRole } from './support/pages';
import { forExtension, type PolicyBrowser, policyBrowser } from './support/policy-browser';

const stopped = /stopped before it answered/;

/**
 * Does `act` while the worker is busy, then stops the worker before it could answer: the request
 * the page made is never answered, as when the browser stops or updates the worker mid-request.
 */
async function whileWorkerStops(ext: ExtensionBrowser, page: Page, act: () => Promise<void>): Promise<void> {
	const worker = await liveWorker(ext);
	const cdp = await ext.context.newCDPSession(page);
	await cdp.send('ServiceWorker.enable');
	const busy = worker
		.evaluate(() => {
			const end = Date.now() + 15_000;
			while (Date.now() < end) {}
		})
		.catch(() => undefined);
	// The page asks only once the worker is busy, so its request waits behind the loop.
	const answers = () =>
		Promise.race([worker.evaluate(() => true).catch(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))]);
	await expect.poll(answers, { message: 'the worker is busy', timeout: 10_000 }).toBe(false);
	await act();
	// Long enough for the request to reach the worker, well before the loop would end.
	await page.waitForTimeout(1_500);
	await cdp.send('ServiceWorker.stopAllWorkers');
	await cdp.detach();
	await busy;
}

/** The worker as it runs now: a stopped one starts again for the next request. */
function liveWorker(ext: ExtensionBrowser) {
	return serviceWorkerOf(ext.context, ext.extensionId);
}

/** The control's alert, tied to it by aria-describedby, says `text`. */
async function expectAlertAt(control: Locator, text: RegExp): Promise<void> {
	await expect(control).toHaveAccessibleDescription(text);
	const described = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
	const alerts = control.page().locator(described.map((id) => `[id="${id}"][role="alert"]`).join(', '));
	await expect(alerts.filter({ hasText: text })).toBeVisible();
}

test('a one-click action the worker never answers says so at its control', async ({ ext, sts }) => {
	test.setTimeout(150_000);
	const { options, popup } = await withSession(ext, sts);
	await saveRole(options, { name: 'deploy', roleArn: deployRole.arn, source: 'work', endpoint: sts.url });
	await expect(options.getByRole('status').filter({ hasText: '“deploy” saved' })).toBeVisible();
	await options.getByLabel('Profile to edit').selectOption({ label: 'work' });
	const before = await (await liveWorker(ext)).evaluate(async () => (await chrome.storage.local.get('preferences')).preferences as unknown);

	const cases: [string, Page, () => Locator, () => Promise<void>][] = [
		[
			'include the region',
			options,
			() => options.getByRole('checkbox', { name: /Include the region/ }),
			() => options.getByRole('checkbox', { name: /Include the region/ }).click(),
		],
		[
			'choose the popup’s profile',
			popup,
			() => popup.getByLabel('Profile', { exact: true }),
			async () => void (await popup.getByLabel('Profile', { exact: true }).selectOption({ label: 'deploy' })),
		],
		[
			'dismiss the policy’s notices',
			options,
			() => options.getByRole('button', { name: 'Dismiss' }),
			() => options.getByRole('button', { name: 'Dismiss' }).click(),
		],
		[
			'lock now',
			options,
			() => options.getByRole('button', { name: 'Lock now' }),
			() => options.getByRole('button', { name: 'Lock now' }).click(),
		],
		[
			'delete the stored secrets',
			options,
			() => options.getByRole('button', { name: 'Delete my stored secrets' }),
			() => options.getByRole('button', { name: 'Delete my stored secrets' }).click(),
		],
	];
	for (const [name, page, control, act] of cases) {
		await test.step(name, async () => {
			await page.bringToFront();
			if (name === 'choose the popup’s profile') await page.reload();
			if (name === 'dismiss the policy’s notices')
				await (await liveWorker(ext)).evaluate(() => chrome.storage.session.set({ policyNotices: ['A session ended by the policy.'] }));
			if (name === 'delete the stored secrets') {
				await (await liveWorker(ext)).evaluate(() => chrome.storage.session.remove('vaultKey'));
				await options.getByText('Forgot your passphrase?').click();
				await options.getByRole('button', { name: 'Delete stored secrets…' }).click();
			}
			await expect(control()).toBeVisible();
			await whileWorkerStops(ext, page, act);
			await expectAlertAt(control(), stopped);
		});
	}
	// Nothing was done: the vault and its secret are still there, the choice and the notices as they were.
	const stored = await (await liveWorker(ext)).evaluate(async () => ({
		vault: (await chrome.storage.local.get('vault')).vault !== undefined,
		preferences: (await chrome.storage.local.get('preferences')).preferences as unknown,
		notices: (await chrome.storage.session.get('policyNotices')).policyNotices as unknown,
	}));
	expect(stored).toEqual({ vault: true, preferences: before, notices: ['A session ended by the policy.'] });
});

test('deleting a profile roles are assumed from is refused at the Delete button', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
	await saveRole(options, { name: 'deploy', roleArn: deployRole.arn, source: 'work', endpoint: sts.url });
	await expect(options.getByRole('status').filter({ hasText: '“deploy” saved' })).toBeVisible();
	await options.getByLabel('Profile to edit').selectOption({ label: 'work' });
	await options.getByRole('button', { name: 'Delete profile…' }).click();
	const confirm = options.getByRole('button', { name: 'Delete “work”' });
	await confirm.click();
	await expectAlertAt(confirm, /Roles are assumed from this profile \(deploy\)/);
	expect(await ext.worker.evaluate(async () => ((await chrome.storage.local.get('profiles')).profiles as unknown[]).length)).toBe(2);
});

const policyTest = test.extend<{ policy: PolicyBrowser }>({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	policy: async ({}, use) => {
		const policy = await policyBrowser(
			forExtension({ minimumIdleLockMinutes: 15, allowedExportFormats: ['bash', 'credentials'], forceClipboardClearSeconds: 30 }),
		);
		await use(policy);
		await policy.remove();
	},
	extensionLaunch: async ({ policy }, use) => use({ executablePath: policy.launcher }),
});

/** Adds a choice the page offered before the organisation's policy reached it, and picks it. */
async function chooseStale(select: Locator, value: string, label: string): Promise<void> {
	await select.evaluate((element, [value, label]) => (element as HTMLSelectElement).add(new Option(label, value)), [value, label] as const);
	await select.selectOption(value);
}

policyTest('a choice the organisation’s policy refuses is refused at its control', async ({ ext, sts }) => {
	const { options } = await withSession(ext, sts);
	await expect(options.getByText('Your organisation', { exact: false }).first()).toBeVisible();
	const refused = /does not allow this choice/;
	const cases: [string, Locator, string, string][] = [
		['idle lock never', options.getByLabel('Lock after idle time'), '0', 'Never'],
		['export format fish', options.getByLabel('Format', { exact: true }), 'fish', 'fish'],
		['clipboard never cleared', options.getByLabel('Clear the clipboard after a copy'), '0', 'Never'],
	];
	for (const [name, select, value, label] of cases) {
		await test.step(name, async () => {
			await chooseStale(select, value, label);
			await expectAlertAt(select, refused);
		});
	}
	const preferences = await ext.worker.evaluate(
		async () => (await chrome.storage.local.get('preferences')).preferences as { exportFormat: string },
	);
	expect(preferences).toMatchObject({ autoLockMinutes: 15, clearClipboardSeconds: 30 });
	expect(['bash', 'credentials']).toContain(preferences.exportFormat);
});

test('a request whose payload is not what its name needs is refused before its handler runs', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status').filter({ hasText: 'saved' })).toBeVisible();
	await ext.worker.evaluate(() => chrome.storage.session.remove('vaultKey'));
	const ask = (name: string, payload: unknown) =>
		options.evaluate(
			([name, payload]) =>
				chrome.runtime.sendMessage({ name, payload }) as Promise<{ ok: boolean; error?: { message: string; kind?: string } }>,
			[name, payload] as const,
		);
	expect(await ask('unlock', { passphrase: 123 })).toEqual({
		ok: false,
		error: { message: expect.stringContaining('unlock: passphrase is not a string'), kind: 'invalid' },
	});
	expect(await ask('chooseProfile', 'work')).toMatchObject({ ok: false, error: { kind: 'invalid' } });
	// The handler never ran: no wrong passphrase was counted, and the vault is still locked.
	const stored = await ext.worker.evaluate(async () => ({
		failures: (await chrome.storage.local.get('unlockFailures')).unlockFailures as unknown,
		key: (await chrome.storage.session.get('vaultKey')).vaultKey as unknown,
	}));
	expect(stored).toEqual({ failures: undefined, key: undefined });
});
