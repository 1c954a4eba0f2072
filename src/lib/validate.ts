// Checks for everything a person types, run before any request: STS's own limits (which the SDK
// does not enforce) plus the mistakes people make most. Each refusal says what is wrong and how
// to fix it, in words fit to show next to the field.

import { t } from '../i18n';
import { isServedPartition } from './endpoints';
import type { Result } from './result';
import { reservedNameReason } from './section-names';

export type { Result };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** STS's limits for DurationSeconds, and the cap AWS applies to the account root user. */
export const minDurationSeconds = 900;
export const maxDurationSeconds = 129_600;
export const rootMaxDurationSeconds = 3600;
/** The longest session a role can be configured for (its MaxSessionDuration at most 12 h). */
export const maxRoleDurationSeconds = 43_200;

/** The shortest passphrase accepted: it guards a long-term AWS key. */
export const minPassphraseLength = 10;

/** An MFA device's serial number or virtual-device ARN. */
export function parseMfaSerial(raw: string): Result<string> {
	const serial = raw.trim();
	if (serial === '') return fail(t('mfaSerialEmpty'));
	const userArn = /^arn:(aws[\w-]*):iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(serial);
	if (userArn) {
		const [, partition, account, user] = userArn;
		return fail(t('mfaSerialIsUser', `arn:${partition}:iam::${account}:mfa/${user}`));
	}
	if (!/^[\w+=/:,.@-]*$/.test(serial)) {
		return fail(t('mfaSerialCharacters'));
	}
	if (serial.length < 9) return fail(t('mfaSerialTooShort', serial.length));
	if (serial.length > 256) return fail(t('mfaSerialTooLong', serial.length));
	const device = /^arn:(aws[\w-]*):iam::\d{12}:mfa\/[\w+=/,.@-]+$/.exec(serial);
	if (serial.startsWith('arn:') && !(device?.[1] && isServedPartition(device[1]))) {
		return fail(t('mfaSerialNotDevice'));
	}
	return ok(serial);
}

/** The partition named by an ARN (`aws`, `aws-us-gov`, `aws-cn`, `aws-eusc`), if the text is an ARN of one the extension serves. */
export function partitionOfArn(arn: string): string | undefined {
	const partition = /^arn:(aws[\w-]*):/.exec(arn)?.[1];
	return partition && isServedPartition(partition) ? partition : undefined;
}

/** A long-term access key ID; temporary ASIA keys cannot call GetSessionToken. */
export function parseAccessKeyId(raw: string): Result<string> {
	const id = raw.trim();
	if (id === '') return fail(t('accessKeyIdEmpty'));
	if (!/^\w+$/.test(id)) return fail(t('accessKeyIdCharacters'));
	if (id.length < 16 || id.length > 128) return fail(t('accessKeyIdLength', id.length));
	if (id.startsWith('ASIA')) {
		return fail(t('accessKeyIdTemporary'));
	}
	return ok(id);
}

/** A secret access key: outer whitespace from copying is trimmed, inner whitespace is refused. */
export function parseSecretAccessKey(raw: string): Result<string> {
	const secret = raw.trim();
	if (secret === '') return fail(t('secretEmpty'));
	if (/\s/.test(secret)) return fail(t('secretWhitespace'));
	return ok(secret);
}

/** A session duration in seconds, within STS's limits. */
export function parseDurationSeconds(seconds: number): Result<number> {
	if (!Number.isInteger(seconds)) return fail(t('durationWhole'));
	if (seconds < minDurationSeconds) return fail(t('durationTooShort'));
	if (seconds > maxDurationSeconds) return fail(t('durationTooLong'));
	return ok(seconds);
}

/** The duration actually granted: AWS cuts root-user sessions to one hour. */
export function capDurationForIdentity(seconds: number, identityArn: string | undefined): { seconds: number; capped: boolean } {
	const isRoot = identityArn?.endsWith(':root') === true;
	if (isRoot && seconds > rootMaxDurationSeconds) return { seconds: rootMaxDurationSeconds, capped: true };
	return { seconds, capped: false };
}

/** A profile name that is unique and fits a `[section]` header of a credentials file. */
export function parseProfileName(raw: string, others: readonly string[], current?: string): Result<string> {
	const name = raw.trim();
	if (name === '') return fail(t('profileNameEmpty'));
	if (name.length > 64) return fail(t('profileNameTooLong', name.length));
	if (!/^[\w.+@-]+$/.test(name)) {
		return fail(t('profileNameCharacters'));
	}
	const reserved = reservedNameReason(name);
	if (reserved) return fail(reserved);
	if (name !== current && others.some((other) => other.toLowerCase() === name.toLowerCase())) {
		return fail(t('profileNameTaken', name));
	}
	return ok(name);
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL's host is the machine itself. */
export function isLoopbackHost(hostname: string): boolean {
	return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** An optional custom STS endpoint: https anywhere, http only on loopback. Blank means AWS's own. */
export function parseEndpoint(raw: string): Result<string | undefined> {
	const text = raw.trim();
	if (text === '') return ok(undefined);
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return fail(t('endpointInvalid'));
	}
	if (url.username || url.password) return fail(t('endpointCredentials'));
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return fail(t('endpointHttp'));
	}
	// The manifest grants these three loopback names; 127.0.0.2 and the like could never be asked for.
	if (isLoopbackHost(url.hostname) && !loopbackHosts.has(url.hostname)) return fail(t('endpointLoopbackOther'));
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail(t('endpointProtocol'));
	if (url.search || url.hash) return fail(t('endpointQuery'));
	return ok(url.href.replace(/\/$/, ''));
}

/** A new passphrase, and its confirmation when one is given. */
export function parsePassphrase(passphrase: string, confirmation?: string): Result<string> {
	if (passphrase === '') return fail(t('passphraseEmpty'));
	if (passphrase.length < minPassphraseLength) {
		return fail(t('passphraseTooShort', minPassphraseLength, passphrase.length));
	}
	if (confirmation !== undefined && confirmation !== passphrase) return fail(t('passphrasesDiffer'));
	return ok(passphrase);
}
