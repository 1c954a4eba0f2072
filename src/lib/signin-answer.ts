// AWS Sign-In's token answers and errors, checked before anything is stored or shown. Shapes from
// the service model in @aws-sdk/nested-clients (signin: CreateOAuth2TokenResponseBody, the
// AccessDeniedException / ValidationException members {error, message}, OAuth2ErrorCode) and
// aws-cli's login utils (the idToken's `sub` is the session's ARN and names the account).
import type { SessionCredentials } from './model';
import type { Result } from './result';

export type Grant = 'authorization_code' | 'refresh_token';

export interface TokenAnswer {
	credentials: SessionCredentials;
	refreshToken: string;
	/** The ARN the idToken names; only with a code exchange. */
	subject?: string;
}

/** AWS's credentials from sign-in last 15 minutes. */
export const maxExpiresIn = 900;

const base64 = /^[A-Za-z0-9+/=]+$/;
const within = (value: unknown, pattern: RegExp, min: number, max: number): value is string =>
	typeof value === 'string' && value.length >= min && value.length <= max && pattern.test(value);

/** An IAM user, the root user, or a role session, as the idToken's subject may name. */
const principalArn =
	/^arn:aws(-cn|-us-gov)?:(iam::\d{12}:(root|user\/[\w+=,.@/-]{1,512})|sts::\d{12}:assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64})$/;

/** Whether a text is an ARN of someone who can sign in to the console. */
export const isPrincipalArn = (value: unknown): value is string => typeof value === 'string' && principalArn.test(value);

/** The `sub` of a JWT's claims, if it is a principal's ARN (the signature is AWS's to check; only its shape is read). */
export function subjectOf(idToken: unknown): string | undefined {
	if (!within(idToken, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, 10, 16_384)) return undefined;
	try {
		const part = (idToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
		const claims: unknown = JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '=')));
		const sub = typeof claims === 'object' && claims !== null ? (claims as { sub?: unknown }).sub : undefined;
		return isPrincipalArn(sub) ? sub : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Checks a refresh answer (no idToken comes with one); the error names the field that is not what
 * AWS sends. Apart from the code exchange's idToken check, so the worker, which only refreshes,
 * carries no more than this.
 */
export function checkRefreshAnswer(answer: unknown, now: number): Result<TokenAnswer> {
	const fail = (field: string): Result<TokenAnswer> => ({ ok: false, error: field });
	if (typeof answer !== 'object' || answer === null) return fail('answer');
	const { accessToken, tokenType, expiresIn, refreshToken } = answer as Record<string, unknown>;
	if (tokenType !== 'aws_sigv4') return fail('tokenType');
	if (typeof accessToken !== 'object' || accessToken === null) return fail('accessToken');
	const { accessKeyId, secretAccessKey, sessionToken } = accessToken as Record<string, unknown>;
	if (!within(accessKeyId, /^ASIA[A-Z0-9]+$/, 16, 128)) return fail('accessKeyId');
	if (!within(secretAccessKey, base64, 16, 256)) return fail('secretAccessKey');
	if (!within(sessionToken, base64, 16, 16_384)) return fail('sessionToken');
	if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > maxExpiresIn) return fail('expiresIn');
	if (!within(refreshToken, /^[\x21-\x7e]+$/, 16, 8192)) return fail('refreshToken');
	const expiration = new Date(now + expiresIn * 1000).toISOString();
	return { ok: true, value: { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration }, refreshToken } };
}

/** Checks a /v1/token answer of either grant; a code exchange's must name who signed in. */
export function checkTokenAnswer(answer: unknown, grant: Grant, now: number): Result<TokenAnswer> {
	const checked = checkRefreshAnswer(answer, now);
	if (!checked.ok || grant === 'refresh_token') return checked;
	const subject = subjectOf((answer as { idToken?: unknown }).idToken);
	return subject ? { ok: true, value: { ...checked.value, subject } } : { ok: false, error: 'idToken' };
}

/** The error codes a person has to sign in again after, and the ones that are a fault of the request. */
export type SigninRefusal =
	| 'TOKEN_EXPIRED'
	| 'USER_CREDENTIALS_CHANGED'
	| 'AUTHCODE_EXPIRED'
	| 'INSUFFICIENT_PERMISSIONS'
	| 'INVALID_REQUEST'
	| 'OTHER';

const known = new Set<string>([
	'TOKEN_EXPIRED',
	'USER_CREDENTIALS_CHANGED',
	'AUTHCODE_EXPIRED',
	'INSUFFICIENT_PERMISSIONS',
	'INVALID_REQUEST',
]);

/** Reads an error answer `{error, message}`; unknown or missing codes are OTHER. */
export function refusalOf(body: unknown): { code: SigninRefusal; message: string } {
	const { error, message } = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
	const code = typeof error === 'string' && known.has(error) ? (error as SigninRefusal) : 'OTHER';
	const text = typeof message === 'string' ? message.replace(/[^\x20-\x7e]/g, '').slice(0, 300) : '';
	return { code, message: text };
}

/** Whether a refusal ends the session: the person must sign in again (a retry cannot help). */
export const endsSession = (code: SigninRefusal) => code !== 'OTHER';
