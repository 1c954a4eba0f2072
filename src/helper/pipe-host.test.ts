// The built helper with the channel Windows uses (MFA_SESSION_CHANNEL=pipe): the host serves the
// handshake pipe, `credentials` and `status` connect with it, and a squatter gets nothing.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateHome, type RunningHost, runHelper, startHost } from '../../e2e/support/host-driver';

const session = {
	accessKeyId: 'ASIAEXAMPLE000000042',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'TOKEN42',
	expiration: new Date(Date.now() + 3_600_000).toISOString(),
};

const hosts: RunningHost[] = [];
const servers: Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) server.close();
	await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

async function pipeHost() {
	const home = await privateHome();
	const env: NodeJS.ProcessEnv = { ...home.env, MFA_SESSION_CHANNEL: 'pipe' };
	const host = startHost(env);
	hosts.push(host);
	host.send({ id: 1, type: 'hello', protocol: 1 });
	const hello = await host.next((message) => message.id === 1, 'hello answer');
	const folder = join(String(env.XDG_RUNTIME_DIR), 'mfa-session');
	return { env, host, hello, folder, nameFile: join(folder, 'pipe-name') };
}

describe('the host on the pipe channel', () => {
	it('answers credentials and status through the handshake, and opens no plain socket', async () => {
		const { env, host, hello, folder, nameFile } = await pipeHost();
		expect(hello).toMatchObject({ ok: true, info: { socket: nameFile, serving: true } });
		expect(existsSync(join(folder, 'helper.sock'))).toBe(false);
		expect(readFileSync(nameFile, 'utf8')).toMatch(/mfa-session-[0-9a-f]{32}\.sock\n$/);
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session });
		await host.next((message) => message.id === 2, 'serve answer');
		const run = await runHelper(['credentials', 'work'], env);
		expect(run.stderr).toBe('');
		expect(JSON.parse(run.stdout)).toMatchObject({ Version: 1, AccessKeyId: session.accessKeyId, SessionToken: 'TOKEN42' });
		const status = await runHelper(['status'], env);
		expect(status.stdout).toContain(`(helper process ${host.child.pid}) serves ${nameFile}.`);
		expect(status.stdout).toMatch(/\nwork: live session until \d\d:\d\d \(/);
	});

	it('refuses a squatter at the published pipe once the host is gone, and sends it only a nonce', async () => {
		const { env, host, nameFile } = await pipeHost();
		await host.stop();
		const received: Buffer[] = [];
		let closed: () => void = () => undefined;
		const gone = new Promise<void>((done) => {
			closed = done;
		});
		const squatter = createServer((socket) => {
			socket.on('data', (chunk: Buffer) => received.push(chunk));
			socket.on('close', closed);
			socket.write(Buffer.alloc(64, 7));
		});
		servers.push(squatter);
		await new Promise<void>((done) => squatter.listen(readFileSync(nameFile, 'utf8').trim(), done));
		const run = await runHelper(['credentials', 'work'], env);
		expect(run.code).not.toBe(0);
		expect(run.stderr).toMatch(/^Open your browser with MFA Session: nothing answers at .*pipe-name/);
		await gone;
		expect(Buffer.concat(received).length).toBe(33);
		expect(Buffer.concat(received).includes('work')).toBe(false);
	});
});
