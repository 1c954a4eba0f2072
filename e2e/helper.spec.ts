// The command-line helper with the real browser: installed into the test's Chromium profile by its
// own `install --user-data-dir`, started by Chromium, read by the AWS CLI, boto3 and the JS SDK.
import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readAwsCliProfile, readBoto3Profile, readJsFromIni } from './consumers/read';
import type { StsServer } from './sts/server';
import { alice, aliceProfile, expect, passphrase, test } from './support/fixtures';
import {
	awsEnv,
	callerIdentity,
	chooseMode,
	type Home,
	helperTest,
	installExecutable,
	newSession,
	openPrompts,
	prompt,
	withoutNode,
} from './support/helper-driver';
import { helperScript, privateHome, runHelper } from './support/host-driver';
import type { ExtensionBrowser } from './support/launch';
import { openPage, saveProfile, typeCode } from './support/pages';

helperTest(
	'mode 1: a refresh writes the credentials file; the AWS CLI, boto3 and fromIni read it; Off removes it',
	async ({ ext, sts, home }) => {
		await mkdir(join(home.credentialsFile, '..'), { recursive: true });
		const kept =
			'# my own keys\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
		await writeFile(home.credentialsFile, kept);
		const options = await chooseMode(ext, sts, 'Write to the credentials file');
		await expect(options.getByText(`After each new session, the helper writes [work] in ${home.credentialsFile}.`)).toBeVisible();
		await newSession(ext, sts);
		const issued = sts.issued.at(-1);
		await expect
			.poll(() => readFile(home.credentialsFile, 'utf8'), { timeout: 5_000 })
			.toContain(`aws_session_token = ${issued?.sessionToken}`);
		const text = await readFile(home.credentialsFile, 'utf8');
		expect(text.startsWith(`${kept}\n[work]\n`)).toBe(true);
		const expected = { accessKeyId: issued?.accessKeyId, secretAccessKey: issued?.secretAccessKey, sessionToken: issued?.sessionToken };
		expect(await readAwsCliProfile(text, 'work')).toEqual(expected);
		expect(await readBoto3Profile(text, 'work')).toMatchObject(expected);
		expect(await readJsFromIni(text, 'work')).toMatchObject(expected);
		sts.resetRequests();
		const call = await callerIdentity(sts, await awsEnv(home));
		expect(call.stderr).toBe('');
		expect(JSON.parse(call.stdout).Arn).toBe(alice.arn);
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
		await options.getByRole('radio', { name: 'Off' }).check();
		await expect.poll(() => readFile(home.credentialsFile, 'utf8'), { timeout: 5_000 }).toBe(kept);
	},
);

helperTest('mode 1: a same-named section with long-term keys is refused and named on the options page', async ({ ext, sts, home }) => {
	await mkdir(join(home.credentialsFile, '..'), { recursive: true });
	const before = '[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
	await writeFile(home.credentialsFile, before);
	const options = await chooseMode(ext, sts, 'Write to the credentials file');
	await newSession(ext, sts);
	await expect(options.getByRole('alert')).toContainText(`[work] in ${home.credentialsFile} holds long-term keys`);
	expect(await readFile(home.credentialsFile, 'utf8')).toBe(before);
});

/** A private home for the browser, with no helper installed yet: the test installs one, or a fake. */
const bareTest = test
	.extend<{ home: Home }>({
		// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
		home: async ({}, use) => use(await privateHome()),
	})
	.extend({
		extensionLaunch: async ({ home }, use) => use({ userDataDir: join(home.home, 'chromium-profile'), env: home.env }),
	});

bareTest(
	'without the helper, the page gives the download and the command with this id; once installed, it says connected without a reload',
	async ({ ext, sts, home }) => {
		const options = await chooseMode(ext, sts, 'Write to the credentials file');
		const alert = options.getByRole('alert');
		await expect(alert).toContainText('The command-line helper is not installed or not reachable');
		await expect(alert.getByRole('link', { name: 'mfa-session-helper-linux-x64' })).toHaveAttribute(
			'href',
			'https://mfa-session.app/download/mfa-session-helper-linux-x64',
		);
		const command = `chmod +x ~/Downloads/mfa-session-helper-linux-x64 && ~/Downloads/mfa-session-helper-linux-x64 install --extension-id ${ext.extensionId}`;
		await expect(options.getByLabel(/Then run this once in a terminal/)).toHaveValue(command);
		await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await options.getByRole('button', { name: 'Copy command' }).click();
		await expect(options.getByRole('status').filter({ hasText: 'Copied.' })).toBeVisible();
		expect(await options.evaluate(() => navigator.clipboard.readText())).toBe(command);
		// The command the page gave, for the helper built from this checkout, into this browser's profile.
		const installed = await runHelper(['install', '--user-data-dir', ext.userDataDir, '--extension-id', ext.extensionId], home.env);
		expect(installed.stderr).toBe('');
		await expect(options.getByRole('status').filter({ hasText: 'Connected to the command-line helper' })).toBeVisible({ timeout: 30_000 });
		await expect(options.getByRole('alert')).toHaveCount(0);
	},
);

bareTest('a helper that speaks another protocol gets nothing but hello, and the page says to update it', async ({ ext, sts, home }) => {
	// A fake host: logs every message it gets, answers hello as a helper from the future would.
	const log = join(home.home, 'fake-helper.log');
	const script = join(home.home, 'fake-helper.cjs');
	await writeFile(
		script,
		`const fs = require('node:fs');
let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
	buffer = Buffer.concat([buffer, chunk]);
	while (buffer.length >= 4 && buffer.length >= 4 + buffer.readUInt32LE(0)) {
		const message = JSON.parse(buffer.subarray(4, 4 + buffer.readUInt32LE(0)).toString());
		buffer = buffer.subarray(4 + buffer.readUInt32LE(0));
		fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(message) + '\\n');
		const info = { version: '9.0.0', protocol: 999, credentialsFile: '/nowhere', socket: '/nowhere', serving: true, command: '/nowhere' };
		const body = Buffer.from(JSON.stringify(message.type === 'hello' ? { id: message.id, ok: true, info } : { id: message.id, ok: true }));
		const head = Buffer.alloc(4);
		head.writeUInt32LE(body.length);
		process.stdout.write(Buffer.concat([head, body]));
	}
});
`,
	);
	const launcher = join(home.home, 'fake-helper');
	await writeFile(launcher, `#!/bin/sh\nexec '${process.execPath}' '${script}' "$@"\n`, { mode: 0o755 });
	await mkdir(join(ext.userDataDir, 'NativeMessagingHosts'), { recursive: true });
	await writeFile(
		join(ext.userDataDir, 'NativeMessagingHosts', 'app.mfa_session.helper.json'),
		JSON.stringify({
			name: 'app.mfa_session.helper',
			description: 'fake',
			path: launcher,
			type: 'stdio',
			allowed_origins: [`chrome-extension://${ext.extensionId}/`],
		}),
	);
	const options = await chooseMode(ext, sts, 'Write to the credentials file');
	const alert = options.getByRole('alert');
	await expect(alert).toContainText('The command-line helper here (version 9.0.0) does not work with this MFA Session', {
		timeout: 30_000,
	});
	await expect(options.getByLabel('Download it again and run:')).toHaveValue(new RegExp(`install --extension-id ${ext.extensionId}$`));
	// A new session would be written to the file by a helper that fits: this one gets nothing.
	await newSession(ext, sts);
	await new Promise((done) => setTimeout(done, 2_000));
	const received = (await readFile(log, 'utf8'))
		.trim()
		.split('\n')
		.map((line) => JSON.parse(line) as { type: string });
	expect(received.length).toBeGreaterThan(0);
	expect(received.filter((message) => message.type !== 'hello')).toEqual([]);
	await expect(options.getByRole('status').filter({ hasText: 'Connected' })).toHaveCount(0);
});

/** The release's linux-x64 executable, installed by its own `install` for this browser; the browser's PATH has no Node. */
const executableTest = test
	.extend<{ home: Home; installed: string }>({
		// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
		home: async ({}, use) => use(await privateHome()),
		installed: async ({ home }, use) => {
			const run = await installExecutable(home, ['--dev', '--user-data-dir', join(home.home, 'chromium-profile')]);
			expect(run.stderr).toBe('');
			await use(run.installed);
		},
	})
	.extend({
		extensionLaunch: async ({ home, installed }, use) => {
			expect(installed).toContain('mfa-session-helper');
			await use({ userDataDir: join(home.home, 'chromium-profile'), env: { ...home.env, PATH: withoutNode(home) } });
		},
	});

executableTest(
	'the browser starts the installed executable, with no Node on its PATH: the AWS CLI reads the file, then signs through credential_process',
	async ({ ext, sts, home, installed }) => {
		test.setTimeout(240_000);
		const options = await chooseMode(ext, sts, 'Write to the credentials file');
		await expect(options.getByRole('status').filter({ hasText: 'Connected to the command-line helper' })).toBeVisible({ timeout: 30_000 });
		// The process serving the channel is the copied executable itself, not Node.
		const status = await runHelper(['status'], home.env);
		const pid = /helper process (\d+)/.exec(status.stdout)?.[1];
		expect(pid, status.stdout).toBeDefined();
		expect(await readlink(`/proc/${pid}/exe`)).toBe(installed);
		await newSession(ext, sts);
		const issued = sts.issued.at(-1);
		await expect
			.poll(() => readFile(home.credentialsFile, 'utf8').catch(() => ''), { timeout: 10_000 })
			.toContain(`aws_session_token = ${issued?.sessionToken}`);
		sts.resetRequests();
		const fromFile = await callerIdentity(sts, await awsEnv(home));
		expect(fromFile.stderr).toBe('');
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
		// Mode 2: botocore runs the command the page shows, the installed executable.
		await options.getByRole('radio', { name: 'Serve credential_process' }).check();
		const config = options.getByLabel(/Paste this into ~\/\.aws\/config/);
		await expect(config).toHaveValue(`[profile work]\ncredential_process = ${installed} credentials work\n`);
		sts.resetRequests();
		const served = await callerIdentity(sts, await awsEnv(home, await config.inputValue()));
		expect(served.stderr).toBe('');
		expect(JSON.parse(served.stdout).Arn).toBe(alice.arn);
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', outcome: 'ok' }]);
	},
);

executableTest(
	'mode 2 through the executable: 50 parallel callers with no session get one prompt, one GetSessionToken and 50 answers',
	async ({ ext, sts, home, installed }) => {
		test.setTimeout(240_000);
		const options = await chooseMode(ext, sts, 'Serve credential_process');
		await expect(options.getByLabel(/Paste this into ~\/\.aws\/config/)).toHaveValue(
			`[profile work]\ncredential_process = ${installed} credentials work\n`,
		);
		await expect(options.getByRole('status').filter({ hasText: 'Connected to the command-line helper' })).toBeVisible({ timeout: 30_000 });
		const environment = { ...home.env, PATH: withoutNode(home) };
		const calls = Array.from({ length: 50 }, () => runHelper(['credentials', 'work'], environment, installed));
		const popup = await prompt(ext);
		await typeCode(popup, sts.freshCode(alice));
		const answers = await Promise.all(calls);
		const issued = sts.issued.at(-1);
		expect(answers.filter((answer) => answer.code === 0 && JSON.parse(answer.stdout).SessionToken === issued?.sessionToken)).toHaveLength(
			50,
		);
		expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(1);
		expect((await openPrompts(ext)).filter((kind) => kind !== 'TAB')).toHaveLength(0);
	},
);

/** Chooses credential_process for the profile and writes the config the options page shows. */
async function serveProcess(ext: ExtensionBrowser, sts: StsServer, home: Home) {
	const options = await chooseMode(ext, sts, 'Serve credential_process');
	const config = options.getByLabel(/Paste this into ~\/\.aws\/config/);
	await expect(config).toHaveValue(/credential_process = \/.+\/mfa-session-helper credentials work\n$/);
	const text = await config.inputValue();
	expect(text.startsWith('[profile work]\n')).toBe(true);
	return { options, env: await awsEnv(home, text) };
}

helperTest(
	'mode 2: the AWS CLI signs with the live session through credential_process; a deleted profile is forgotten',
	async ({ ext, sts, home }) => {
		const { env, options } = await serveProcess(ext, sts, home);
		await newSession(ext, sts);
		const issued = sts.issued.at(-1);
		sts.resetRequests();
		const call = await callerIdentity(sts, env);
		expect(call.stderr).toBe('');
		expect(JSON.parse(call.stdout).Arn).toBe(alice.arn);
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
		// Mode 2 writes nothing to the credentials file.
		await expect(readFile(home.credentialsFile, 'utf8')).rejects.toThrow();
		// Deleted, the profile's session is forgotten by the helper at once.
		await options.getByRole('button', { name: 'Delete profile…' }).click();
		await options.getByRole('button', { name: 'Delete “work”' }).click();
		await expect
			.poll(async () => (await runHelper(['credentials', 'work', '--wait', '2'], home.env)).stderr, { timeout: 10_000 })
			.toMatch(/^MFA Session does not serve work: on its options page/);
	},
);

helperTest(
	'mode 2: with no session the popup asks for a code, names the profile and the command, and the CLI call completes',
	async ({ ext, sts, home }) => {
		const { env } = await serveProcess(ext, sts, home);
		const call = callerIdentity(sts, env);
		const popup = await prompt(ext);
		await expect(popup.getByRole('alert')).toContainText('A command asks for work');
		await expect(popup.getByRole('alert')).toContainText('sts get-caller-identity --profile work');
		await typeCode(popup, sts.freshCode(alice));
		const done = await call;
		expect(done.stderr).toBe('');
		expect(JSON.parse(done.stdout).Arn).toBe(alice.arn);
		const issued = sts.issued.at(-1);
		expect(sts.requests.filter((request) => request.action === 'GetCallerIdentity').at(-1)).toMatchObject({
			action: 'GetCallerIdentity',
			accessKeyId: issued?.accessKeyId,
			outcome: 'ok',
		});
	},
);

helperTest(
	"mode 2: a caller in a session's last minute gets the prompt, and the code typed there answers it",
	async ({ ext, sts, home }) => {
		const options = await openPage(ext, 'options');
		await options.getByLabel('Hours').fill('0');
		await options.getByLabel('Minutes').fill('15');
		await saveProfile(options, aliceProfile(sts), passphrase);
		await expect(options.getByRole('status')).toContainText('saved');
		await options.getByRole('radio', { name: 'Serve credential_process' }).check();
		// The local STS's clock 14 min 15 s behind: the 15-minute session it issues ends 45 s from now.
		sts.setClockOffset(-(15 * 60 - 45) * 1000);
		await (await newSession(ext, sts)).close();
		sts.setClockOffset(0);
		const ending = Date.parse(sts.issued.at(-1)?.expiration ?? '');
		expect(ending - Date.now()).toBeLessThan(60_000);
		const call = runHelper(['credentials', 'work', '--wait', '30'], home.env);
		const popup = await prompt(ext);
		// The prompt came while the old session still lived: the worker did not hand it out in its last minute.
		expect(Date.now()).toBeLessThan(ending);
		await expect(popup.getByRole('alert')).toContainText('A command asks for work');
		await typeCode(popup, sts.freshCode(alice));
		const answer = await call;
		expect(answer.stderr).toBe('');
		expect(JSON.parse(answer.stdout).SessionToken).toBe(sts.issued.at(-1)?.sessionToken);
		expect(Date.parse(JSON.parse(answer.stdout).Expiration) - Date.now()).toBeGreaterThan(60_000);
	},
);

helperTest(
	'mode 2: the prompt shows the calling command without hidden characters, cut short, after "as it says; this cannot be verified"',
	async ({ ext, sts, home }) => {
		await serveProcess(ext, sts, home);
		// The helper's parent is this shell, so its command line is what the prompt is told: bidi overrides,
		// escape sequences, a bell and zero-width characters in it, and far more than fits.
		const disguise = `\u202Emr 3s swa\u202C \u001b[2K\u0007 safe\u200B-looking ${'x'.repeat(200)}`;
		const script = `"$0" "$1" credentials work --wait 30; : ${disguise}`;
		const call = new Promise<string>((done) =>
			execFile('sh', ['-c', script, process.execPath, helperScript], { env: home.env, timeout: 60_000 }, (_error, _stdout, stderr) =>
				done(stderr),
			),
		);
		const popup = await prompt(ext);
		const alert = popup.getByRole('alert');
		await expect(alert).toContainText(
			'The command, as it says; this cannot be verified: sh -c "$0" "$1" credentials work --wait 30; : mr 3s swa [2K safe-looking xxx',
		);
		const shown = (await alert.locator('code').textContent()) ?? '';
		expect(shown).not.toMatch(/[\p{C}\u2028\u2029]/u);
		expect([...shown]).toHaveLength(120);
		expect(shown.endsWith('x…')).toBe(true);
		await popup.getByRole('button', { name: 'Deny' }).click();
		expect(await call).toBe('The request for work was denied in MFA Session.\n');
	},
);

helperTest(
	'mode 2: a channel folder the helper refuses is named on the options page, not blamed on another browser',
	async ({ ext, sts, home }) => {
		// XDG_RUNTIME_DIR open to others, so not used; and the folder under the home made first, open to others too.
		const runtime = String(home.env.XDG_RUNTIME_DIR);
		await chmod(runtime, 0o755);
		const folder = join(home.home, '.mfa-session');
		await mkdir(folder);
		await chmod(folder, 0o755);
		const options = await chooseMode(ext, sts, 'Serve credential_process');
		await expect(options.getByRole('alert')).toHaveText(
			`The helper cannot serve credential_process: ${folder} is open to other users (mode 755). Fix that folder (or remove it, if you did not make it), then reload this page.`,
		);
		await expect(
			options.getByText(
				`The helper does not use XDG_RUNTIME_DIR: ${runtime} is open to other users (mode 755); its channel is ${folder}/helper.sock instead.`,
			),
		).toBeVisible();
		await expect(options.getByText(/Another browser/)).toHaveCount(0);
		// Made private, the folder is used once the helper starts again (here: with the browser's next port).
		await chmod(folder, 0o700);
	},
);

/** The window the extension opened for a waiting command, as a page to drive. */
async function promptWindow(ext: ExtensionBrowser): Promise<Page> {
	let found: Page | undefined;
	await expect
		.poll(
			() => {
				found = ext.context.pages().find((page) => page.url().endsWith('/src/popup/index.html?prompt'));
				return found !== undefined;
			},
			{ timeout: 10_000, message: 'the extension opens its prompt window' },
		)
		.toBe(true);
	return found as Page;
}

/**
 * As in Firefox, where openPopup needs a click, or a browser window without a toolbar: the prompt opens
 * in a window of its own, which Playwright can drive (headless Chromium's toolbar popup it cannot).
 */
async function withoutToolbarPopup(ext: ExtensionBrowser): Promise<void> {
	await ext.worker.evaluate(() => {
		chrome.action.openPopup = () => Promise.reject(new Error('no toolbar'));
	});
}

/** The name of the active profile, as stored. */
function activeName(ext: ExtensionBrowser): Promise<string | undefined> {
	return ext.worker.evaluate(async () => {
		const { activeProfileId, profiles } = (await chrome.storage.local.get(['activeProfileId', 'profiles'])) as {
			activeProfileId?: string;
			profiles: { id: string; name: string }[];
		};
		return profiles.find((profile) => profile.id === activeProfileId)?.name;
	});
}

helperTest(
	'mode 2: an ask leaves the active profile alone; the prompt window shows the asked profile and sends its code only on Enter',
	async ({ ext, sts, home }) => {
		const { options } = await serveProcess(ext, sts, home);
		await withoutToolbarPopup(ext);
		await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
		await saveProfile(options, aliceProfile(sts, 'solo'));
		await expect(options.getByRole('status')).toContainText('saved');
		await ext.worker.evaluate(async () => {
			const { profiles } = (await chrome.storage.local.get('profiles')) as { profiles: { id: string; name: string }[] };
			await chrome.storage.local.set({ activeProfileId: profiles.find((profile) => profile.name === 'solo')?.id });
		});
		const call = runHelper(['credentials', 'work', '--wait', '40'], home.env);
		const window = await promptWindow(ext);
		await expect(window.getByRole('alert')).toContainText('A command asks for work');
		await expect(window.getByLabel('Profile')).toHaveValue(/.+/);
		expect(await window.getByLabel('Profile').locator('option:checked').textContent()).toBe('work');
		expect(await activeName(ext)).toBe('solo');
		// Six digits typed into a window that took the focus by itself are not sent…
		await window.getByLabel('MFA code').fill(sts.freshCode(alice));
		await window.waitForTimeout(1_500);
		expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(0);
		// …until Enter.
		await window.getByLabel('MFA code').press('Enter');
		const answer = await call;
		expect(answer.stderr).toBe('');
		expect(JSON.parse(answer.stdout).SessionToken).toBe(sts.issued.at(-1)?.sessionToken);
		// Until the person typed a code for work (a new session makes its profile the active one), solo stayed active.
		expect(sts.issued).toHaveLength(1);
	},
);

helperTest(
	'mode 2: asks again and again reuse one prompt window, and a profile is prompted for at most 3 times a minute',
	async ({ ext, sts, home }) => {
		await serveProcess(ext, sts, home);
		await withoutToolbarPopup(ext);
		const windows = () => ext.worker.evaluate(async () => (await chrome.windows.getAll({ windowTypes: ['popup'] })).length);
		for (let index = 0; index < 3; index++) {
			const run = await runHelper(['credentials', 'work', '--wait', '2'], home.env);
			expect(run.stderr).toContain('No MFA code was typed for work within 2 s.');
			expect(await windows()).toBe(1);
		}
		await promptWindow(ext);
		const refused = await runHelper(['credentials', 'work', '--wait', '10'], home.env);
		expect(refused.stderr.trim()).toBe(
			'MFA Session was asked for work too often in the last minute. Type the code in MFA Session’s popup, or run the command again in a minute.',
		);
		expect(refused.ms).toBeLessThan(8_000);
		expect(await windows()).toBe(1);
	},
);

helperTest('mode 2: 50 parallel callers with no session get one prompt, one GetSessionToken and 50 answers', async ({ ext, sts, home }) => {
	await serveProcess(ext, sts, home);
	const calls = Array.from({ length: 50 }, () => runHelper(['credentials', 'work'], home.env));
	const popup = await prompt(ext);
	await typeCode(popup, sts.freshCode(alice));
	const answers = await Promise.all(calls);
	const issued = sts.issued.at(-1);
	expect(answers.filter((answer) => answer.code === 0 && JSON.parse(answer.stdout).SessionToken === issued?.sessionToken)).toHaveLength(50);
	expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(1);
	// `prompt` saw exactly one popup open; none opened after it (the tab the test typed into aside).
	expect((await openPrompts(ext)).filter((kind) => kind !== 'TAB')).toHaveLength(0);
});

helperTest('mode 2: Deny in the prompt fails the waiting command with one line', async ({ ext, sts, home }) => {
	await serveProcess(ext, sts, home);
	const call = runHelper(['credentials', 'work'], home.env);
	const popup = await prompt(ext);
	await popup.getByRole('button', { name: 'Deny' }).click();
	const answer = await call;
	expect(answer.code).not.toBe(0);
	expect(answer.stderr).toBe('The request for work was denied in MFA Session.\n');
	expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(0);
});

helperTest(
	'the service worker stopped while connected: the next call gets an answer or a clear error, and the channel comes back',
	async ({ ext, sts, home }) => {
		const { options } = await serveProcess(ext, sts, home);
		await newSession(ext, sts);
		expect((await runHelper(['credentials', 'work'], home.env)).code).toBe(0);
		const cdp = await ext.context.newCDPSession(options);
		await cdp.send('ServiceWorker.enable');
		await cdp.send('ServiceWorker.stopAllWorkers');
		const after = await runHelper(['credentials', 'work'], home.env);
		if (after.code === 0) expect(JSON.parse(after.stdout).Version).toBe(1);
		else expect(after.stderr).toMatch(/^(Open your browser with MFA Session|The browser closed the helper)/);
		expect(after.ms).toBeLessThan(5_000);
		// Any wake of the worker (here a page asking for state) reopens the port and serves the live session again.
		await options.reload();
		await expect.poll(async () => (await runHelper(['credentials', 'work'], home.env)).code, { timeout: 10_000 }).toBe(0);
	},
);
