// The local channel between `credentials` / `status` and the running host: a Unix socket in a
// folder only this user can enter, one JSON line each way per connection.
import { existsSync, unlinkSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { callerText } from '../lib/caller-text';
import { isProfileName } from '../lib/helper-protocol';
import type { Result } from '../lib/result';
import { checkPrivateFolder, ensurePrivateFolder } from './paths';

/** What a command-line process may ask the host. */
export type ChannelRequest = { type: 'status' } | { type: 'credentials'; profile: string; caller: string; waitSeconds: number };

/** The largest request line accepted; real ones are under 1 KB. */
export const maxRequestBytes = 8 * 1024;

/** The longest a client may take to send its request. */
export const requestTimeoutMs = 5_000;

/** Checks one request line from the socket. */
export function checkChannelRequest(line: string): Result<ChannelRequest> {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return { ok: false, error: 'request: not JSON' };
	}
	if (typeof value !== 'object' || value === null) return { ok: false, error: 'request: not an object' };
	const { type, profile, caller, waitSeconds } = value as Record<string, unknown>;
	if (type === 'status') return { ok: true, value: { type } };
	if (type !== 'credentials') return { ok: false, error: 'type: unknown' };
	if (!isProfileName(profile)) return { ok: false, error: 'profile: not a profile name' };
	if (typeof caller !== 'string' || caller.length > 300) return { ok: false, error: 'caller: not a text of up to 300 characters' };
	if (typeof waitSeconds !== 'number' || !Number.isInteger(waitSeconds) || waitSeconds < 1 || waitSeconds > 600) {
		return { ok: false, error: 'waitSeconds: not 1 to 600' };
	}
	// What the caller says it is, cleaned before it goes anywhere: it is shown to a person.
	return { ok: true, value: { type, profile, caller: callerText(caller), waitSeconds } };
}

/** Whether something already answers at the socket (another browser's helper). */
function answers(path: string): Promise<boolean> {
	return new Promise((done) => {
		const socket = createConnection(path);
		socket.once('connect', () => {
			socket.destroy();
			done(true);
		});
		socket.once('error', () => done(false));
	});
}

/**
 * Listens at the socket unless a live helper already does; a socket left by a dead one is replaced.
 * Returns the server, or undefined when another helper serves the channel.
 */
export async function serveChannel(path: string, answer: (request: ChannelRequest) => Promise<unknown>): Promise<Server | undefined> {
	ensurePrivateFolder(dirname(path));
	if (existsSync(path)) {
		if (await answers(path)) return undefined;
		unlinkSync(path);
	}
	const server = createServer((socket) => handleConnection(socket, answer));
	await new Promise<void>((done, failed) => {
		server.once('error', failed);
		server.listen(path, () => done());
	});
	await chmod(path, 0o600);
	return server;
}

function handleConnection(socket: Socket, answer: (request: ChannelRequest) => Promise<unknown>): void {
	let received = '';
	const reply = (value: unknown) => socket.end(`${JSON.stringify(value)}\n`);
	socket.setTimeout(requestTimeoutMs, () => socket.destroy());
	socket.on('error', () => socket.destroy());
	socket.on('data', (chunk) => {
		received += chunk.toString('utf8');
		if (received.length > maxRequestBytes) {
			reply({ ok: false, error: 'request: too long' });
			return;
		}
		const end = received.indexOf('\n');
		if (end < 0) return;
		socket.removeAllListeners('data');
		socket.setTimeout(0);
		answerLine(received.slice(0, end), answer).then(reply);
	});
}

/** The answer to one request line, whatever the channel it came over: a refusal names what was wrong. */
export async function answerLine(line: string, answer: (request: ChannelRequest) => Promise<unknown>): Promise<unknown> {
	const request = checkChannelRequest(line);
	if (!request.ok) return { ok: false, error: request.error };
	return answer(request.value).catch((error: unknown) => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
}

/** Sends one request and returns the parsed answer; fails at once when nothing listens. */
export function ask(path: string, request: ChannelRequest, timeoutMs: number): Promise<unknown> {
	checkPrivateFolder(dirname(path));
	return new Promise((done, failed) => {
		const socket = createConnection(path);
		let received = '';
		const timer = setTimeout(() => {
			socket.destroy();
			failed(new Error('timeout'));
		}, timeoutMs);
		socket.once('connect', () => socket.write(`${JSON.stringify(request)}\n`));
		socket.on('data', (chunk) => {
			received += chunk.toString('utf8');
		});
		socket.once('error', (error) => {
			clearTimeout(timer);
			failed(error);
		});
		socket.once('close', () => {
			clearTimeout(timer);
			try {
				done(JSON.parse(received));
			} catch {
				failed(new Error('closed'));
			}
		});
	});
}
