// The native messaging host the browser starts: it writes credentials-file sections on request and
// serves `credential_process` callers over the local channel, asking the extension for a session
// when it has none. Sessions live in this process's memory only, and die with it.
import { readlinkSync } from 'node:fs';
import { basename } from 'node:path';
import { version } from '../../package.json';
import { t } from '../i18n';
import {
	checkHelperRequest,
	type HelperAnswer,
	type HelperAsk,
	type HelperInfo,
	type HelperRequest,
	helperProtocol,
	servable,
} from '../lib/helper-protocol';
import type { SessionCredentials } from '../lib/model';
import { commandWord } from '../lib/process-line';
import { toRfc3339Utc } from '../lib/rfc3339';
import { reservedNameReason } from '../lib/section-names';
import type { ChannelRequest } from './channel';
import { editCredentialsFile } from './credentials-file';
import { encodeFrame, frameDecoder } from './framing';
import { removeSection, type SectionEdit, writeSection } from './ini-section';
import { channelAddress, serveHelperChannel } from './local-channel';
import { credentialsFilePath, runtimeDirRefusal } from './paths';
import { waitingRoom } from './waiting-room';

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
	if (edit.refusal === 'reserved') return reservedNameReason(edit.section) ?? '';
	return t('sectionForeign', edit.section, file);
}

/** Runs the host until the browser closes its end of stdin. */
export async function runHost(origin: string, program: string): Promise<void> {
	const command = `${commandWord(program, process.platform)} credentials`;
	const file = credentialsFilePath();
	const socket = channelAddress();
	const runtimeDirRefused = runtimeDirRefusal();
	const browser = browserName(origin);
	const sessions = new Map<string, SessionCredentials>();
	const post = (message: HelperAnswer | HelperAsk) => process.stdout.write(encodeFrame(message));
	const room = waitingRoom((profile, caller) => post({ type: 'ask', profile, caller }));

	const live = (profile: string) => {
		const session = sessions.get(profile);
		return session && servable(session.expiration) ? session : undefined;
	};

	const answerChannel = async (request: ChannelRequest): Promise<unknown> => {
		if (request.type === 'status') {
			const served = [...sessions.keys()].filter(live).map((profile) => ({ profile, expiration: sessions.get(profile)?.expiration }));
			return { ok: true, browser, pid: process.pid, socket, credentialsFile: file, served };
		}
		const { profile, caller, waitSeconds } = request;
		const session = live(profile);
		if (session) return { ok: true, credentials: processDocument(session) };
		return room.wait(profile, caller, waitSeconds);
	};

	// Windows has no private Unix socket: there the channel is a named pipe with a handshake (pipe-channel.ts).
	const channel = serveHelperChannel(answerChannel);
	let channelProblem: string | undefined;
	const server = await channel.catch((error: unknown) => {
		channelProblem = error instanceof Error ? error.message : String(error);
		process.stderr.write(`mfa-session-helper: ${channelProblem}\n`);
		return undefined;
	});
	const info: HelperInfo = {
		version,
		protocol: helperProtocol,
		credentialsFile: file,
		socket,
		serving: server !== undefined,
		...(channelProblem ? { channelProblem } : {}),
		...(runtimeDirRefused ? { runtimeDirRefused } : {}),
		command,
	};
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
				room.served(request.profile);
				if (live(request.profile)) room.settle(request.profile, { ok: true, credentials: processDocument(request.credentials) });
				return { id: request.id, ok: true };
			case 'forget':
				sessions.delete(request.profile);
				return { id: request.id, ok: true };
			case 'deny': {
				const messages = { 'not-served': t('helperNotServed', request.profile), 'too-many': t('helperTooManyAsks', request.profile) };
				const message = request.reason ? messages[request.reason] : t('helperDenied', request.profile);
				room.deny(request.profile, message);
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
			// One request that fails past its own handling (an answer too large to send, say) is
			// answered as such where it can be, and never stops the queue for the requests after it.
			queue = queue
				.then(async () => post(await handle(request.value)))
				.catch((error: unknown) => post({ id: request.value.id, ok: false, error: { code: 'io', message: String(error) } }))
				.then(
					() => undefined,
					() => undefined,
				);
		}),
	);
	// The browser closes stdin when the extension's port closes: stop serving and leave.
	process.stdin.on('end', () => {
		room.settleAll({ ok: false, error: t('helperBrowserGone') });
		server?.close();
		queue.finally(() => process.exit(0));
	});
}
