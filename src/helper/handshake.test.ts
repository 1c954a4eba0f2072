// The handshake over real Unix sockets in a temp folder: what Windows runs over a named pipe.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { byteReader } from './byte-reader';
import { acceptHandshake, HandshakeError, offerHandshake } from './handshake';

const secret = randomBytes(32);
const servers: Server[] = [];
afterEach(() => {
	for (const server of servers.splice(0)) server.close();
});

/** A server at a fresh socket path, running `serve` on each connection; returns a way to connect. */
async function listening(serve: (socket: Socket) => void): Promise<() => Socket> {
	const path = join(await mkdtemp(join(tmpdir(), 'mfa-session-handshake-')), 'pipe.sock');
	const server = createServer(serve);
	servers.push(server);
	await new Promise<void>((done) => server.listen(path, done));
	return () => createConnection(path);
}

/** A real server: proves itself, then echoes the request in upper case. */
function echoServer(results: Promise<unknown>[]): (socket: Socket) => void {
	return (socket) => {
		socket.on('error', () => socket.destroy());
		const result = acceptHandshake(socket, secret, 1024).then(async (link) => {
			link.send((await link.receive(1024)).toUpperCase());
			socket.end();
		});
		results.push(result.catch((error: unknown) => error));
	};
}

/** Connects, sends a fresh challenge as an honest client would, and reads the server's answer. */
async function challenged(connect: () => Socket) {
	const socket = connect();
	const read = byteReader(socket, 1024);
	socket.write(Buffer.concat([Buffer.of(1), randomBytes(32)]));
	return { socket, read, answer: await read(64) };
}

/** Every byte a socket receives until it closes. */
function recorded(socket: Socket): Promise<Buffer> {
	const chunks: Buffer[] = [];
	socket.on('data', (chunk: Buffer) => chunks.push(chunk));
	return new Promise((done) => socket.once('close', () => done(Buffer.concat(chunks))));
}

describe('the handshake', () => {
	it('lets a pair holding the same secret pass one sealed message each way', async () => {
		const results: Promise<unknown>[] = [];
		const connect = await listening(echoServer(results));
		const link = await offerHandshake(connect(), secret, 1024);
		link.send('credentials for work');
		expect(await link.receive(1024)).toBe('CREDENTIALS FOR WORK');
		expect(await results[0]).toBeUndefined();
	});

	it('refuses a server with another secret, and the client sends it nothing but its nonce', async () => {
		const received: Promise<Buffer>[] = [];
		const connect = await listening((socket) => {
			received.push(recorded(socket));
			acceptHandshake(socket, randomBytes(32), 1024).catch(() => undefined);
		});
		await expect(offerHandshake(connect(), secret, 1024)).rejects.toThrow('the server’s proof is wrong');
		expect((await received[0])?.length).toBe(33);
	});

	it('refuses a squatting server without the secret, which learns only a random nonce', async () => {
		const received: Promise<Buffer>[] = [];
		const connect = await listening((socket) => {
			received.push(recorded(socket));
			socket.write(randomBytes(64));
		});
		const client = offerHandshake(connect(), secret, 1024);
		await expect(client).rejects.toBeInstanceOf(HandshakeError);
		const bytes = (await received[0]) ?? Buffer.alloc(0);
		expect(bytes.length).toBe(33);
		expect(bytes[0]).toBe(1);
	});

	it('refuses a squatting server that replays an answer recorded from the real one', async () => {
		const { socket: probe, answer: recordedAnswer } = await challenged(await listening(echoServer([])));
		probe.destroy();
		const connect = await listening((socket) => socket.write(recordedAnswer));
		await expect(offerHandshake(connect(), secret, 1024)).rejects.toThrow('the server’s proof is wrong');
	});

	it('refuses a client without the secret, and sends it nothing after its challenge', async () => {
		const results: Promise<unknown>[] = [];
		const connect = await listening(echoServer(results));
		const socket = connect();
		const bytes = recorded(socket);
		socket.write(Buffer.concat([Buffer.of(1), randomBytes(32), randomBytes(32)]));
		expect((await bytes).length).toBe(64);
		expect(await results[0]).toBeInstanceOf(HandshakeError);
		expect(String(await results[0])).toContain('the client’s proof is wrong');
	});

	it('refuses a client that replays the challenge and proof of an earlier connection', async () => {
		const results: Promise<unknown>[] = [];
		const connect = await listening(echoServer(results));
		const honest = connect();
		const sent: Buffer[] = [];
		const write = honest.write.bind(honest);
		honest.write = ((chunk: Buffer, ...rest: never[]) => {
			sent.push(Buffer.from(chunk));
			return write(chunk, ...rest);
		}) as typeof honest.write;
		const link = await offerHandshake(honest, secret, 1024);
		link.send('first');
		expect(await link.receive(1024)).toBe('FIRST');
		const replay = connect();
		const bytes = recorded(replay);
		replay.write(Buffer.concat(sent));
		expect((await bytes).length).toBe(64);
		expect(String(await results[1])).toContain('the client’s proof is wrong');
	});

	it('refuses the server’s own proof sent back as the client’s', async () => {
		const results: Promise<unknown>[] = [];
		const { socket, read, answer } = await challenged(await listening(echoServer(results)));
		socket.write(answer.subarray(32));
		await expect(read(1)).rejects.toThrow('stream:');
		expect(String(await results[0])).toContain('the client’s proof is wrong');
	});

	it('refuses another version and an oversized sealed message', async () => {
		const results: Promise<unknown>[] = [];
		const connect = await listening(echoServer(results));
		const old = connect();
		old.write(Buffer.concat([Buffer.of(0), randomBytes(32)]));
		await recorded(old);
		expect(String(await results[0])).toContain('version 0, not 1');
		const link = await offerHandshake(connect(), secret, 1024);
		link.send('x'.repeat(2000));
		expect(String(await results[1])).toContain('more than the 1024 allowed');
	});

	it('lets a relay between the two ends read nothing and change nothing', async () => {
		const results: Promise<unknown>[] = [];
		const real = await listening(echoServer(results));
		const seen: Buffer[] = [];
		const relay = (tamper: boolean) =>
			listening((socket) => {
				const upstream = real();
				let offset = 0;
				socket.on('data', (chunk: Buffer) => {
					seen.push(chunk);
					// The sealed request starts after the 33-byte hello and 32-byte proof: header (4), IV (12), body.
					const target = 33 + 32 + 4 + 12 - offset;
					if (tamper && target >= 0 && target < chunk.length) chunk[target] = (chunk[target] ?? 0) ^ 1;
					offset += chunk.length;
					upstream.write(chunk);
				});
				upstream.on('data', (chunk: Buffer) => socket.write(chunk));
				upstream.on('close', () => socket.destroy());
			});
		const link = await offerHandshake((await relay(false))(), secret, 1024);
		link.send('aws_secret_access_key');
		expect(await link.receive(1024)).toBe('AWS_SECRET_ACCESS_KEY');
		expect(Buffer.concat(seen).includes('aws_secret_access_key')).toBe(false);
		const tampered = await offerHandshake((await relay(true))(), secret, 1024);
		tampered.send('aws_secret_access_key');
		await expect(tampered.receive(1024)).rejects.toThrow('stream:');
		expect(String(await results[1])).toContain('does not open');
	});
});
