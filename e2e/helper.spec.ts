// The command-line helper with the real browser: installed into the test's Chromium profile by its
// own `install --user-data-dir`, started by Chromium, read by the AWS CLI, boto3 and the JS SDK.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { privateHome, runHelper } from '../src/helper/host-driver';
import { python, readAwsCliProfile, readBoto3Profile, readJsFromIni } from './consumers/read';
import { alice, aliceProfile, expect, passphrase, test } from './fixtures';
import type { ExtensionBrowser } from './launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './pages';
import type { StsServer } from './sts/server';

type Home = Awaited<ReturnType<typeof privateHome>>;

/** Every test gets a private home, credentials file and runtime folder, and the host installed for its browser. */
const helperTest = test
	.extend<{ home: Home }>({
		// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
		home: async ({}, use) => use(await privateHome()),
	})
	.extend({
		extensionLaunch: async ({ home }, use) => {
			const userDataDir = join(home.home, 'chromium-profile');
			const installed = await runHelper(['install', '--user-data-dir', userDataDir], home.env);
			expect(installed.stderr).toBe('');
			await use({ userDataDir, env: home.env });
		},
	});

/** The AWS CLI v1 run as a person would in a terminal, with only these files. */
function awsCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((done) => {
		execFile(python(), ['-m', 'awscli', ...args], { env, timeout: 90_000 }, (error, stdout, stderr) =>
			done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

async function awsEnv(home: Home, config = ''): Promise<NodeJS.ProcessEnv> {
	const configFile = join(home.home, 'aws-config');
	await writeFile(configFile, config);
	return { ...home.env, AWS_CONFIG_FILE: configFile, AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' };
}

/** `aws sts get-caller-identity` against the local STS, which verifies the signature. */
async function callerIdentity(sts: StsServer, env: NodeJS.ProcessEnv) {
	return awsCli(['sts', 'get-caller-identity', '--profile', 'work', '--endpoint-url', sts.url, '--region', 'us-east-1'], env);
}

async function chooseMode(ext: ExtensionBrowser, sts: StsServer, mode: string) {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	await options.getByRole('radio', { name: mode }).check();
	return options;
}

async function newSession(ext: ExtensionBrowser, sts: StsServer) {
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	return popup;
}

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
		expect(sts.requests).toEqual([{ action: 'GetCallerIdentity', accessKeyId: issued?.accessKeyId, outcome: 'ok' }]);
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

test('without the helper, the options page says so next to the choice, with the install command', async ({ ext, sts }) => {
	const options = await chooseMode(ext, sts, 'Write to the credentials file');
	const alert = options.getByRole('alert');
	await expect(alert).toContainText('The command-line helper is not installed or not reachable');
	await expect(alert).toContainText('npm run helper -- install');
});
