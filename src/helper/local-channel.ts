// Which local channel this system has: the private Unix socket, or the pipe with its handshake
// (always on Windows; elsewhere with MFA_SESSION_CHANNEL=pipe, so the same code runs in tests).
import type { Server } from 'node:net';
import { ask, type ChannelRequest, serveChannel } from './channel';
import { socketPath } from './paths';
import { askPipe, pipeNameFile, servePipeChannel } from './pipe-channel';

/** Whether this helper talks over the pipe channel. */
export function usesPipeChannel(env: NodeJS.ProcessEnv = process.env): boolean {
	return process.platform === 'win32' || env.MFA_SESSION_CHANNEL === 'pipe';
}

/** Where to look for the running host, as said to a person: the socket, or the file naming the pipe. */
export function channelAddress(): string {
	return usesPipeChannel() ? pipeNameFile() : socketPath();
}

/** Sends one request to the running host over this system's channel. */
export function askHelper(request: ChannelRequest, timeoutMs: number): Promise<unknown> {
	return usesPipeChannel() ? askPipe(request, timeoutMs) : ask(socketPath(), request, timeoutMs);
}

/** Serves this system's channel; undefined when another browser's helper already does. */
export function serveHelperChannel(answer: (request: ChannelRequest) => Promise<unknown>): Promise<Server | undefined> {
	return usesPipeChannel() ? servePipeChannel(answer) : serveChannel(socketPath(), answer);
}
