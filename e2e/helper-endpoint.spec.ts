// The container-credentials endpoint with the real browser: boto3 and a JS SDK client, each created
// once and calling the local STS in a loop through `serve`, keep working across a role renewal (no
// prompt) and across the end of the MFA session, whose renewal the popup prompt asks for. Time is
// compressed: the local STS's clock is set back, so the sessions it issues end within minutes.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { python } from './consumers/read';
import { deployRole } from './sts/fixtures';
import type { StsServer } from './sts/server';
import { alice, aliceProfile, expect, passphrase } from './support/fixtures';
import { chooseMode, type Home, helperTest, newSession, openPrompts, prompt } from './support/helper-driver';
import { helperScript, runHelper } from './support/host-driver';
import { chooseInPopup, expectNewSession, openPage, saveProfile, typeCode } from './support/pages';

const sdk = resolve(import.meta.dirname, '..', 'node_modules', '@aws-sdk', 'client-sts');

/** boto3: one client, one credentials object; each call's result and the key it signed with, as a JSON line. */
const botoLoop = `
import boto3, json, os, sys, time
session = boto3.Session()
client = session.client('sts', endpoint_url=os.environ['STS_URL'], region_name='us-east-1')
credentials = session.get_credentials()
while not os.path.exists(sys.argv[1]):
    try:
        client.get_caller_identity()
        print(json.dumps({'ok': True, 'key': credentials.get_frozen_credentials().access_key}), flush=True)
    except Exception as error:
        print(json.dumps({'ok': False, 'error': str(error)}), flush=True)
    time.sleep(0.5)
`;

/** The JS SDK: one client on the default chain, the same lines. */
const jsLoop = `
const { existsSync } = require('node:fs');
const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(sdk)});
const client = new STSClient({ endpoint: process.env.STS_URL, region: 'us-east-1', maxAttempts: 1 });
(async () => {
	while (!existsSync(process.argv[1])) {
		try {
			await client.send(new GetCallerIdentityCommand({}));
			console.log(JSON.stringify({ ok: true, key: (await client.config.credentials()).accessKeyId }));
		} catch (error) {
			console.log(JSON.stringify({ ok: false, error: String(error) }));
		}
		await new Promise((done) => setTimeout(done, 500));
	}
})();`;

/** A started program and the JSON lines it printed so far. */
function looping(command: string, args: readonly string[], env: NodeJS.ProcessEnv) {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let text = '';
	let errors = '';
	child.stdout?.on('data', (chunk) => {
		text += chunk;
	});
	child.stderr?.on('data', (chunk) => {
		errors += chunk;
	});
	const lines = () =>
		text
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { ok: boolean; key?: string; error?: string });
	const ended = new Promise<void>((done) => child.once('exit', () => done()));
	return { child, lines, stderr: () => errors, ended };
}

const running: ChildProcess[] = [];
helperTest.afterEach(() => {
	for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** `serve PROFILE`, then boto3 and the JS SDK looping through it; `stop` ends both loops. */
async function clientsThroughServe(home: Home, sts: StsServer, profile: string) {
	const serve = spawn(process.execPath, [helperScript, 'serve', profile, '--wait', '60'], {
		env: home.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	running.push(serve);
	let printed = '';
	serve.stdout?.on('data', (chunk) => {
		printed += chunk;
	});
	await expect.poll(() => printed, { message: 'serve prints the two variables' }).toMatch(/AUTHORIZATION_TOKEN=\S+\n/);
	const variables = Object.fromEntries(
		printed
			.trim()
			.split('\n')
			.map((line) => line.split(/=(.*)/s).slice(0, 2)),
	);
	const stopFile = join(home.home, 'stop');
	const env = {
		PATH: process.env.PATH,
		HOME: home.home,
		STS_URL: sts.url,
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
		...variables,
	};
	const boto = looping(python(), ['-c', botoLoop, stopFile], env);
	const js = looping(process.execPath, ['-e', jsLoop, stopFile], env);
	running.push(boto.child, js.child);
	const stop = async () => {
		await writeFile(stopFile, '');
		await Promise.all([boto.ended, js.ended]);
	};
	return { serve, boto: { ...boto, variables }, js, stop };
}

helperTest(
	"serve: boto3 and a JS SDK client, created once, keep calling STS across the MFA session's end, renewed at the prompt",
	async ({ ext, sts, home }) => {
		helperTest.setTimeout(180_000);
		const options = await openPage(ext, 'options');
		await options.getByLabel('Hours').fill('0');
		await options.getByLabel('Minutes').fill('15');
		await saveProfile(options, aliceProfile(sts), passphrase);
		await expect(options.getByRole('status')).toContainText('saved');
		await options.getByRole('radio', { name: 'Serve credential_process' }).check();
		// The local STS's clock 13 min 30 s behind: the 15-minute session it issues ends 90 s from now.
		sts.setClockOffset(-(15 * 60 - 90) * 1000);
		await (await newSession(ext, sts)).close();
		sts.setClockOffset(0);
		const first = sts.issued.at(-1);
		const { serve, boto, js, stop } = await clientsThroughServe(home, sts, 'work');
		await expect
			.poll(() => boto.lines().length && js.lines().length, { timeout: 30_000, message: 'both clients call STS' })
			.toBeGreaterThan(0);
		// In the session's last minute the endpoint's background ask reaches the extension, which prompts.
		const popup = await prompt(ext, 60_000);
		expect(Date.now()).toBeLessThan(Date.parse(first?.expiration ?? ''));
		await typeCode(popup, sts.freshCode(alice));
		await expect.poll(() => sts.issued.length, { message: 'the code gives a new session' }).toBe(2);
		const second = sts.issued.at(-1);
		for (const client of [boto, js])
			await expect
				.poll(() => client.lines().at(-1)?.key, { timeout: 30_000, message: 'each client signs with the new session' })
				.toBe(second?.accessKeyId);
		// Past the first session's end, still working. The prompt came in its last minute, so up to a
		// minute is left to wait: wait for that moment itself rather than poll against a timeout.
		const pastEnd = Date.parse(first?.expiration ?? '') + 2_000;
		// A timer may fire within its last millisecond of Date.now(): a few more, so the clock is surely past.
		await new Promise((done) => setTimeout(done, Math.max(0, pastEnd - Date.now() + 5)));
		expect(Date.now()).toBeGreaterThanOrEqual(pastEnd);
		const count = { boto: boto.lines().length, js: js.lines().length };
		await expect.poll(() => boto.lines().length > count.boto && js.lines().length > count.js).toBe(true);
		await stop();
		for (const client of [boto, js]) {
			const lines = client.lines();
			expect(lines.filter((line) => !line.ok)).toEqual([]);
			// The first session until the prompt was answered, then the new one, and nothing else.
			const keys = [...new Set(lines.map((line) => line.key))];
			expect(keys).toEqual([first?.accessKeyId, second?.accessKeyId]);
			expect(client.stderr()).toBe('');
		}
		expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(2);
		serve.kill('SIGTERM');
		await new Promise((done) => serve.once('exit', done));
		expect(serve.exitCode).toBe(0);
	},
);

helperTest(
	'serve: boto3 and a JS SDK client, created once, keep calling STS across a role renewal, with no prompt',
	async ({ ext, sts, home }) => {
		helperTest.setTimeout(180_000);
		const options = await openPage(ext, 'options');
		await saveProfile(options, aliceProfile(sts), passphrase);
		await expect(options.getByRole('status')).toContainText('saved');
		// A 15-minute role session (AWS's shortest), so a clock set back less than AWS's 15-minute skew makes it short.
		await options.getByLabel('Profile to edit').selectOption({ label: 'New profile…' });
		await options.getByRole('group', { name: 'Profile type' }).getByRole('radio', { name: 'Role' }).check();
		await options.getByLabel('Profile name').fill('deploy');
		await options.getByRole('textbox', { name: 'Role ARN' }).fill(deployRole.arn);
		await options.getByRole('combobox', { name: 'Source profile' }).selectOption({ label: 'work' });
		await options.getByLabel('Hours').fill('0');
		await options.getByLabel('Minutes').fill('15');
		await options.getByLabel('STS endpoint').fill(sts.url);
		await options.getByRole('button', { name: 'Save profile' }).click();
		await expect(options.getByRole('status')).toContainText('“deploy” saved');
		await options.getByRole('radio', { name: 'Serve credential_process' }).check();
		// The local STS's clock 9 min behind: the role session it issues ends 6 min from now, and the
		// extension's silent renewal (5 min before the end) comes a minute from now.
		sts.setClockOffset(-(15 * 60 - 6 * 60) * 1000);
		const popup = await openPage(ext, 'popup');
		await chooseInPopup(ext, popup, 'work');
		await typeCode(popup, sts.freshCode(alice));
		await expectNewSession(popup);
		await expect.poll(() => sts.issued.filter((session) => session.assumed).length, { message: 'the role is assumed' }).toBe(1);
		sts.setClockOffset(0);
		await popup.close();
		const first = sts.issued.find((session) => session.assumed);
		const { serve, boto, js, stop } = await clientsThroughServe(home, sts, 'deploy');
		await expect
			.poll(() => boto.lines().length && js.lines().length, { timeout: 30_000, message: 'both clients call STS' })
			.toBeGreaterThan(0);
		// The extension assumes the role again from the live source session; the endpoint's background ask finds it.
		await expect
			.poll(() => sts.issued.filter((session) => session.assumed).length, { timeout: 90_000, message: 'the role is renewed' })
			.toBe(2);
		const second = sts.issued.filter((session) => session.assumed).at(-1);
		for (const client of [boto, js])
			await expect
				.poll(() => client.lines().at(-1)?.key, { timeout: 30_000, message: 'each client signs with the renewed session' })
				.toBe(second?.accessKeyId);
		const count = { boto: boto.lines().length, js: js.lines().length };
		await expect.poll(() => boto.lines().length > count.boto && js.lines().length > count.js).toBe(true);
		await stop();
		for (const client of [boto, js]) {
			const lines = client.lines();
			expect(lines.filter((line) => !line.ok)).toEqual([]);
			expect([...new Set(lines.map((line) => line.key))]).toEqual([first?.accessKeyId, second?.accessKeyId]);
			expect(client.stderr()).toBe('');
		}
		expect(sts.requests.filter((request) => request.action === 'GetSessionToken')).toHaveLength(1);
		// No prompt: a role with a live source needs no code.
		expect((await openPrompts(ext)).filter((kind) => kind !== 'TAB')).toEqual([]);
		serve.kill('SIGTERM');
		await new Promise((done) => serve.once('exit', done));
		expect(serve.exitCode).toBe(0);
	},
);

helperTest(
	'serve: when the browser closes its helper ends, and the endpoint answers with a clear error instead of a session',
	async ({ ext, sts, home }) => {
		helperTest.setTimeout(180_000);
		await chooseMode(ext, sts, 'Serve credential_process');
		await newSession(ext, sts);
		const status = await runHelper(['status'], home.env);
		const hostPid = Number(/helper process (\d+)/.exec(status.stdout)?.[1]);
		expect(hostPid).toBeGreaterThan(0);
		const { serve, boto, js, stop } = await clientsThroughServe(home, sts, 'work');
		await expect
			.poll(() => boto.lines().length && js.lines().length, { timeout: 30_000, message: 'both clients call STS' })
			.toBeGreaterThan(0);
		// The test's teardown closes it again and scans it for secrets, as after every test.
		await ext.context.close();
		await expect
			.poll(
				() => {
					try {
						process.kill(hostPid, 0);
						return 'running';
					} catch {
						return 'gone';
					}
				},
				{ message: 'the helper the browser started ends with it' },
			)
			.toBe('gone');
		await stop();
		for (const client of [boto, js]) expect(client.lines().filter((line) => !line.ok)).toEqual([]);
		// The sessions went with the browser: the endpoint serves none, and says why.
		const { AWS_CONTAINER_CREDENTIALS_FULL_URI: uri = '', AWS_CONTAINER_AUTHORIZATION_TOKEN: token = '' } = boto.variables;
		const answer = await fetch(uri, { headers: { authorization: token } });
		expect(answer.status).toBe(503);
		expect(await answer.json()).toEqual({ Code: 'NoSession', Message: expect.stringMatching(/^Open your browser with MFA Session/) });
		const botocore = await new Promise<string>((done) => {
			const child = spawn(python(), ['-c', 'import boto3; boto3.Session().get_credentials()'], {
				env: { PATH: process.env.PATH, HOME: home.home, ...boto.variables },
				stdio: ['ignore', 'ignore', 'pipe'],
			});
			running.push(child);
			let text = '';
			child.stderr?.on('data', (chunk) => {
				text += chunk;
			});
			child.once('exit', () => done(text));
		});
		expect(botocore).toContain('Open your browser with MFA Session');
		serve.kill('SIGTERM');
		await new Promise((done) => serve.once('exit', done));
		expect(serve.exitCode).toBe(0);
	},
);
