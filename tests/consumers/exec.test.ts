// `exec` and `serve` with real consumers: the AWS CLI in bash and a Node script on the JS SDK's
// default chain run through `exec`, and call the local STS, which verifies the signature made with
// the session the built host serves. No browser: the test serves the session as the extension would.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { python } from '../../e2e/consumers/read';
import { alice } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { helperScript, privateHome, type RunningHost, startHost } from '../../e2e/support/host-driver';

let sts: StsServer;
let host: RunningHost;
let home: Awaited<ReturnType<typeof privateHome>>;
let env: NodeJS.ProcessEnv;
let session: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
const started: ChildProcess[] = [];

const sdk = resolve(import.meta.dirname, '..', '..', 'node_modules', '@aws-sdk', 'client-sts');

/** A Node script on the JS SDK's default chain: it prints who STS says the caller is, and with which key. */
const jsCaller = `
const { STSClient, GetCallerIdentityCommand } = require(${JSON.stringify(sdk)});
const client = new STSClient({ endpoint: process.env.STS_URL, maxAttempts: 1 });
client.send(new GetCallerIdentityCommand({})).then(async (identity) => {
	const credentials = await client.config.credentials();
	console.log(JSON.stringify({ arn: identity.Arn, region: await client.config.region(), key: credentials.accessKeyId }));
});`;

beforeAll(async () => {
	sts = await startSts({ users: [alice] });
	const answer = await new STSClient({
		endpoint: sts.url,
		region: 'us-east-1',
		credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey },
	}).send(new GetSessionTokenCommand({ SerialNumber: alice.mfaSerial, TokenCode: sts.freshCode(alice), DurationSeconds: 3600 }));
	const issued = answer.Credentials;
	if (!issued?.AccessKeyId || !issued.SecretAccessKey || !issued.SessionToken || !issued.Expiration)
		throw new Error('no session from the local STS');
	session = {
		accessKeyId: issued.AccessKeyId,
		secretAccessKey: issued.SecretAccessKey,
		sessionToken: issued.SessionToken,
		expiration: issued.Expiration.toISOString(),
	};
	home = await privateHome();
	// `aws` on PATH is the AWS CLI of the Python the consumer tests use.
	const bin = join(home.home, 'bin');
	await mkdir(bin);
	await writeFile(join(bin, 'aws'), `#!/bin/sh\nexec ${python()} -m awscli "$@"\n`);
	await chmod(join(bin, 'aws'), 0o755);
	const configFile = join(home.home, 'aws-config');
	await writeFile(configFile, '[profile work]\nregion = eu-west-1\n');
	env = {
		PATH: `${bin}:/usr/bin:/bin`,
		HOME: home.home,
		XDG_RUNTIME_DIR: home.env.XDG_RUNTIME_DIR,
		AWS_CONFIG_FILE: configFile,
		AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile,
		AWS_EC2_METADATA_DISABLED: 'true',
		AWS_MAX_ATTEMPTS: '1',
		STS_URL: sts.url,
		// The SDK warns on stderr that it will need a newer Node next year; this Node is the project's.
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
	};
	host = startHost(home.env);
	host.send({ id: 1, type: 'hello', protocol: 1 });
	await host.next((message) => message.id === 1, 'hello answer');
	host.send({ id: 2, type: 'serve', profile: 'work', credentials: session });
	await host.next((message) => message.id === 2, 'serve answer');
}, 60_000);

afterEach(() => {
	for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
	await host?.stop();
	await sts?.close();
});

interface Ended {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

/** Starts the built helper with these arguments; `ended` resolves when it exits (bounded). */
function helper(args: readonly string[], extra: NodeJS.ProcessEnv = {}) {
	const child = spawn(process.execPath, [helperScript, ...args], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
	started.push(child);
	let stdout = '';
	let stderr = '';
	child.stdout?.on('data', (chunk) => {
		stdout += chunk;
	});
	child.stderr?.on('data', (chunk) => {
		stderr += chunk;
	});
	const ended = new Promise<Ended>((done, failed) => {
		const timer = setTimeout(() => failed(new Error(`helper ${args.join(' ')} did not end within 60 s; stderr: ${stderr}`)), 60_000);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			done({ code, signal, stdout, stderr });
		});
	});
	const output = (match: RegExp, what: string) =>
		new Promise<RegExpExecArray>((done, failed) => {
			const timer = setTimeout(() => failed(new Error(`no ${what} within 30 s; stdout: ${stdout}; stderr: ${stderr}`)), 30_000);
			const check = () => {
				const found = match.exec(stdout);
				if (!found) return;
				clearTimeout(timer);
				child.stdout?.off('data', check);
				done(found);
			};
			child.stdout?.on('data', check);
			check();
		});
	return { child, ended, output };
}

const lastCall = () => sts.requests.at(-1);

describe('exec', { timeout: 90_000 }, () => {
	it('runs the AWS CLI in bash with the endpoint: the local STS verifies the session it signed with', async () => {
		sts.resetRequests();
		const { ended } = helper(['exec', 'work', '--', 'bash', '-c', 'aws sts get-caller-identity --endpoint-url "$STS_URL" && env']);
		const { code, stdout, stderr } = await ended;
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(JSON.parse(stdout.slice(0, stdout.indexOf('}') + 1))).toMatchObject({ Arn: alice.arn });
		expect(lastCall()).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: session.accessKeyId, outcome: 'ok' });
		expect(stdout).toMatch(/^AWS_CONTAINER_CREDENTIALS_FULL_URI=http:\/\/127\.0\.0\.1:\d+\/credentials$/m);
		expect(stdout).toMatch(/^AWS_CONTAINER_AUTHORIZATION_TOKEN=[\w-]{43}$/m);
		expect(stdout).toMatch(/^AWS_REGION=eu-west-1$/m);
		expect(stdout).not.toMatch(/^AWS_(ACCESS_KEY_ID|SESSION_TOKEN|PROFILE)=/m);
	});

	it('runs a Node script on the JS SDK default chain with the endpoint and the profile region', async () => {
		sts.resetRequests();
		const { code, stdout, stderr } = await helper(['exec', 'work', '--', process.execPath, '-e', jsCaller]).ended;
		expect(stderr).toBe('');
		expect(code).toBe(0);
		expect(JSON.parse(stdout)).toEqual({ arn: alice.arn, region: 'eu-west-1', key: session.accessKeyId });
		expect(lastCall()).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: session.accessKeyId, outcome: 'ok' });
	});

	it('with --no-endpoint gives the session as environment variables, to the CLI and the JS SDK alike', async () => {
		sts.resetRequests();
		const cli = await helper([
			'exec',
			'work',
			'--no-endpoint',
			'--',
			'bash',
			'-c',
			'aws sts get-caller-identity --endpoint-url "$STS_URL" && env',
		]).ended;
		expect(cli.stderr).toBe('');
		expect(cli.code).toBe(0);
		expect(cli.stdout).toContain(`AWS_ACCESS_KEY_ID=${session.accessKeyId}\n`);
		expect(cli.stdout).toContain(`AWS_SESSION_TOKEN=${session.sessionToken}\n`);
		expect(cli.stdout).toMatch(/^AWS_CREDENTIAL_EXPIRATION=\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
		expect(cli.stdout).not.toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI');
		expect(lastCall()).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: session.accessKeyId, outcome: 'ok' });
		const js = await helper(['exec', 'work', '--no-endpoint', '--', process.execPath, '-e', jsCaller]).ended;
		expect(js.stderr).toBe('');
		expect(JSON.parse(js.stdout)).toEqual({ arn: alice.arn, region: 'eu-west-1', key: session.accessKeyId });
	});

	it('takes a shadowing AWS_ACCESS_KEY_ID and AWS_PROFILE out of the child, and says so once on stderr', async () => {
		sts.resetRequests();
		const shadow = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: alice.secretAccessKey, AWS_PROFILE: 'other' };
		const { code, stderr } = await helper(
			['exec', 'work', '--', 'bash', '-c', 'aws sts get-caller-identity --endpoint-url "$STS_URL" >/dev/null'],
			shadow,
		).ended;
		expect(code).toBe(0);
		expect(stderr).toBe(
			'mfa-session-helper: took AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE out of the command’s environment: the AWS tools would read them before work’s session.\n',
		);
		expect(lastCall()).toMatchObject({ action: 'GetCallerIdentity', accessKeyId: session.accessKeyId, outcome: 'ok' });
	});

	it('starts nothing for a profile the extension does not serve (its mode off, or the policy forbids it)', async () => {
		const marker = join(home.home, 'ran');
		const run = helper(['exec', 'other', '--', 'bash', '-c', `touch "${marker}"`]);
		await host.next((message) => message.type === 'ask' && message.profile === 'other', 'the ask for other');
		// What the extension answers when the profile is not set to Serve credential_process.
		host.send({ id: 9, type: 'deny', profile: 'other', reason: 'not-served' });
		const { code, stderr } = await run.ended;
		expect(code).toBe(1);
		expect(stderr).toMatch(/other/);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(existsSync(marker)).toBe(false);
	});

	it('asks for the -- before the command', async () => {
		const { code, stderr } = await helper(['exec', 'work', 'terraform', 'apply']).ended;
		expect(code).toBe(1);
		expect(stderr).toBe('Name the command after --, for example: mfa-session-helper exec work -- terraform apply\n');
	});

	it("ends with the child's exit code, and with the signal that ended the child", async () => {
		expect((await helper(['exec', 'work', '--', 'bash', '-c', 'exit 7']).ended).code).toBe(7);
		expect((await helper(['exec', 'work', '--', 'bash', '-c', 'kill -TERM $$']).ended).signal).toBe('SIGTERM');
		const missing = await helper(['exec', 'work', '--', 'no-such-command-here']).ended;
		expect(missing.code).toBe(127);
		expect(missing.stderr).toBe('Cannot run no-such-command-here: ENOENT\n');
	});

	it('passes SIGTERM to the child and leaves nothing running: no child, no endpoint, no record', async () => {
		const marker = join(home.home, 'got-term');
		const script = `trap 'echo term > "${marker}"; exit 143' TERM; echo "pid $$ $AWS_CONTAINER_CREDENTIALS_FULL_URI"; node "${helperScript}" status; sleep 30 & wait`;
		const run = helper(['exec', 'work', '--', 'bash', '-c', script], { PATH: `${env.PATH}:${resolve(process.execPath, '..')}` });
		const [, pid, uri] = await run.output(/^pid (\d+) (\S+)$/m, 'the child’s pid and endpoint');
		await run.output(
			/Credentials endpoint for work \(exec, process \d+\): http:\/\/127\.0\.0\.1:\d+\/credentials/,
			'status listing the endpoint',
		);
		expect(await readdir(join(String(env.XDG_RUNTIME_DIR), 'mfa-session'))).toContain(`endpoint-${run.child.pid}.json`);
		// The token is in the child's environment only: in no process's arguments, nor in the record.
		const token = (await readFile(`/proc/${pid}/environ`, 'utf8'))
			.split('\0')
			.find((entry) => entry.startsWith('AWS_CONTAINER_AUTHORIZATION_TOKEN='));
		const secret = String(token?.split('=')[1]);
		expect(secret).toMatch(/^[\w-]{43}$/);
		for (const id of [run.child.pid, pid]) expect(await readFile(`/proc/${id}/cmdline`, 'utf8')).not.toContain(secret);
		expect(await readFile(join(String(env.XDG_RUNTIME_DIR), 'mfa-session', `endpoint-${run.child.pid}.json`), 'utf8')).not.toContain(
			secret,
		);
		run.child.kill('SIGTERM');
		const { code } = await run.ended;
		expect(code).toBe(143);
		expect(await readFile(marker, 'utf8')).toBe('term\n');
		expect(() => process.kill(Number(pid), 0)).toThrow();
		await expect(getStatus(String(uri))).rejects.toThrow(/ECONNREFUSED/);
		expect(await readdir(join(String(env.XDG_RUNTIME_DIR), 'mfa-session'))).not.toContain(`endpoint-${run.child.pid}.json`);
		const status = execFileSync(process.execPath, [helperScript, 'status'], { env, encoding: 'utf8' });
		expect(status).toContain('No credentials endpoint runs');
	});
});

/** A GET with these headers; resolves with the status and body. */
function getStatus(uri: string, headers: Record<string, string> = {}, method = 'GET') {
	return new Promise<{ status: number; body: string }>((done, failed) => {
		const sent = request(uri, { method, headers }, (response) => {
			let body = '';
			response.on('data', (chunk) => {
				body += chunk;
			});
			response.on('end', () => done({ status: response.statusCode ?? 0, body }));
		});
		sent.on('error', failed);
		sent.end();
	});
}

describe('serve', { timeout: 90_000 }, () => {
	it('prints the two variables, serves the session to them and refuses everything else, then leaves nothing running', async () => {
		const first = helper(['serve', 'work']);
		const second = helper(['serve', 'work']);
		const variables = /AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)\nAWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)\n/;
		const [, uri, token] = await first.output(variables, 'the variables of the first endpoint');
		const [, , otherToken] = await second.output(variables, 'the variables of the second endpoint');
		if (!uri || !token || !otherToken) throw new Error('no variables');
		const port = new URL(uri).port;
		const asksBefore = host.received.filter((message) => (message as { type?: string }).type === 'ask').length;
		const refused = [
			await getStatus(uri),
			await getStatus(uri, { authorization: `${token}x` }),
			await getStatus(uri, { authorization: otherToken }),
			await getStatus(uri, { authorization: token, host: `localhost.example:${port}` }),
			await getStatus(uri, { authorization: token, origin: 'https://example.com' }),
			await getStatus(uri, { authorization: token }, 'POST'),
		];
		expect(refused.map(({ status }) => status)).toEqual([403, 403, 403, 403, 403, 405]);
		for (const { body } of refused) expect(body).not.toContain(session.accessKeyId);
		expect(host.received.filter((message) => (message as { type?: string }).type === 'ask').length).toBe(asksBefore);
		const served = await getStatus(uri, { authorization: token });
		expect(served.status).toBe(200);
		expect(JSON.parse(served.body)).toMatchObject({ AccessKeyId: session.accessKeyId, Token: session.sessionToken });
		// boto3 reads the endpoint as every SDK does, by the two variables.
		const boto3 = execFileSync(python(), ['-c', 'import boto3; c = boto3.Session().get_credentials(); print(c.access_key, c.method)'], {
			env: { PATH: '/usr/bin:/bin', HOME: home.home, AWS_CONTAINER_CREDENTIALS_FULL_URI: uri, AWS_CONTAINER_AUTHORIZATION_TOKEN: token },
			encoding: 'utf8',
		});
		expect(boto3).toBe(`${session.accessKeyId} container-role\n`);
		const taken = await helper(['serve', 'work', '--port', port]).ended;
		expect(taken).toMatchObject({
			code: 1,
			stderr: `Port ${port} on 127.0.0.1 is in use: pick another with --port, or leave it out for any free one.\n`,
		});
		first.child.kill('SIGTERM');
		second.child.kill('SIGINT');
		expect((await first.ended).code).toBe(0);
		expect((await second.ended).code).toBe(0);
		await expect(getStatus(uri, { authorization: token })).rejects.toThrow(/ECONNREFUSED/);
		expect(existsSync(join(String(env.XDG_RUNTIME_DIR), 'mfa-session', `endpoint-${first.child.pid}.json`))).toBe(false);
	});
});
