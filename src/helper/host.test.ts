// The built helper as a process: native messages in and out, real files, the real socket.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, lstat, mkdir, readFile, readlink, rmdir, stat, symlink, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateHome, type RunningHost, runHelper, startHost } from '../../e2e/support/host-driver';
import { ownerMark } from './ini-section';

const session = (n: number) => ({
	accessKeyId: `ASIAEXAMPLE${String(n).padStart(9, '0')}`,
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: `TOKEN${n}`,
	expiration: new Date(Date.now() + 3_600_000).toISOString(),
});

const hosts: RunningHost[] = [];
afterEach(async () => {
	await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

async function started() {
	const home = await privateHome();
	const host = startHost(home.env);
	hosts.push(host);
	host.send({ id: 1, type: 'hello', protocol: 1 });
	const hello = await host.next((message) => message.id === 1, 'hello answer');
	return { ...home, host, hello };
}

const answerTo = (host: RunningHost, id: number) => host.next((message) => message.id === id, `answer ${id}`);

describe('the host', () => {
	it('says where it writes and listens, and serves the channel from a private folder', async () => {
		const { hello, env } = await started();
		expect(hello).toMatchObject({ ok: true, info: { credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE, serving: true } });
		const socket = (hello.info as { socket: string }).socket;
		expect(socket).toBe(join(String(env.XDG_RUNTIME_DIR), 'mfa-session', 'helper.sock'));
		expect((await stat(dirname(socket))).mode & 0o777).toBe(0o700);
		expect((await stat(socket)).mode & 0o777).toBe(0o600);
	});

	it('tells its version and protocol in hello; an extension that speaks another protocol changes nothing', async () => {
		const { hello } = await started();
		expect(hello).toMatchObject({ ok: true, info: { protocol: 1, version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
		const { env, credentialsFile } = await privateHome();
		const host = startHost(env);
		hosts.push(host);
		// An older extension says hello without a protocol; a newer one with a higher number.
		for (const [id, greeting] of [
			[1, { id: 1, type: 'hello' }],
			[3, { id: 3, type: 'hello', protocol: 2 }],
		] as const) {
			host.send(greeting);
			expect(await answerTo(host, id)).toMatchObject({ ok: true, info: { protocol: 1 } });
			host.send({ id: id + 1, type: 'write', profile: 'work', credentials: session(1) });
			expect(await answerTo(host, id + 1)).toMatchObject({
				ok: false,
				error: { code: 'invalid', message: expect.stringMatching(/^Refused: this helper speaks protocol 1/) },
			});
		}
		await expect(stat(credentialsFile)).rejects.toThrow();
	});

	it('writes a section with mode 0600 and keeps the rest of the file', async () => {
		const { host, credentialsFile } = await started();
		await mkdir(dirname(credentialsFile), { recursive: true });
		await writeFile(credentialsFile, '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
		host.send({ id: 2, type: 'write', profile: 'work', credentials: session(1) });
		expect(await answerTo(host, 2)).toEqual({ id: 2, ok: true });
		const text = await readFile(credentialsFile, 'utf8');
		expect(text.startsWith('[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n\n[work]\n')).toBe(true);
		expect(text).toContain('aws_session_token = TOKEN1\n');
		expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
		host.send({ id: 3, type: 'remove', profile: 'work' });
		expect(await answerTo(host, 3)).toEqual({ id: 3, ok: true });
		expect(await readFile(credentialsFile, 'utf8')).toBe('[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n');
	});

	it('refuses a long-term section by name, and leaves the file as it was', async () => {
		const { host, credentialsFile } = await started();
		await mkdir(dirname(credentialsFile), { recursive: true });
		const before = '[work]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = x\n';
		await writeFile(credentialsFile, before);
		host.send({ id: 2, type: 'write', profile: 'work', credentials: session(1) });
		const answer = await answerTo(host, 2);
		expect(answer).toMatchObject({ ok: false, error: { code: 'refused' } });
		expect(JSON.stringify(answer)).toContain('[work]');
		expect(JSON.stringify(answer)).toContain('long-term keys');
		expect(await readFile(credentialsFile, 'utf8')).toBe(before);
	});

	it('edits the target of a symlinked file and keeps the link', async () => {
		const { host, credentialsFile, home } = await started();
		await mkdir(dirname(credentialsFile), { recursive: true });
		const real = join(home, 'dotfiles-credentials');
		await writeFile(real, '# kept\n');
		await symlink(real, credentialsFile);
		host.send({ id: 2, type: 'write', profile: 'work', credentials: session(1) });
		expect(await answerTo(host, 2)).toEqual({ id: 2, ok: true });
		expect((await lstat(credentialsFile)).isSymbolicLink()).toBe(true);
		expect(await readlink(credentialsFile)).toBe(real);
		expect(await readFile(real, 'utf8')).toContain(`# kept\n\n[work]\n${ownerMark}\n`);
	});

	it('answers malformed, oversized and wrongly typed messages with an error and changes nothing', async () => {
		const { host, credentialsFile } = await started();
		const noToken = { ...session(1), sessionToken: undefined };
		const cases: [unknown, string][] = [
			[{ id: 10, type: 'write', profile: 'work', credentials: noToken }, 'sessionToken'],
			[{ id: 11, type: 'write', profile: 'work', credentials: { ...session(1), sessionToken: '' } }, 'sessionToken'],
			[{ id: 12, type: 'write', profile: 'work]\n[default', credentials: session(1) }, 'profile'],
			[{ id: 13, type: 'write', profile: 'work', credentials: { ...session(1), accessKeyId: 42 } }, 'accessKeyId'],
			[{ id: 14, type: 'write', profile: 'work', credentials: { ...session(1), expiration: 'soon' } }, 'expiration'],
			[{ id: 15, type: 'format-disk' }, 'type'],
			[{ id: 'x', type: 'hello', protocol: 1 }, 'id'],
			[[1, 2, 3], 'message'],
		];
		for (const [message] of cases) host.send(message);
		const notJson = Buffer.from('{"id": 16,');
		const header = Buffer.alloc(4);
		header.writeUInt32LE(notJson.length);
		host.send(Buffer.concat([header, notJson]));
		// Announced as 10 MB: skipped without being held in memory, and the stream stays in step.
		const huge = Buffer.alloc(4);
		huge.writeUInt32LE(10 * 1024 * 1024);
		host.send(huge);
		host.send(Buffer.alloc(10 * 1024 * 1024, 0x20));
		host.send({ id: 20, type: 'hello', protocol: 1 });
		await answerTo(host, 20);
		const errors = host.received.filter((message) => (message as { ok?: boolean }).ok === false);
		expect(errors).toHaveLength(cases.length + 2);
		for (const [index, [, field]] of cases.entries()) expect(JSON.stringify(errors[index])).toContain(field);
		expect(JSON.stringify(errors.at(-2))).toContain('not JSON');
		expect(JSON.stringify(errors.at(-1))).toContain('more than the');
		await expect(stat(credentialsFile)).rejects.toThrow();
	});

	it('writes and serves no profile named as the AWS tools would not read it, and says why to the extension and the terminal', async () => {
		const { host, credentialsFile, env } = await started();
		host.send({ id: 2, type: 'write', profile: 'DEFAULT', credentials: session(1) });
		expect(await answerTo(host, 2)).toEqual({
			id: 2,
			ok: false,
			error: { code: 'invalid', message: expect.stringMatching(/^profile: DEFAULT in capitals is not a profile to the AWS CLI and boto3/) },
		});
		host.send({ id: 3, type: 'serve', profile: '__proto__', credentials: session(1) });
		expect(await answerTo(host, 3)).toMatchObject({ ok: false, error: { code: 'invalid' } });
		await expect(stat(credentialsFile)).rejects.toThrow();
		const run = await runHelper(['credentials', '__proto__'], env);
		expect(run.code).not.toBe(0);
		expect(run.stderr).toBe('__proto__ makes the AWS SDK for JavaScript refuse your whole credentials file. Choose another name.\n');
	});
});

describe('credentials over the channel', () => {
	it('answers at once with a served session, as credential_process JSON', async () => {
		const { host, env } = await started();
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(7) });
		await answerTo(host, 2);
		const run = await runHelper(['credentials', 'work'], env);
		expect(run.stderr).toBe('');
		expect(run.code).toBe(0);
		const document = JSON.parse(run.stdout);
		expect(document).toMatchObject({ Version: 1, AccessKeyId: session(7).accessKeyId, SessionToken: 'TOKEN7' });
		expect(document.Expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const status = await runHelper(['status'], env);
		expect(status.stdout).toContain(
			`(helper process ${host.child.pid}) serves ${join(String(env.XDG_RUNTIME_DIR), 'mfa-session', 'helper.sock')}.`,
		);
		expect(status.stdout).toMatch(/\nwork: live session until \d\d:\d\d \(/);
		expect(status.stdout).toContain(`Credentials file: ${env.AWS_SHARED_CREDENTIALS_FILE}`);
	});

	it('asks the extension once for many waiting callers and answers them all', async () => {
		const { host, env } = await started();
		const callers = Array.from({ length: 20 }, () => runHelper(['credentials', 'work'], env));
		const ask = await host.next((message) => message.type === 'ask', 'ask');
		expect(ask).toMatchObject({ type: 'ask', profile: 'work' });
		// Let every caller connect before the session arrives.
		await new Promise((done) => setTimeout(done, 1500));
		host.send({ id: 3, type: 'serve', profile: 'work', credentials: session(3) });
		const runs = await Promise.all(callers);
		expect(runs.map((run) => run.code)).toEqual(runs.map(() => 0));
		expect(runs.every((run) => JSON.parse(run.stdout).SessionToken === 'TOKEN3')).toBe(true);
		expect(host.received.filter((message) => (message as { type?: string }).type === 'ask')).toHaveLength(1);
	});

	it('says denied to the waiting caller, and to the next one for a while', async () => {
		const { host, env } = await started();
		const caller = runHelper(['credentials', 'work'], env);
		await host.next((message) => message.type === 'ask', 'ask');
		host.send({ id: 3, type: 'deny', profile: 'work' });
		const run = await caller;
		expect(run.code).not.toBe(0);
		expect(run.stderr.trim()).toBe('The request for work was denied in MFA Session.');
		expect((await runHelper(['credentials', 'work'], env)).stderr).toContain('denied');
	});

	it('asks the extension about one profile at most six times a minute; the next caller is refused at once', async () => {
		const { host, env } = await started();
		for (let index = 0; index < 6; index++) {
			const run = await runHelper(['credentials', 'work', '--wait', '1'], env);
			expect(run.stderr).toContain('No MFA code was typed for work within 1 s.');
		}
		const refused = await runHelper(['credentials', 'work', '--wait', '5'], env);
		expect(refused.stderr.trim()).toBe(
			'MFA Session was asked for work too often in the last minute. Type the code in MFA Session’s popup, or run the command again in a minute.',
		);
		expect(refused.ms).toBeLessThan(4_000);
		expect(host.received.filter((message) => (message as { type?: string }).type === 'ask')).toHaveLength(6);
		// A served session is still handed out at once.
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(2) });
		await answerTo(host, 2);
		expect(JSON.parse((await runHelper(['credentials', 'work'], env)).stdout).SessionToken).toBe('TOKEN2');
	}, 40_000);

	it('says which setting to change when the profile is not served', async () => {
		const { host, env } = await started();
		const caller = runHelper(['credentials', 'work'], env);
		await host.next((message) => message.type === 'ask', 'ask');
		host.send({ id: 3, type: 'deny', profile: 'work', reason: 'not-served' });
		expect((await caller).stderr).toMatch(/^MFA Session does not serve work: on its options page/);
	});

	it('gives up after the wait with one clear line', async () => {
		const { env } = await started();
		const run = await runHelper(['credentials', 'work', '--wait', '1'], env);
		expect(run.code).not.toBe(0);
		expect(run.stderr.trim().split('\n')).toEqual([
			'No MFA code was typed for work within 1 s. Run the command again and type the code in MFA Session’s popup.',
		]);
	});

	it('fails within a second when no browser serves the channel, and after the host has gone', async () => {
		const { env, host } = await privateHome().then((home) => ({ ...home, host: undefined }));
		expect(host).toBeUndefined();
		const run = await runHelper(['credentials', 'work'], env);
		expect(run.code).not.toBe(0);
		expect(run.stderr).toMatch(/^Open your browser with MFA Session/);
		// Within a second of what a bare Node start takes right now (the machine may be busy): it does not wait.
		const bare = await new Promise<number>((done) => {
			const started = performance.now();
			execFile(process.execPath, ['-e', ''], () => done(performance.now() - started));
		});
		expect(run.ms - bare).toBeLessThan(1000);
		const live = startHost(env);
		live.send({ id: 1, type: 'hello', protocol: 1 });
		await live.next((message) => message.id === 1, 'hello');
		await live.stop();
		const after = await runHelper(['credentials', 'work'], env);
		expect(after.stderr).toMatch(/^Open your browser with MFA Session/);
	});

	it('answers malformed and oversized socket requests with an error', async () => {
		const { hello } = await started();
		const socket = (hello.info as { socket: string }).socket;
		const exchange = (bytes: string) =>
			new Promise<string>((done, failed) => {
				const client = createConnection(socket, () => client.write(bytes));
				let text = '';
				client.on('data', (chunk) => {
					text += chunk.toString('utf8');
				});
				client.on('close', () => done(text));
				client.on('error', failed);
			});
		expect(JSON.parse(await exchange('{"type":\n'))).toEqual({ ok: false, error: 'request: not JSON' });
		expect(JSON.parse(await exchange('{"type":"credentials","profile":"a]b","caller":"x","waitSeconds":5}\n'))).toEqual({
			ok: false,
			error: 'profile: not a profile name',
		});
		expect(JSON.parse(await exchange('{"type":"credentials","profile":"work","caller":"x","waitSeconds":9999}\n'))).toMatchObject({
			ok: false,
		});
		expect(JSON.parse(await exchange('x'.repeat(20_000)))).toEqual({ ok: false, error: 'request: too long' });
	});

	it('refuses a channel folder that others can enter', async () => {
		const { env } = await privateHome();
		await mkdir(join(String(env.XDG_RUNTIME_DIR), 'mfa-session'), { recursive: true, mode: 0o755 });
		const host = startHost(env);
		hosts.push(host);
		host.send({ id: 1, type: 'hello', protocol: 1 });
		const folder = join(String(env.XDG_RUNTIME_DIR), 'mfa-session');
		expect(await host.next((message) => message.id === 1, 'hello')).toMatchObject({
			info: { serving: false, channelProblem: `${folder} is open to other users (mode 755)` },
		});
	});

	it('listens under the home folder when XDG_RUNTIME_DIR is /tmp, and says why in hello', async () => {
		const { env, home } = await privateHome();
		const host = startHost({ ...env, XDG_RUNTIME_DIR: '/tmp' });
		hosts.push(host);
		host.send({ id: 1, type: 'hello', protocol: 1 });
		const hello = await host.next((message) => message.id === 1, 'hello');
		const socket = join(home, '.mfa-session', 'helper.sock');
		expect(hello).toMatchObject({
			info: { serving: true, socket, runtimeDirRefused: 'XDG_RUNTIME_DIR: /tmp is open to other users (mode 777)' },
		});
		expect((await stat(dirname(socket))).mode & 0o777).toBe(0o700);
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(4) });
		await answerTo(host, 2);
		const run = await runHelper(['credentials', 'work'], { ...env, XDG_RUNTIME_DIR: '/tmp' });
		expect(JSON.parse(run.stdout).SessionToken).toBe('TOKEN4');
	});

	it('without XDG_RUNTIME_DIR, serves from the home folder although another user made /tmp/mfa-session-<uid> first', async () => {
		const { env, home } = await privateHome();
		const { XDG_RUNTIME_DIR: _unset, ...withoutRuntime } = env;
		const squatted = join(tmpdir(), `mfa-session-${process.getuid?.()}`);
		const made = !existsSync(squatted);
		if (made) {
			await mkdir(squatted, { mode: 0o755 });
			await chmod(squatted, 0o755);
			if (process.getuid?.() === 0) await chown(squatted, 65534, 65534);
		}
		try {
			const host = startHost(withoutRuntime);
			hosts.push(host);
			host.send({ id: 1, type: 'hello', protocol: 1 });
			const hello = await host.next((message) => message.id === 1, 'hello');
			expect(hello).toMatchObject({ info: { serving: true, socket: join(home, '.mfa-session', 'helper.sock') } });
			expect((hello.info as Record<string, unknown>).channelProblem).toBeUndefined();
			expect((hello.info as Record<string, unknown>).runtimeDirRefused).toBeUndefined();
			expect((await runHelper(['status'], withoutRuntime)).stdout).toContain(`serves ${join(home, '.mfa-session', 'helper.sock')}.`);
		} finally {
			if (made) await rmdir(squatted);
		}
	});
});
