// The container-credentials endpoint with the real browser: boto3 and a JS SDK client, each created
// once and calling the local STS in a loop through `serve`, keep working across the end of the MFA
// session, whose renewal the popup prompt asks for. Time is compressed: the local STS's clock is set
// back, so the session it issues ends a minute and a half after it is made.
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { helperScript } from '../src/helper/host-driver';
import { python } from './consumers/read';
import { alice, aliceProfile, expect, passphrase } from './fixtures';
import { helperTest, newSession, prompt } from './helper-driver';
import { openPage, saveProfile, typeCode } from './pages';

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
		const serve = spawn(process.execPath, [helperScript, 'serve', 'work', '--wait', '60'], {
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
		const stop = join(home.home, 'stop');
		const env = {
			PATH: process.env.PATH,
			HOME: home.home,
			STS_URL: sts.url,
			AWS_EC2_METADATA_DISABLED: 'true',
			AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
			...variables,
		};
		const boto = looping(python(), ['-c', botoLoop, stop], env);
		const js = looping(process.execPath, ['-e', jsLoop, stop], env);
		running.push(boto.child, js.child);
		await expect.poll(() => boto.lines().length && js.lines().length, { message: 'both clients call STS' }).toBeGreaterThan(0);
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
		// Past the first session's end, still working.
		await expect.poll(() => Date.now(), { timeout: 60_000 }).toBeGreaterThan(Date.parse(first?.expiration ?? '') + 2_000);
		const count = { boto: boto.lines().length, js: js.lines().length };
		await expect.poll(() => boto.lines().length > count.boto && js.lines().length > count.js).toBe(true);
		await writeFile(stop, '');
		await Promise.all([boto.ended, js.ended]);
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
