// The native messaging host the browser starts: it writes credentials-file sections on request and
// serves `credential_process` callers over the local channel, asking the extension for a session
// when it has none. Sessions live in this process's memory only, and die with it.
import { readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { version } from '../../package.json';
import { t } from '../i18n';
import type { SessionCredentials } from '../lib/export-formats';
import {
	checkHelperRequest,
	type HelperAnswer,
	type HelperAsk,
	type HelperInfo,
	type HelperRequest,
	helperProtocol,
} from '../lib/helper-protocol';
import { toRfc3339Utc } from '../lib/time-format';
import type { ChannelRequest } from './channel';
import { editCredentialsFile } from './credentials-file';
import { encodeFrame, frameDecoder } from './framing';
import { removeSection, type SectionEdit, writeSection } from './ini-section';
import { channelAddress, serveHelperChannel } from './local-channel';
import { credentialsFilePath } from './paths';

/** A session is handed out only while it has at least this long to live. */
const minimumLifeMs = 60_000;

/** After a Deny, callers for that profile are refused at once for this long: no prompt storm. */
const denyQuietMs = 10_000;

interface Waiter {
	resolve: (answer: unknown) => void;
	timer: NodeJS.Timeout;
}

/** The browser that started this host, as its process is named (Linux), else from the caller's origin. */
function browserName(origin: string): string {
	try {
		return basename(readlinkSync(`/proc/${process.ppid}/exe`));
	} catch {
		return origin.startsWith('chrome-extension://') ? 'Chromium' : 'Firefox';
	}
}

/** The `credential_process` document for a session. */
export function processDocument(credentials: SessionCredentials) {
	return {
		Version: 1,
		AccessKeyId: credentials.accessKeyId,
		SecretAccessKey: credentials.secretAccessKey,
		SessionToken: credentials.sessionToken,
		Expiration: toRfc3339Utc(credentials.expiration),
	};
}

function refusalMessage(edit: SectionEdit, file: string): string {
	if (edit.ok) return '';
	if (edit.refusal === 'long-term') return t('sectionLongTerm', edit.section, file);
	if (edit.refusal === 'duplicate') return t('sectionDuplicate', file, edit.section);
	return t('sectionForeign', edit.section, file);
}

/** Runs the host until the browser closes its end of stdin. */
export async function runHost(origin: string, program: string): Promise<void> {
	const command = `${program} credentials`;
	const file = credentialsFilePath();
	const socket = channelAddress();
	const browser = browserName(origin);
	const sessions = new Map<string, SessionCredentials>();
	const waiting = new Map<string, Waiter[]>();
	const denied = new Map<string, { at: number; message: string }>();
	const post = (message: HelperAnswer | HelperAsk) => process.stdout.write(encodeFrame(message));

	const settle = (profile: string, answer: unknown) => {
		for (const waiter of waiting.get(profile) ?? []) {
			clearTimeout(waiter.timer);
			waiter.resolve(answer);
		}
		waiting.delete(profile);
	};

	const live = (profile: string) => {
		const session = sessions.get(profile);
		return session && Date.parse(session.expiration) - Date.now() > minimumLifeMs ? session : undefined;
	};

	const answerChannel = async (request: ChannelRequest): Promise<unknown> => {
		if (request.type === 'status') {
			const served = [...sessions.keys()].filter(live).map((profile) => ({ profile, expiration: sessions.get(profile)?.expiration }));
			return { ok: true, browser, pid: process.pid, socket, credentialsFile: file, served };
		}
		const { profile, caller, waitSeconds } = request;
		const session = live(profile);
		if (session) return { ok: true, credentials: processDocument(session) };
		const refusal = denied.get(profile);
		if (refusal && Date.now() - refusal.at < denyQuietMs) return { ok: false, error: refusal.message };
		return new Promise((resolve) => {
			const list = waiting.get(profile) ?? [];
			const timer = setTimeout(() => {
				waiting.set(
					profile,
					(waiting.get(profile) ?? []).filter((waiter) => waiter.timer !== timer),
				);
				resolve({ ok: false, error: t('helperTimedOut', profile, waitSeconds) });
			}, waitSeconds * 1000);
			list.push({ resolve, timer });
			waiting.set(profile, list);
			// One prompt however many callers wait: the extension is asked by the first.
			if (list.length === 1) post({ type: 'ask', profile, caller });
		});
	};

	// Windows has no private Unix socket: there the channel is a named pipe with a handshake (pipe-channel.ts).
	const channel = serveHelperChannel(answerChannel);
	const server = await channel.catch((error: unknown) => {
		process.stderr.write(`mfa-session-helper: ${error instanceof Error ? error.message : String(error)}\n`);
		return undefined;
	});
	const info: HelperInfo = { version, protocol: helperProtocol, credentialsFile: file, socket, serving: server !== undefined, command };
	// An extension that said hello in another protocol (every extension says hello first) gets only hello answered.
	let disagreed = false;

	const edit = async (request: HelperRequest & { profile: string }, change: (text: string) => SectionEdit): Promise<HelperAnswer> => {
		try {
			const result = await editCredentialsFile(file, change);
			if (!result.ok) return { id: request.id, ok: false, error: { code: 'refused', message: refusalMessage(result, file) } };
			return { id: request.id, ok: true };
		} catch (error) {
			const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
			return { id: request.id, ok: false, error: { code: 'io', message: t('helperWriteFailed', file, reason) } };
		}
	};

	const handle = async (request: HelperRequest): Promise<HelperAnswer> => {
		if (request.type === 'hello') disagreed = request.protocol !== helperProtocol;
		else if (disagreed) return { id: request.id, ok: false, error: { code: 'invalid', message: t('helperOtherProtocol', helperProtocol) } };
		switch (request.type) {
			case 'hello':
				return { id: request.id, ok: true, info };
			case 'write':
				return edit(request, (text) => writeSection(text, request.profile, request.credentials));
			case 'remove':
				return edit(request, (text) => removeSection(text, request.profile));
			case 'serve':
				sessions.set(request.profile, request.credentials);
				denied.delete(request.profile);
				if (live(request.profile)) settle(request.profile, { ok: true, credentials: processDocument(request.credentials) });
				return { id: request.id, ok: true };
			case 'forget':
				sessions.delete(request.profile);
				return { id: request.id, ok: true };
			case 'deny': {
				const message = request.reason === 'not-served' ? t('helperNotServed', request.profile) : t('helperDenied', request.profile);
				denied.set(request.profile, { at: Date.now(), message });
				settle(request.profile, { ok: false, error: message });
				return { id: request.id, ok: true };
			}
		}
	};

	// Requests are handled one after another, so writes to the file keep the order they were sent in.
	let queue = Promise.resolve();
	process.stdin.on(
		'data',
		frameDecoder((frame) => {
			if (!frame.ok) {
				post({ id: null, ok: false, error: { code: 'invalid', message: frame.error } });
				return;
			}
			const request = checkHelperRequest(frame.value);
			if (!request.ok) {
				const id = (frame.value as { id?: unknown } | null)?.id;
				post({ id: typeof id === 'number' ? id : null, ok: false, error: { code: 'invalid', message: request.error } });
				return;
			}
			queue = queue.then(async () => {
				post(await handle(request.value));
			});
		}),
	);
	// The browser closes stdin when the extension's port closes: stop serving and leave.
	process.stdin.on('end', () => {
		for (const profile of waiting.keys()) settle(profile, { ok: false, error: t('helperBrowserGone') });
		server?.close();
		queue.finally(() => process.exit(0));
	});
}
