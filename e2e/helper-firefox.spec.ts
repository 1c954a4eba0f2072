// The released helper executable with firefox-esr: installed by its own `install` into a private
// HOME (Firefox's manifest in ~/.mozilla/native-messaging-hosts, by the gecko id), started by
// Firefox with no Node on its PATH, read by the AWS CLI in both modes. Driven through the
// scenarios' page driver (e2e/driver), the Firefox build from dist-firefox/.
import { mkdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { geckoId } from '../src/helper/extension-id';
import type { DrivenBrowser } from './driver/driver';
import { launchFirefoxDriver } from './driver/firefox';
import { alice, expect, expectRole, passphrase, saveProfile } from './scenarios/scenario';
import { type StsServer, startSts } from './sts/server';
import { secretsOf } from './support/fixtures';
import { afterSessionCalls, awsEnv, callerIdentity, type Home, installExecutable, withoutNode } from './support/helper-driver';
import { privateHome, runHelper } from './support/host-driver';

const firefoxTest = base.extend<{ sts: StsServer; home: Home; installed: string; firefox: DrivenBrowser }>({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	sts: async ({}, use) => {
		const sts = await startSts({ users: [alice], region: 'us-east-1' });
		await use(sts);
		await sts.close();
	},
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	home: async ({}, use) => use(await privateHome()),
	installed: async ({ home }, use) => {
		// Firefox has run here: its folder exists, so `install` writes its manifest.
		await mkdir(join(home.home, '.mozilla'), { recursive: true });
		const run = await installExecutable(home, []);
		expect(run.stderr).toBe('');
		const manifest = JSON.parse(
			await readFile(join(home.home, '.mozilla', 'native-messaging-hosts', 'app.mfa_session.helper.json'), 'utf8'),
		);
		expect(manifest).toMatchObject({ path: run.installed, type: 'stdio', allowed_extensions: [geckoId] });
		await use(run.installed);
	},
	firefox: async ({ sts, home, installed }, use) => {
		expect(installed).toContain('mfa-session-helper');
		const env = { ...home.env, PATH: withoutNode(home) };
		const firefox = await launchFirefoxDriver(() => secretsOf(sts), { origins: [], permissions: [] }, env);
		await use(firefox);
		await firefox.closeAndScan();
	},
});

firefoxTest(
	'Firefox starts the installed executable, with no Node on its PATH: the AWS CLI reads the file, then signs through credential_process',
	async ({ firefox, sts, home, installed }) => {
		firefoxTest.setTimeout(240_000);
		const options = await firefox.open('options');
		await saveProfile(options, sts, {}, passphrase);
		await expectRole(options, 'status', 'saved');
		await options.click('radio', 'Write to the credentials file');
		await expectRole(options, 'status', 'Connected to the command-line helper', 30_000);
		// The process serving the channel is the copied executable itself, not Node.
		const status = await runHelper(['status'], home.env);
		const pid = /helper process (\d+)/.exec(status.stdout)?.[1];
		expect(pid, status.stdout).toBeDefined();
		expect(await readlink(`/proc/${pid}/exe`)).toBe(installed);
		// It inherited Firefox's environment: the private home, and a PATH on which no Node can be found.
		const environ = new Map(
			(await readFile(`/proc/${pid}/environ`, 'utf8'))
				.split('\0')
				.filter(Boolean)
				.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
		);
		expect([environ.get('HOME'), environ.get('PATH')]).toEqual([home.home, withoutNode(home)]);
		const popup = await firefox.open('popup');
		await popup.fill('MFA code', sts.freshCode(alice));
		await expectRole(popup, 'status', 'New session');
		const issued = sts.issued.at(-1);
		await expect
			.poll(() => readFile(home.credentialsFile, 'utf8').catch(() => ''), { timeout: 10_000 })
			.toContain(`aws_session_token = ${issued?.sessionToken}`);
		await afterSessionCalls(sts);
		sts.resetRequests();
		const noNode = { PATH: withoutNode(home) };
		const fromFile = await callerIdentity(sts, { ...(await awsEnv(home)), ...noNode });
		expect(fromFile.stderr).toBe('');
		expect(JSON.parse(fromFile.stdout).Arn).toBe(alice.arn);
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
		// Mode 2: botocore runs the command the page shows, the installed executable.
		await options.click('radio', 'Serve credential_process');
		const label =
			'Paste this into ~/.aws/config; each command then asks MFA Session, and the popup asks you for a code when there is no live session:';
		await expect.poll(() => options.value(label)).toBe(`[profile work]\ncredential_process = ${installed} credentials work\n`);
		sts.resetRequests();
		const served = await callerIdentity(sts, { ...(await awsEnv(home, await options.value(label))), ...noNode });
		expect(served.stderr).toBe('');
		expect(JSON.parse(served.stdout).Arn).toBe(alice.arn);
		expect(sts.requests).toMatchObject([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
	},
);
