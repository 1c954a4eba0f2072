// Checks for everything a person types, run before any request: STS's own limits (which the SDK
// does not enforce) plus the mistakes people make most. Each refusal says what is wrong and how
// to fix it, in words fit to show next to the field.

import type { Result } from './result';

export type { Result };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

export { parseMfaCode } from './mfa-code';

/** STS's limits for DurationSeconds, and the cap AWS applies to the account root user. */
export const minDurationSeconds = 900;
export const maxDurationSeconds = 129_600;
export const rootMaxDurationSeconds = 3600;

/** The shortest passphrase accepted: it guards a long-term AWS key. */
export const minPassphraseLength = 10;

/** An MFA device's serial number or virtual-device ARN. */
export function parseMfaSerial(raw: string): Result<string> {
	const serial = raw.trim();
	if (serial === '') return fail('Enter the ARN of your MFA device (arn:aws:iam::ACCOUNT:mfa/NAME) or its serial number.');
	const userArn = /^arn:(aws[\w-]*):iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/.exec(serial);
	if (userArn) {
		const [, partition, account, user] = userArn;
		return fail(
			`This is the ARN of an IAM user, not of an MFA device. Paste the device's ARN instead, usually arn:${partition}:iam::${account}:mfa/${user} (IAM console → Security credentials → Multi-factor authentication).`,
		);
	}
	if (!/^[\w+=/:,.@-]*$/.test(serial)) {
		return fail('The MFA device ARN or serial number may only contain letters, digits and + = / : , . @ - _ (no spaces).');
	}
	if (serial.length < 9) return fail(`An MFA device ARN or serial number has at least 9 characters; this one has ${serial.length}.`);
	if (serial.length > 256) return fail(`An MFA device ARN or serial number has at most 256 characters; this one has ${serial.length}.`);
	if (serial.startsWith('arn:') && !/^arn:aws(-cn|-us-gov)?:iam::\d{12}:mfa\/[\w+=/,.@-]+$/.test(serial)) {
		return fail("This ARN is not an MFA device's. It looks like arn:aws:iam::123456789012:mfa/NAME.");
	}
	return ok(serial);
}

/** The partition named by an ARN (`aws`, `aws-us-gov`, `aws-cn`), if the text is an ARN. */
export function partitionOfArn(arn: string): string | undefined {
	return /^arn:(aws(?:-cn|-us-gov)?):/.exec(arn)?.[1];
}

/** A long-term access key ID; temporary ASIA keys cannot call GetSessionToken. */
export function parseAccessKeyId(raw: string): Result<string> {
	const id = raw.trim();
	if (id === '') return fail("Enter your IAM user's access key ID (it starts with AKIA).");
	if (!/^\w+$/.test(id)) return fail('An access key ID has letters and digits only: copy it again without spaces or other characters.');
	if (id.length < 16 || id.length > 128) return fail(`An access key ID has 16 to 128 characters (usually 20); this one has ${id.length}.`);
	if (id.startsWith('ASIA')) {
		return fail("This is a temporary key (ASIA…). GetSessionToken needs your IAM user's long-term key, which starts with AKIA.");
	}
	return ok(id);
}

/** A secret access key: outer whitespace from copying is trimmed, inner whitespace is refused. */
export function parseSecretAccessKey(raw: string): Result<string> {
	const secret = raw.trim();
	if (secret === '') return fail('Enter the secret access key that was shown with your access key ID.');
	if (/\s/.test(secret)) return fail('The secret access key contains a space or line break: copy it again in one piece.');
	return ok(secret);
}

/** A session duration in seconds, within STS's limits. */
export function parseDurationSeconds(seconds: number): Result<number> {
	if (!Number.isInteger(seconds)) return fail('Enter the session duration in whole hours and minutes.');
	if (seconds < minDurationSeconds) return fail('A session lasts at least 15 minutes.');
	if (seconds > maxDurationSeconds) return fail('A session lasts at most 36 hours.');
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
	if (name === '') return fail('Enter a name for this profile, such as work or personal.');
	if (name.length > 64) return fail(`A profile name has at most 64 characters; this one has ${name.length}.`);
	if (!/^[\w.+@-]+$/.test(name)) {
		return fail('Use letters, digits and . _ - + @ only: the name becomes a [section] of your credentials file.');
	}
	if (name !== current && others.some((other) => other.toLowerCase() === name.toLowerCase())) {
		return fail(`There is already a profile named ${name}. Choose another name.`);
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
		return fail('This is not a valid URL. Enter one like https://sts.eu-west-1.amazonaws.com, or leave it blank.');
	}
	if (url.username || url.password) return fail('Remove the user name and password from the URL: the request is signed with your key.');
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return fail('Use https: plain http is only allowed for an emulator on this computer (127.0.0.1 or localhost).');
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('The STS endpoint must start with https://.');
	if (url.search || url.hash) return fail('Remove the ? query or # fragment from the URL.');
	return ok(url.href.replace(/\/$/, ''));
}

/** A new passphrase, and its confirmation when one is given. */
export function parsePassphrase(passphrase: string, confirmation?: string): Result<string> {
	if (passphrase === '') return fail('Choose a passphrase: it encrypts your secret access key.');
	if (passphrase.length < minPassphraseLength) {
		return fail(`Use at least ${minPassphraseLength} characters; this passphrase has ${passphrase.length}.`);
	}
	if (confirmation !== undefined && confirmation !== passphrase) return fail('The two passphrases differ. Type the same passphrase twice.');
	return ok(passphrase);
}
