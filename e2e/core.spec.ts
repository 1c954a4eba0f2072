// The core flow as a person lives it: a profile on the options page, a code in the popup, a
// session from the local STS, and every export format.
import { readdir, readFile } from 'node:fs/promises';
import { unpackedManifestKey } from '../src/helper/extension-id';
import { exportFormats } from '../src/lib/export-formats';
import { alice, aliceProfile, codeFor, expect, passphrase, test } from './support/fixtures';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';
import { findInDirectory } from './support/scan';

test('the popup with no profile says so and opens the options page', async ({ ext }) => {
	const optionsOpened = ext.context.waitForEvent('page', (page) => page.url().includes('/src/options/'));
	const popup = await openPage(ext, 'popup');
	await expect(popup.getByText('No profile yet')).toBeVisible();
	await optionsOpened;
});

test('a profile, a wrong code, a right code, and every export format', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');

	const popup = await openPage(ext, 'popup');
	await expect(popup.getByRole('heading', { name: 'work' })).toBeVisible();
	await expect(popup.getByText('No session yet')).toBeVisible();
	await expect(popup.getByLabel('MFA code')).toBeFocused();

	const wrong = String((Number(codeFor(alice)) + 500_000) % 1_000_000).padStart(6, '0');
	await typeCode(popup, wrong);
	await expect(popup.getByRole('alert')).toContainText('MFA code');
	expect(sts.requests.at(-1)?.outcome).toBe('AccessDenied');

	await typeCode(popup, codeFor(alice, 1));
	await expectNewSession(popup);
	expect(sts.requests.at(-1)?.outcome).toBe('ok');
	await expect(popup.getByText(/Valid until \d\d:\d\d/)).toBeVisible();

	const issued = sts.issued.at(-1);
	if (!issued) throw new Error('the STS issued no session');
	await options.bringToFront();
	const format = options.getByLabel('Format');
	const exported = options.getByLabel('Exported credentials');
	await expect(exported).not.toBeEditable();
	// How each format writes the token's line, so the test knows the text shown is the chosen one.
	const tokenLine: Record<string, RegExp> = {
		'bash / zsh': /^export AWS_SESSION_TOKEN=/m,
		'.env': /^AWS_SESSION_TOKEN=/m,
		fish: /^set -gx AWS_SESSION_TOKEN '/m,
		PowerShell: /^\$Env:AWS_SESSION_TOKEN = '/m,
		'Windows cmd': /^set "AWS_SESSION_TOKEN=/m,
		'credentials file': /^aws_session_token = /m,
		'credential_process JSON': /^ {2}"SessionToken": "/m,
	};
	expect(Object.keys(tokenLine)).toEqual(exportFormats.map((entry) => entry.label));
	for (const { label } of exportFormats) {
		await format.selectOption({ label });
		await expect(exported).toHaveValue(tokenLine[label] ?? /never/);
		const text = await exported.inputValue();
		expect(text).toContain(issued.sessionToken);
		expect(text).toContain(issued.accessKeyId);
		expect(text).toContain(issued.secretAccessKey);
	}
	await format.selectOption({ label: 'bash / zsh' });
	await expect(exported).toHaveValue(/^export AWS_ACCESS_KEY_ID=/m);
	await expect(exported).toHaveValue(/^export AWS_CREDENTIAL_EXPIRATION=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
	await format.selectOption({ label: 'credentials file' });
	await expect(exported).toHaveValue(/^\[work\]$/m);
	await expect(exported).toHaveValue(/^aws_session_token = /m);

	await options.getByRole('button', { name: 'Copy' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
	const clipboard = await options.evaluate(() => navigator.clipboard.readText());
	expect(clipboard).toBe(await exported.inputValue());
});

test('the popup copies the last chosen format in one click', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, codeFor(alice));
	await expectNewSession(popup);
	await options.bringToFront();
	await options.getByLabel('Format').selectOption({ label: 'fish' });
	await popup.bringToFront();
	await popup.getByRole('button', { name: 'Copy as fish' }).click();
	await expect(popup.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
	const clipboard = await popup.evaluate(() => navigator.clipboard.readText());
	expect(clipboard).toMatch(/^set -gx AWS_SESSION_TOKEN /m);
	expect(clipboard).toContain(sts.issued.at(-1)?.sessionToken);
});

test('a wrong secret access key is caught by the signature check', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, { ...aliceProfile(sts), secretAccessKey: alice.secretAccessKey.replace(/.$/, 'Q') }, passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, codeFor(alice));
	await expect(popup.getByRole('alert')).toContainText(/secret access key/i);
	expect(sts.requests.at(-1)?.outcome).toBe('SignatureDoesNotMatch');
});

test('the secret access key and the passphrase never reach the disk in plaintext', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, codeFor(alice));
	await expectNewSession(popup);
	const token = sts.issued.at(-1)?.sessionToken ?? 'missing';
	await ext.context.close();
	const found = await findInDirectory(ext.userDataDir, [alice.secretAccessKey, passphrase, token]);
	expect(found).toEqual([]);
	// The scan must be able to see what it looks for: the profile's key id is stored in the clear.
	expect(await findInDirectory(ext.userDataDir, [alice.accessKeyId])).not.toEqual([]);
});

test('the shortcut that opens the popup is really assigned', async ({ ext }) => {
	const commands = await ext.worker.evaluate(() => chrome.commands.getAll());
	const action = commands.find((command) => command.name === '_execute_action');
	expect(action?.shortcut).toBe('Alt+Shift+M');
});

/** How the built code shows it uses what each permission grants. */
const permissionUses: Record<string, RegExp> = {
	storage: /\.storage\.(local|session)\b/,
	alarms: /\.alarms\.(create|onAlarm)\b/,
	offscreen: /\.offscreen\.Reason\b|\.offscreen\.createDocument\(/,
	clipboardWrite: /clipboard\.writeText\(|execCommand\(.copy/,
	clipboardRead: /clipboard\.readText\(|execCommand\(.paste/,
	notifications: /\.notifications\.create\(/,
	nativeMessaging: /\.(connectNative|sendNativeMessage)\(/,
};

test('the manifest asks only for what the built code uses, and declares all it uses', async () => {
	const manifest = JSON.parse(await readFile('dist/manifest.json', 'utf8'));
	expect(manifest.permissions).toEqual(['storage', 'alarms', 'offscreen', 'clipboardWrite', 'nativeMessaging']);
	// The unpacked build pins its id for the helper's host manifest; `npm run package` leaves the key out.
	expect(manifest.key).toBe(unpackedManifestKey);
	expect(manifest.optional_permissions).toEqual(['clipboardRead', 'notifications']);
	// Only loopback at install: AWS's hosts are asked for one STS host at a time, when a profile is saved.
	expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*']);
	expect(manifest.optional_host_permissions).toEqual([
		'https://*.amazonaws.com/*',
		'https://*.amazonaws.com.cn/*',
		'https://*.amazonaws.eu/*',
		'https://*/*',
	]);
	const files = await readdir('dist', { recursive: true });
	const code = (await Promise.all(files.filter((file) => file.endsWith('.js')).map((file) => readFile(`dist/${file}`, 'utf8')))).join('\n');
	const declared = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
	for (const permission of declared) {
		expect(permissionUses[permission], `how ${permission} shows in code`).toBeDefined();
		expect(code, `${permission} is used`).toMatch(permissionUses[permission] as RegExp);
	}
	for (const [permission, use] of Object.entries(permissionUses)) {
		if (use.test(code)) expect(declared, `${permission}, which the code uses`).toContain(permission);
	}
	// Optional ones are asked for only when a feature needs them.
	expect(manifest.optional_permissions).toEqual(expect.arrayContaining(['clipboardRead', 'notifications']));
	expect(manifest.permissions).not.toEqual(expect.arrayContaining(['clipboardRead']));
	expect(manifest.permissions).not.toEqual(expect.arrayContaining(['notifications']));
	expect(manifest.content_scripts).toBeUndefined();
	expect(manifest.externally_connectable).toBeUndefined();
	expect(manifest.background.type).toBe('module');
});
