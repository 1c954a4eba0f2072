// Which local channel this system has: the private Unix socket, or the pipe with its handshake
// (always on Windows; elsewhere with MFA_SESSION_CHANNEL=pipe, so the same code runs in tests).
// Each channel's module is loaded only when it is used, so `credentials` over the socket never
// evaluates the pipe's handshake and its ciphers.
import type { Server } from 'node:net';
import type { ChannelRequest } from './channel';
import { pipeNameFile, socketPath } from './paths';

/** Whether this helper talks over the pipe channel. */
export function usesPipeChannel(env: NodeJS.ProcessEnv = process.env): boolean {
	return process.platform === 'win32' || env.MFA_SESSION_CHANNEL === 'pipe';
}

/** Where to look for the running host, as said to a person: the socket, or the file naming the pipe. */
export function channelAddress(): string {
	return usesPipeChannel() ? pipeNameFile() : socketPath();
}

/** Sends one request to the running host over this system's channel. */
export async function askHelper(request: ChannelRequest, timeoutMs: number): Promise<unknown> {
	if (usesPipeChannel()) return (await import('./pipe-channel')).askPipe(request, timeoutMs);
	return (await import('./channel')).ask(socketPath(), request, timeoutMs);
}

/** Serves this system's channel; undefined when another browser's helper already does. */
export async function serveHelperChannel(answer: (request: ChannelRequest) => Promise<unknown>): Promise<Server | undefined> {
	if (usesPipeChannel()) return (await import('./pipe-channel')).servePipeChannel(answer);
	return (await import('./channel')).serveChannel(socketPath(), answer);
}
