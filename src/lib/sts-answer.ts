// STS's answers are checked before anything is stored or shown: a session is only what AWS could
// have issued. An endpoint that answers with control characters, a key of the wrong kind or an
// expiry it could not grant is refused, and the previous session stays.
import type { Identity, SessionCredentials } from './model';
import type { Result } from './result';

/** What the SDK hands back for a session, every field possibly missing or odd. */
export interface RawSession {
	AccessKeyId?: unknown;
	SecretAccessKey?: unknown;
	SessionToken?: unknown;
	Expiration?: unknown;
}

export interface SessionRules {
	/** The answer came from AWS's own STS host, whose session keys always start with ASIA. */
	fromAws: boolean;
	/** The session length asked for, in seconds. */
	durationSeconds: number;
	now: number;
}

/** How far a clock may be off, as AWS allows for signatures. */
export const clockSkewMs = 15 * 60_000;

const base64 = /^[A-Za-z0-9+/=]+$/;

function within(value: unknown, pattern: RegExp, min: number, max: number): value is string {
	return typeof value === 'string' && value.length >= min && value.length <= max && pattern.test(value);
}

/** Checks a session answer; the error names the field that is not what STS sends. */
export function checkSession(answer: RawSession, rules: SessionRules): Result<SessionCredentials> {
	const { AccessKeyId: id, SecretAccessKey: secret, SessionToken: token, Expiration: expiration } = answer;
	if (!within(id, /^[A-Z0-9]+$/, 16, 128)) return { ok: false, error: 'AccessKeyId' };
	if (rules.fromAws && !id.startsWith('ASIA')) return { ok: false, error: 'AccessKeyId' };
	if (!within(secret, base64, 16, 256)) return { ok: false, error: 'SecretAccessKey' };
	if (!within(token, base64, 16, 16_384)) return { ok: false, error: 'SessionToken' };
	const expires = expiration instanceof Date ? expiration.getTime() : Number.NaN;
	const latest = rules.now + rules.durationSeconds * 1000 + clockSkewMs;
	if (!Number.isFinite(expires) || expires <= rules.now || expires > latest) return { ok: false, error: 'Expiration' };
	return {
		ok: true,
		value: { accessKeyId: id, secretAccessKey: secret, sessionToken: token, expiration: new Date(expires).toISOString() },
	};
}

/** GetCallerIdentity's answer, or undefined when it is not an AWS account and ARN. */
export function checkIdentity(answer: { Account?: unknown; Arn?: unknown }): Identity | undefined {
	const { Account: account, Arn: arn } = answer;
	if (!within(account, /^\d{12}$/, 12, 12)) return undefined;
	if (!within(arn, /^arn:aws(-[a-z]+)*:(iam|sts)::\d{12}:[\w+=,.@/:-]+$/, 20, 2048)) return undefined;
	if (arn.split(':')[4] !== account) return undefined;
	return { account, arn };
}
