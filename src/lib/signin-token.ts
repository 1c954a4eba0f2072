// One request to AWS Sign-In's token endpoint (`POST {base}/v1/token`, camelCase JSON, a DPoP proof
// from the sealed key), and what came of it: checked credentials, or the refusal with its code. The
// same calls serve the options page's code exchange and the worker's refresh; the check is passed
// in, so the worker does not carry the idToken rules.
import { t } from '../i18n';
import { buildProof, proofKeyFrom } from './dpop-proof';
import type { SessionCredentials } from './model';
import type { Result } from './result';
import { checkRefreshAnswer, checkTokenAnswer, refusalOf, type SigninRefusal, type TokenAnswer } from './signin-answer';
import type { SigninStart } from './signin-request';
import type { SigninSecret } from './signin-secret';

/** A refusal keeps AWS's code, so the caller knows whether signing in again is the only way on. */
export type TokenOutcome<T> = { ok: true; value: T } | { ok: false; refusal: SigninRefusal; error: string };

async function post<T>(
	base: string,
	proofKey: string,
	body: object,
	check: (answer: unknown) => Result<T>,
	send: typeof fetch,
): Promise<TokenOutcome<T>> {
	const keys = await proofKeyFrom(proofKey);
	if (!keys) return { ok: false, refusal: 'OTHER', error: t('signinSecretDamaged') };
	const url = `${base}/v1/token`;
	let status: number;
	let answer: unknown;
	try {
		const response = await send(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', dpop: await buildProof(keys, 'POST', url) },
			body: JSON.stringify(body),
		});
		status = response.status;
		answer = await response.json().catch(() => undefined);
	} catch {
		return { ok: false, refusal: 'OTHER', error: t('signinUnreachable', new URL(base).host) };
	}
	if (status !== 200) {
		const { code, message } = refusalOf(answer);
		return { ok: false, refusal: code, error: message || t('signinRefused', status) };
	}
	const checked = check(answer);
	return checked.ok ? checked : { ok: false, refusal: 'OTHER', error: t('signinBadAnswer', checked.error) };
}

/** Redeems the code of a sign-in with its PKCE verifier; the answer must name who signed in. */
export function redeemCode(
	base: string,
	start: SigninStart,
	code: string,
	proofKey: string,
	send: typeof fetch = fetch,
): Promise<TokenOutcome<TokenAnswer & { subject: string }>> {
	const body = {
		clientId: start.clientId,
		grantType: 'authorization_code',
		code,
		codeVerifier: start.verifier,
		redirectUri: start.redirectUri,
	};
	return post(
		base,
		proofKey,
		body,
		(answer) => checkTokenAnswer(answer, 'authorization_code', Date.now()) as Result<TokenAnswer & { subject: string }>,
		send,
	);
}

/**
 * Fresh credentials for a sealed sign-in, and the secret to seal in place of the old one (the token
 * rotates with every use: the old one is refused from now on, so the new one must be stored first).
 */
export function refreshSignin(
	base: string,
	secret: SigninSecret,
	send: typeof fetch = fetch,
): Promise<TokenOutcome<{ credentials: SessionCredentials; secret: SigninSecret }>> {
	const body = { clientId: secret.clientId, grantType: 'refresh_token', refreshToken: secret.refreshToken };
	return post(
		base,
		secret.proofKey,
		body,
		(answer) => {
			const checked = checkRefreshAnswer(answer, Date.now());
			return checked.ok
				? { ok: true, value: { credentials: checked.value.credentials, secret: { ...secret, refreshToken: checked.value.refreshToken } } }
				: checked;
		},
		send,
	);
}
