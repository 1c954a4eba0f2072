// What the extension and the command-line helper say to each other over native messaging.
// Types and the checks of what the helper receives live here, so both sides share one definition.
import { callerText } from './caller-text';
import type { SessionCredentials } from './model';
import type { Result } from './result';
import { reservedNameReason } from './section-names';

/** The native messaging host's name, as the browser looks it up. */
export const helperHostName = 'app.mfa_session.helper';

/**
 * What the extension and the helper speak, raised whenever a change would break the other side.
 * Both say theirs in `hello`; a pair that differs sends nothing after it.
 */
export const helperProtocol = 1;

/** Per profile, how command-line tools get its session. */
export type CliMode = 'off' | 'file' | 'process';
export const cliModes: readonly CliMode[] = ['off', 'file', 'process'];

/** A request from the extension to the helper; every one is answered with the same `id`. */
export type HelperRequest =
	| { id: number; type: 'hello'; protocol: number }
	| { id: number; type: 'write'; profile: string; credentials: SessionCredentials }
	| { id: number; type: 'remove'; profile: string }
	| { id: number; type: 'serve'; profile: string; credentials: SessionCredentials }
	| { id: number; type: 'forget'; profile: string }
	| { id: number; type: 'deny'; profile: string; reason?: DenyReason };

/** Why the extension refuses an ask: the profile is not served, or it was asked for too often. */
export type DenyReason = 'not-served' | 'too-many';

/** The extension prompts for one profile at most this many times a minute; further asks are refused. */
export const promptsPerProfilePerMinute = 3;

/** Where the helper writes and listens, as `hello` reports it. */
export interface HelperInfo {
	version: string;
	/** The helper's `helperProtocol`; absent from helpers older than the number. */
	protocol: number;
	credentialsFile: string;
	socket: string;
	/** Whether this helper serves `credential_process`; false when another browser's helper already does, or `channelProblem`. */
	serving: boolean;
	/** Why this helper cannot serve `credential_process` (a channel folder it refuses, say), when that is not another helper's doing. */
	channelProblem?: string;
	/** Why the channel is not in XDG_RUNTIME_DIR although it is set. */
	runtimeDirRefused?: string;
	/** How `credential_process` runs the helper: its path quoted for the platform's readers, then `credentials`. */
	command: string;
}

/** Why a request failed: `refused` sections are left alone on purpose, the rest are errors. */
export interface HelperError {
	code: 'invalid' | 'refused' | 'io';
	message: string;
}

/** The helper's answer to one request. */
export type HelperAnswer = { id: number; ok: true; info?: HelperInfo } | { id: number | null; ok: false; error: HelperError };

/** An answer as the extension receives it: `info` is only what hello said, read with `checkHelperInfo`. */
export type ReceivedAnswer = { id: number; ok: true; info?: unknown } | { id: number | null; ok: false; error: HelperError };

/** The helper's own message: a command-line tool asks for a profile that has no live session. */
export interface HelperAsk {
	type: 'ask';
	profile: string;
	caller: string;
}

/** A credentials-file section the extension wrote: its name and the (temporary, not secret) key id in it. */
export interface WrittenSection {
	name: string;
	accessKeyId: string;
}

/** What the options page shows about the helper. */
export interface HelperState {
	connected: boolean;
	info?: HelperInfo;
	/** Why the helper could not be reached, as the browser said it. */
	error?: string;
	/** A helper answered whose protocol is not this extension's: nothing was sent to it. */
	incompatible?: { version: string; protocol: number };
	/** Per profile id, why its section was not written. */
	problems: Record<string, string>;
}

/** A command-line tool waiting for a profile's session, as the popup shows it. */
export interface HelperPrompt {
	profileId: string;
	caller: string;
	at: number;
}

/**
 * A session is handed to `credential_process` only while it has more than this left to live. The
 * worker and the helper both decide by it: where they differed, the helper asked for a session the
 * worker still served, the worker cleared the ask, and the caller waited out its wait.
 */
export const servableMarginMs = 60_000;

/** Whether a session ending at `expiration` may still be handed to a `credential_process` caller. */
export function servable(expiration: string, now = Date.now()): boolean {
	return Date.parse(expiration) - now > servableMarginMs;
}

/** The largest message the helper accepts from the browser; real ones are a few kilobytes. */
export const maxHelperMessageBytes = 64 * 1024;

const fail = (error: string): Result<never> => ({ ok: false, error });

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A name that fits a `[section]` header the helper writes: nothing else passes. */
function isSectionName(value: unknown): value is string {
	return typeof value === 'string' && /^[\w.+@-]{1,64}$/.test(value);
}

/** A profile name as the extension allows it: a section header that the AWS tools also read as a profile. */
export function isProfileName(value: unknown): value is string {
	return isSectionName(value) && reservedNameReason(value) === undefined;
}

/** Temporary credentials only: a long-term key (no session token) is refused. */
export function checkCredentials(value: unknown): Result<SessionCredentials> {
	if (!isRecord(value)) return fail('credentials: not an object');
	const { accessKeyId, secretAccessKey, sessionToken, expiration } = value;
	if (typeof accessKeyId !== 'string' || !/^[A-Z0-9]{16,128}$/.test(accessKeyId))
		return fail('credentials.accessKeyId: not an access key ID');
	if (typeof secretAccessKey !== 'string' || !/^[\x21-\x7e]{16,128}$/.test(secretAccessKey)) {
		return fail('credentials.secretAccessKey: not 16-128 printable characters without spaces');
	}
	if (typeof sessionToken !== 'string' || sessionToken === '')
		return fail('credentials.sessionToken: missing; only temporary credentials are accepted');
	if (!/^[\x21-\x7e]{1,8192}$/.test(sessionToken))
		return fail('credentials.sessionToken: not up to 8192 printable characters without spaces');
	if (typeof expiration !== 'string' || !/^\d{4}-\d\d-\d\dT/.test(expiration) || Number.isNaN(Date.parse(expiration))) {
		return fail('credentials.expiration: not an ISO 8601 time');
	}
	return { ok: true, value: { accessKeyId, secretAccessKey, sessionToken, expiration } };
}

/** Checks a decoded native message against every request the helper knows; says which value is wrong. */
export function checkHelperRequest(value: unknown): Result<HelperRequest> {
	if (!isRecord(value)) return fail('message: not a JSON object');
	const { id, type, profile } = value;
	if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return fail('id: not a whole number');
	// A hello without a protocol comes from an extension older than the number: protocol 0.
	if (type === 'hello') {
		const protocol = value.protocol ?? 0;
		if (typeof protocol !== 'number' || !Number.isSafeInteger(protocol) || protocol < 0) return fail('protocol: not a whole number');
		return { ok: true, value: { id, type, protocol } };
	}
	if (type !== 'write' && type !== 'remove' && type !== 'serve' && type !== 'forget' && type !== 'deny') return fail('type: unknown');
	if (!isSectionName(profile)) return fail('profile: not a profile name (1-64 letters, digits, _ . + @ -)');
	// A section an earlier version wrote under such a name may still be taken out; nothing new goes in.
	const reserved = reservedNameReason(profile);
	if (reserved && type !== 'remove') return fail(`profile: ${reserved}`);
	if (type === 'deny' && (value.reason === 'not-served' || value.reason === 'too-many')) {
		return { ok: true, value: { id, type, profile, reason: value.reason } };
	}
	if (type === 'remove' || type === 'forget' || type === 'deny') return { ok: true, value: { id, type, profile } };
	const credentials = checkCredentials(value.credentials);
	if (!credentials.ok) return credentials;
	return { ok: true, value: { id, type, profile, credentials: credentials.value } };
}

/** The helper's hello, checked: its version and protocol, or undefined when it does not say them. */
export function helloProtocol(info: unknown): { version: string; protocol: number } | undefined {
	if (!isRecord(info) || typeof info.version !== 'string') return undefined;
	const protocol = info.protocol ?? 0;
	return typeof protocol === 'number' && Number.isSafeInteger(protocol) ? { version: info.version.slice(0, 40), protocol } : undefined;
}

/**
 * Checks a message from the helper, as the extension reads it: an ask names a profile (its caller's
 * command line cleaned and cut), an answer a request id; anything else is nothing.
 */
export function checkHelperAnswer(message: unknown): { ask: HelperAsk } | { answer: ReceivedAnswer } | undefined {
	if (!isRecord(message)) return undefined;
	const { type, id, profile, caller, ok, info, error } = message;
	if (type === 'ask' && isProfileName(profile) && typeof caller === 'string')
		return { ask: { type, profile, caller: callerText(caller.slice(0, 1000)) } };
	if (typeof id !== 'number' || typeof ok !== 'boolean') return undefined;
	if (ok) return { answer: info === undefined ? { id, ok } : { id, ok, info } };
	// A refusal settles its request even when its reason cannot be read, so nothing waits for ever;
	// the reason is shown on the options page, so it is cut and cleaned like any outside text.
	const readable = isRecord(error) && helperErrorCodes.includes(error.code as HelperError['code']) && typeof error.message === 'string';
	return {
		answer: readable
			? { id, ok, error: { code: error.code as HelperError['code'], message: callerText(error.message as string, 500) } }
			: { id, ok, error: { code: 'io', message: 'the helper gave an answer that could not be read' } },
	};
}

const helperErrorCodes: readonly HelperError['code'][] = ['invalid', 'refused', 'io'];

/**
 * What hello said about the helper, checked before it is stored and shown: every field of its type,
 * paths and reasons cut to a length a page can show. Anything else is undefined.
 */
export function checkHelperInfo(info: unknown): HelperInfo | undefined {
	if (!isRecord(info)) return undefined;
	const { version, protocol, credentialsFile, socket, serving, channelProblem, runtimeDirRefused, command } = info;
	const texts = [version, credentialsFile, socket, command];
	if (!texts.every((text) => typeof text === 'string' && text.length > 0 && text.length <= 4096)) return undefined;
	if (typeof protocol !== 'number' || !Number.isSafeInteger(protocol) || typeof serving !== 'boolean') return undefined;
	const optional = (text: unknown) => text === undefined || typeof text === 'string';
	if (!optional(channelProblem) || !optional(runtimeDirRefused)) return undefined;
	return {
		version: callerText(version as string, 40),
		protocol,
		credentialsFile: credentialsFile as string,
		socket: socket as string,
		serving,
		...(typeof channelProblem === 'string' ? { channelProblem: callerText(channelProblem, 500) } : {}),
		...(typeof runtimeDirRefused === 'string' ? { runtimeDirRefused: callerText(runtimeDirRefused, 500) } : {}),
		command: command as string,
	};
}
