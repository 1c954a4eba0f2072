// What crosses the passkey port from a page to the worker, checked at that boundary, and the
// name a person gives a passkey.
import { t } from '../i18n';
import type { Result } from './result';
import type { ErrorInfo } from './user-error';

/** The port a page opens to hand over one ceremony's PRF output; never a broadcast message. */
export const passkeyPortName = 'passkey-prf';

/** What every ceremony asks the authenticator's PRF to evaluate: fixed, so one credential always gives one output. */
export const prfInput = 'mfa-session vault unlock v1';

/** The longest passkey name kept. */
export const maxPasskeyNameLength = 64;

/** A request over the passkey port: unlock with a ceremony's result, or add the credential just made. */
export type PasskeyRequest =
	| { kind: 'unlock'; credentialId: string; prfOutput: string }
	| { kind: 'add'; credentialId: string; prfOutput: string; name: string; passphrase: string };

/** The worker's answer on the port. */
export type PasskeyAnswer = { ok: true } | ({ ok: false } & ErrorInfo);

const base64url = /^[A-Za-z0-9_-]{16,1366}$/;
// A PRF output is 32 bytes: 44 base64 characters ending in one `=`.
const prfBase64 = /^[A-Za-z0-9+/]{43}=$/;

/** A passkey's name: trimmed, not empty, not too long. */
export function parsePasskeyName(raw: string): Result<string> {
	const name = String(raw).trim();
	if (name === '') return { ok: false, error: t('passkeyNameMissing') };
	if (name.length > maxPasskeyNameLength) return { ok: false, error: t('passkeyNameTooLong', maxPasskeyNameLength) };
	return { ok: true, value: name };
}

/** Checks a message from the port: its kind, and every field's type and shape; anything else is refused. */
export function parsePasskeyRequest(message: unknown): PasskeyRequest | undefined {
	if (typeof message !== 'object' || message === null) return undefined;
	const { kind, credentialId, prfOutput, name, passphrase } = message as Record<string, unknown>;
	if (typeof credentialId !== 'string' || !base64url.test(credentialId)) return undefined;
	if (typeof prfOutput !== 'string' || !prfBase64.test(prfOutput)) return undefined;
	if (kind === 'unlock') return { kind, credentialId, prfOutput };
	if (kind !== 'add' || typeof name !== 'string' || typeof passphrase !== 'string') return undefined;
	if (name.length > 1024 || passphrase.length > 4096) return undefined;
	return { kind, credentialId, prfOutput, name, passphrase };
}
