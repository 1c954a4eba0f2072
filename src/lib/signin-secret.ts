// What a console sign-in keeps sealed in the vault: the refresh token and the proof key it is bound
// to, in ONE sealed text, so a rotated token and its key are written together in one storage write
// (the old token is dropped by that same write, never before it). The box sits under its own id
// beside the profiles' secret access keys, so a passphrase change re-seals it with them.
import { t } from '../i18n';
import type { Result } from './result';
import type { SigninRefusal } from './signin-answer';
import { crossDeviceClient, sameDeviceClient } from './signin-request';

export interface SigninSecret {
	/** The client the sign-in began with: AWS Sign-In refreshes a token only for the same one. */
	clientId: typeof sameDeviceClient | typeof crossDeviceClient;
	refreshToken: string;
	/** The P-256 private key as JWK text (dpop-proof's `newSealableProofKey`), opened only to sign. */
	proofKey: string;
}

/** The vault id a sign-in's secret is sealed under: never a profile id, so it cannot open as an access key. */
export const signinSecretId = (profileId: string) => `signin:${profileId}`;

/** The text to seal. */
export const packSigninSecret = ({ clientId, refreshToken, proofKey }: SigninSecret) =>
	JSON.stringify({ clientId, refreshToken, proofKey });

/** The opened text read back; anything else (another kind of secret, a damaged box) is refused. */
export function unpackSigninSecret(text: string): Result<SigninSecret> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, error: t('signinSecretDamaged') };
	}
	const { clientId, refreshToken, proofKey } = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
	if (
		(clientId !== sameDeviceClient && clientId !== crossDeviceClient) ||
		typeof refreshToken !== 'string' ||
		!/^[\x21-\x7e]{16,8192}$/.test(refreshToken) ||
		typeof proofKey !== 'string' ||
		proofKey.length > 1024
	) {
		return { ok: false, error: t('signinSecretDamaged') };
	}
	return { ok: true, value: { clientId, refreshToken, proofKey } };
}

/** When the worker refreshes: 5 minutes before the credentials end, as AWS's CLI does, or now if later. */
export const signinRefreshAt = (expiration: string, now: number) => Math.max(now, Date.parse(expiration) - 5 * 60_000);

/** Why the popup asks to sign in again, from the Sign-In's refusal code. */
export function signInAgainReason(code: SigninRefusal): string {
	if (code === 'TOKEN_EXPIRED') return t('signInAgainExpired');
	if (code === 'USER_CREDENTIALS_CHANGED') return t('signInAgainChanged');
	if (code === 'INSUFFICIENT_PERMISSIONS') return t('signInAgainPermissions');
	return t('signInAgainRefused');
}
