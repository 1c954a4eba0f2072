// The local channel where no private Unix socket can be had (Windows): a named pipe with a random
// name, and on every connection the handshake (handshake.ts) over a per-install secret. The secret and
// the pipe's name sit in a folder only this user can read: %LOCALAPPDATA%\MFA Session\ on Windows
// (its inherited access list names the user, SYSTEM and Administrators only), the private channel
// folder elsewhere, where MFA_SESSION_CHANNEL=pipe runs the same code over a Unix socket. The pipe's
// name is published in a file beside the secret: it is no secret (anyone can list pipe names), only
// this user can change that file, and a client that follows a stale name to a squatter refuses it.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { answerLine, type ChannelRequest, maxRequestBytes, requestTimeoutMs } from './channel';
import { acceptHandshake, offerHandshake } from './handshake';
import { checkPrivateFolder, ensurePrivateFolder, pipeFolder, pipeNameFile } from './paths';

/** The largest sealed answer a client takes; a `credential_process` document is under 4 KB. */
const maxAnswerBytes = 64 * 1024;

const onWindows = process.platform === 'win32';

const secretFile = (folder: string) => join(folder, 'channel-secret');

function openFolder(folder: string): void {
	if (onWindows) mkdirSync(folder, { recursive: true });
	else ensurePrivateFolder(folder);
}

function readSecret(folder: string): Buffer {
	const text = readFileSync(secretFile(folder), 'utf8').trim();
	if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${secretFile(folder)}: not 64 hexadecimal digits`);
	return Buffer.from(text, 'hex');
}

/**
 * The per-install secret, made at the first start: written whole to a private temp file, then linked
 * into place, which fails if it is there already, so two hosts starting at once agree on one.
 */
export function ensureSecret(folder: string): Buffer {
	const temporary = `${secretFile(folder)}.${process.pid}.tmp`;
	writeFileSync(temporary, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
	try {
		linkSync(temporary, secretFile(folder));
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	} finally {
		unlinkSync(temporary);
	}
	return readSecret(folder);
}

const pipePath = (folder: string, name: string) => (onWindows ? `\\\\.\\pipe\\${name}` : join(folder, `${name}.sock`));

/** A fresh pipe address: unguessable, so nobody can take it before the host does. */
function newPipePath(folder: string): string {
	return pipePath(folder, `mfa-session-${randomBytes(16).toString('hex')}`);
}

/** The published pipe, checked to be one this helper would have made: the file is read, not trusted. */
function publishedPipe(env: NodeJS.ProcessEnv): string {
	const text = readFileSync(pipeNameFile(env), 'utf8').trim();
	const name = /mfa-session-[0-9a-f]{32}/.exec(text)?.[0];
	if (!name || text !== pipePath(pipeFolder(env), name)) throw new Error(`${pipeNameFile(env)}: not a pipe name this helper writes`);
	return text;
}

function handleSealedConnection(socket: Socket, secret: Buffer, answer: (request: ChannelRequest) => Promise<unknown>): void {
	socket.setTimeout(requestTimeoutMs, () => socket.destroy());
	socket.on('error', () => socket.destroy());
	acceptHandshake(socket, secret, maxRequestBytes)
		.then(async (link) => {
			const line = await link.receive(maxRequestBytes);
			socket.setTimeout(0);
			link.send(JSON.stringify(await answerLine(line, answer)));
			socket.end();
		})
		.catch(() => socket.destroy());
}

/** Sends one request over the pipe the host published, after the handshake; fails when nothing proven answers. */
export async function askPipe(request: ChannelRequest, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<unknown> {
	const folder = pipeFolder(env);
	if (!onWindows) checkPrivateFolder(folder);
	const secret = readSecret(folder);
	const socket = createConnection(publishedPipe(env));
	const timer = setTimeout(() => socket.destroy(new Error('timeout')), timeoutMs);
	try {
		const link = await offerHandshake(socket, secret, maxAnswerBytes);
		link.send(JSON.stringify(request));
		return JSON.parse(await link.receive(maxAnswerBytes));
	} finally {
		clearTimeout(timer);
		socket.destroy();
	}
}

/**
 * Listens at a new pipe unless a live helper already answers at the published one (proven by the
 * handshake, so a process squatting an old name cannot keep this one from serving), then publishes it.
 */
export async function servePipeChannel(
	answer: (request: ChannelRequest) => Promise<unknown>,
	env: NodeJS.ProcessEnv = process.env,
): Promise<Server | undefined> {
	const folder = pipeFolder(env);
	openFolder(folder);
	const secret = ensureSecret(folder);
	const live = await askPipe({ type: 'status' }, 2_000, env).then(
		() => true,
		() => false,
	);
	if (live) return undefined;
	const path = newPipePath(folder);
	const server = createServer((socket) => handleSealedConnection(socket, secret, answer));
	await new Promise<void>((done, failed) => {
		server.once('error', failed);
		server.listen(path, () => done());
	});
	if (!onWindows) await chmod(path, 0o600);
	const temporary = `${pipeNameFile(env)}.${process.pid}.tmp`;
	writeFileSync(temporary, `${path}\n`, { mode: 0o600 });
	renameSync(temporary, pipeNameFile(env));
	return server;
}
