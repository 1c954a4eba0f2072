// The shortcuts pressed for real: a headed Chromium on a private Xvfb display, keys sent with
// xdotool (Playwright's keyboard does not reach the browser's shortcut handling), the clipboard
// read with xclip as any other program would read it.
import type { Page } from '@playwright/test';
import { answerPrompt, type Display, startDisplay } from './support/display';
import { alice, aliceProfile, closeAndScan, expect, passphrase, secretsOf, test, withSession } from './support/fixtures';
import { type ExtensionBrowser, launchWithExtension } from './support/launch';
import { openPage, saveProfile } from './support/pages';
import { devtools, evaluateIn, waitForTarget } from './support/targets';

let display: Display;
let ext: ExtensionBrowser;

test.beforeEach(async () => {
	display = await startDisplay();
	// Chromium ignores a click or key on a dialog's button just after it appears (its guard against
	// unintended clicks); the tests press keys only once the prompt holds the keyboard, so the guard is off.
	ext = await launchWithExtension({ headless: false, display: display.name, args: ['--disable-input-event-activation-protection'] });
});

test.afterEach(async ({ sts }) => {
	try {
		await closeAndScan(ext, secretsOf(sts));
	} finally {
		await display.close();
	}
});

/** The popup the browser opened from the toolbar, as listed among its targets, and a way to look inside. */
async function openedPopup(page: Page) {
	const cdp = await devtools(page);
	const target = await waitForTarget(cdp, '/src/popup/index.html');
	return { evaluate: (expression: string) => evaluateIn(cdp, target, expression) };
}

test('both shortcuts are assigned as suggested', async () => {
	const commands = await ext.worker.evaluate(() => chrome.commands.getAll());
	expect(Object.fromEntries(commands.map((command) => [command.name, command.shortcut]))).toEqual({
		_execute_action: 'Alt+Shift+M',
		'copy-session': 'Alt+Shift+K',
	});
	const options = await openPage(ext, 'options');
	await expect(options.getByText('Alt+Shift+K')).toBeVisible();
	await expect(options.getByRole('button', { name: 'Change shortcuts in the browser’s settings' })).toBeVisible();
});

test('Alt+Shift+M opens the popup with the code field focused; Alt+Shift+K copies the session', async ({ sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');

	await display.focusWindow('chromium');
	await display.press('alt+shift+m');
	const popup = await openedPopup(options);
	await expect.poll(() => popup.evaluate('document.activeElement?.id')).toBe('code');
	// The code typed on the keyboard, into the popup the shortcut opened.
	await display.type(sts.freshCode(alice));
	await expect
		.poll(() => popup.evaluate(`document.querySelector('[role=status]')?.textContent ?? ''`))
		.toMatch(/^New session, valid until/);
	await display.press('Escape');

	// Every message any extension page receives is recorded: the copied text must travel only to the clipboard document.
	await options.evaluate(() => {
		const seen: string[] = [];
		(globalThis as { seen?: string[] }).seen = seen;
		chrome.runtime.onMessage.addListener((message) => {
			seen.push(JSON.stringify(message));
		});
	});
	await options.bringToFront();
	await display.focusWindow('chromium');
	await display.press('alt+shift+k');
	const session = sts.issued.at(-1);
	// The ✓ shows for 4 s: watched from the key press on, not looked at once after the clipboard wait.
	await Promise.all([
		expect.poll(() => ext.worker.evaluate(() => chrome.action.getBadgeText({})), { intervals: [100] }).toBe('✓'),
		expect.poll(() => display.clipboard().catch(() => '')).toContain(`export AWS_SESSION_TOKEN=${session?.sessionToken}`),
	]);
	const seen = await options.evaluate(() => (globalThis as { seen?: string[] }).seen ?? []);
	expect(
		seen.filter((text) => text.includes('AWS_')),
		'the export broadcast to pages',
	).toEqual([]);
});

test('Alt+Shift+K without a live session copies nothing, says so on the badge and opens the popup', async ({ sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	// What the person copied before stays: nothing replaced it.
	await display.setClipboard('copied before the shortcut');
	await display.focusWindow('chromium');
	await display.press('alt+shift+k');
	await Promise.all([
		openedPopup(options),
		expect.poll(() => ext.worker.evaluate(() => chrome.action.getBadgeText({})), { intervals: [100] }).toBe('!'),
	]);
	expect(await ext.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/nothing copied.*no session yet/i);
	expect(await display.clipboard()).toBe('copied before the shortcut');
});

// What clearing does once on is a scenario in both browsers (e2e/scenarios/keyboard.scenario.ts);
// the browser's own permission prompt, answered from the keyboard, is Chromium's.
test('clipboard clearing turned on from the keyboard asks for clipboard reading; allowed, it is on at 30 seconds', async ({ sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await popup.close();

	// Turned on from the keyboard, a real user gesture: the browser asks, the person allows.
	await options.bringToFront();
	await options.getByLabel('Clear the clipboard after a copy').focus();
	await display.focusWindow('chromium');
	expect(await ext.worker.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] }))).toBe(false);
	await answerPrompt(display, options, 'allow', {
		ask: () => display.press('Down'),
		granted: () => ext.worker.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] })),
	});
	await expect(options.getByLabel('Clear the clipboard after a copy')).toHaveValue('30');
	expect(await ext.worker.evaluate(() => chrome.permissions.contains({ permissions: ['clipboardRead'] }))).toBe(true);
});

test('a custom endpoint outside the manifest asks for that one host when saved; refused, it is not saved', async ({ sts }) => {
	const options = await openPage(ext, 'options');
	const custom = { ...aliceProfile(sts), endpoint: 'https://sts.example.test' };
	const origins = () => ext.worker.evaluate(async () => (await chrome.permissions.getAll()).origins ?? []);

	// Not AWS's and not loopback: nothing is asked or saved until the person says they trust it.
	await saveProfile(options, custom, passphrase);
	await expect(options.locator('#endpoint-error')).toContainText("sts.example.test is not one of AWS's STS hosts");
	await expect(options.getByText(/It will receive your signed request, your MFA device and a fresh code/)).toBeVisible();
	await options.getByLabel('Trust this endpoint').check();
	await display.focusWindow('chromium');
	const save = () => options.getByRole('button', { name: 'Save profile' }).click();
	const granted = async () => (await origins()).includes('https://sts.example.test/*');
	await answerPrompt(display, options, 'decline', { ask: save, granted });
	await expect(options.locator('#endpoint-error')).toContainText('needs your permission to call sts.example.test');
	expect(await ext.worker.evaluate(async () => (await chrome.storage.local.get('profiles')).profiles ?? [])).toEqual([]);

	await display.focusWindow('chromium');
	await answerPrompt(display, options, 'allow', { ask: save, granted });
	await expect(options.getByRole('status')).toContainText('saved');
	expect(await origins()).toContain('https://sts.example.test/*');
	expect(await origins()).not.toContain('https://*/*');
});

test('a fresh install may call no AWS host; saving a profile asks for exactly its STS host, said at Region when refused', async ({
	sts,
}) => {
	const origins = async () => (await ext.worker.evaluate(async () => (await chrome.permissions.getAll()).origins ?? [])).sort();
	expect(await origins()).toEqual(['http://127.0.0.1/*', 'http://[::1]/*', 'http://localhost/*']);
	const options = await openPage(ext, 'options');
	await options.getByLabel('Region').selectOption('eu-west-1');
	const granted = async () => (await origins()).includes('https://sts.eu-west-1.amazonaws.com/*');
	// Refused at the browser's prompt: said at Region, the field the host comes from, and nothing is saved.
	await display.focusWindow('chromium');
	await answerPrompt(display, options, 'decline', {
		ask: () => saveProfile(options, { ...aliceProfile(sts), endpoint: '' }, passphrase),
		granted,
	});
	const region = options.getByLabel('Region');
	await expect(options.locator('#region-error')).toHaveText(/needs your permission to call sts\.eu-west-1\.amazonaws\.com/);
	await expect(options.locator('#region-error')).toHaveRole('alert');
	await expect(region).toHaveAttribute('aria-describedby', /region-error/);
	await expect(region).toBeFocused();
	expect(await ext.worker.evaluate(async () => (await chrome.storage.local.get('profiles')).profiles ?? [])).toEqual([]);
	// Allowed on the next save: exactly that host, and the profile is saved.
	await display.focusWindow('chromium');
	await answerPrompt(display, options, 'allow', { ask: () => options.getByRole('button', { name: 'Save profile' }).click(), granted });
	await expect(options.getByRole('status')).toContainText('saved');
	expect(await origins()).toEqual(
		['http://127.0.0.1/*', 'http://[::1]/*', 'http://localhost/*', 'https://sts.eu-west-1.amazonaws.com/*'].sort(),
	);
});

test('the warning before expiry: permission asked when turned on, then a notification when its alarm fires', async ({ sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await popup.close();

	await options.bringToFront();
	await options.getByLabel('Notify me before the session ends').focus();
	await display.focusWindow('chromium');
	await answerPrompt(display, options, 'allow', {
		ask: () => display.press('Down'),
		granted: () => ext.worker.evaluate(() => chrome.permissions.contains({ permissions: ['notifications'] })),
	});
	await expect(options.getByLabel('Notify me before the session ends')).toHaveValue('5');
	const warningAlarm = () =>
		ext.worker.evaluate(async () => (await chrome.alarms.getAll()).find((entry) => entry.name.startsWith('expiry-warning:')));
	await expect
		.poll(async () => ((await warningAlarm())?.scheduledTime ?? 0) - Date.parse(sts.issued.at(-1)?.expiration ?? ''))
		.toBeCloseTo(-5 * 60_000, -4);
	const alarm = await warningAlarm();

	// Let the time pass: the same alarm, due now.
	await ext.worker.evaluate((name) => chrome.alarms.create(name, { when: Date.now() + 50 }), alarm?.name ?? '');
	await expect
		.poll(() => ext.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())), { timeout: 10_000 })
		.toEqual([alarm?.name]);
});
