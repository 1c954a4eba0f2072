// The pipe channel as Windows runs it, over a Unix socket in a private temp folder.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelRequest } from './channel';
import { pipeFolder, pipeNameFile } from './paths';
import { askPipe, ensureSecret, servePipeChannel } from './pipe-channel';

const servers: Server[] = [];
afterEach(() => {
	for (const server of servers.splice(0)) server.close();
});

async function privateEnv(): Promise<NodeJS.ProcessEnv> {
	return { XDG_RUNTIME_DIR: await mkdtemp(join(tmpdir(), 'mfa-session-pipe-')) };
}

const answer = async (request: ChannelRequest) => ({ ok: true, asked: request.type });

async function serving(env: NodeJS.ProcessEnv): Promise<Server | undefined> {
	const server = await servePipeChannel(answer, env);
	if (server) servers.push(server);
	return server;
}

describe('the pipe channel', () => {
	it('publishes a random pipe beside a private secret, and answers a client holding it', async () => {
		const env = await privateEnv();
		expect(await serving(env)).toBeDefined();
		const folder = pipeFolder(env);
		const secret = readFileSync(join(folder, 'channel-secret'), 'utf8');
		expect(secret).toMatch(/^[0-9a-f]{64}\n$/);
		expect(statSync(join(folder, 'channel-secret')).mode & 0o777).toBe(0o600);
		expect(statSync(folder).mode & 0o777).toBe(0o700);
		const pipe = readFileSync(pipeNameFile(env), 'utf8').trim();
		expect(dirname(pipe)).toBe(folder);
		expect(pipe).toMatch(/mfa-session-[0-9a-f]{32}\.sock$/);
		expect(statSync(pipe).mode & 0o777).toBe(0o600);
		expect(await askPipe({ type: 'status' }, 2_000, env)).toEqual({ ok: true, asked: 'status' });
		const refused = await askPipe({ type: 'credentials', profile: 'a]b', caller: 'x', waitSeconds: 5 } as ChannelRequest, 2_000, env);
		expect(refused).toEqual({ ok: false, error: 'profile: not a profile name' });
	});

	it('keeps one secret per install, and refuses a secret file that is not one', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-secret-'));
		const secret = ensureSecret(folder);
		expect(secret).toHaveLength(32);
		expect(ensureSecret(folder).equals(secret)).toBe(true);
		expect(ensureSecret(await mkdtemp(join(tmpdir(), 'mfa-session-secret-'))).equals(secret)).toBe(false);
		writeFileSync(join(folder, 'channel-secret'), 'not hex\n');
		expect(() => ensureSecret(folder)).toThrow(`${join(folder, 'channel-secret')}: not 64 hexadecimal digits`);
	});

	it('gives a client whose secret file differs nothing', async () => {
		const env = await privateEnv();
		await serving(env);
		writeFileSync(join(pipeFolder(env), 'channel-secret'), `${randomBytes(32).toString('hex')}\n`);
		await expect(askPipe({ type: 'status' }, 2_000, env)).rejects.toThrow('the server’s proof is wrong');
	});

	it('refuses a pipe-name file that names anything but a pipe of its own making', async () => {
		const env = await privateEnv();
		await serving(env);
		const published = readFileSync(pipeNameFile(env), 'utf8');
		for (const text of ['/tmp/elsewhere/mfa-session-00000000000000000000000000000000.sock', published.replace('.sock', '.sock2'), '']) {
			writeFileSync(pipeNameFile(env), text);
			await expect(askPipe({ type: 'status' }, 2_000, env)).rejects.toThrow(`${pipeNameFile(env)}: not a pipe name this helper writes`);
		}
		writeFileSync(pipeNameFile(env), published);
		expect(await askPipe({ type: 'status' }, 2_000, env)).toEqual({ ok: true, asked: 'status' });
	});

	it('leaves the channel to a live host, and serves at a new name once that host is gone', async () => {
		const env = await privateEnv();
		const first = await serving(env);
		const published = readFileSync(pipeNameFile(env), 'utf8');
		expect(await serving(env)).toBeUndefined();
		await new Promise((done) => first?.close(done));
		expect(await serving(env)).toBeDefined();
		expect(readFileSync(pipeNameFile(env), 'utf8')).not.toBe(published);
		expect(await askPipe({ type: 'status' }, 2_000, env)).toEqual({ ok: true, asked: 'status' });
	});

	it('is not kept from serving by a squatter at the published name, which gets only a nonce', async () => {
		const env = await privateEnv();
		const first = await serving(env);
		const name = readFileSync(pipeNameFile(env), 'utf8').trim();
		await new Promise((done) => first?.close(done));
		const received: Buffer[] = [];
		let closed: () => void = () => undefined;
		const gone = new Promise<void>((done) => {
			closed = done;
		});
		const squatter = createServer((socket: Socket) => {
			socket.on('data', (chunk: Buffer) => received.push(chunk));
			socket.on('close', closed);
			socket.write(randomBytes(64));
		});
		servers.push(squatter);
		await new Promise<void>((done) => squatter.listen(name, done));
		await expect(askPipe({ type: 'status' }, 2_000, env)).rejects.toThrow('the server’s proof is wrong');
		await gone;
		expect(Buffer.concat(received).length).toBe(33);
		expect(await serving(env)).toBeDefined();
		expect(readFileSync(pipeNameFile(env), 'utf8').trim()).not.toBe(name);
		expect(await askPipe({ type: 'status' }, 2_000, env)).toEqual({ ok: true, asked: 'status' });
	});
});
