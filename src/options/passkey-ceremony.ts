// The WebAuthn side of passkeys, run by a page that can hold the browser's dialog (the options
// page). The PRF output goes to the worker over its own port and is kept nowhere else.
import { t } from '../i18n';
import { type PasskeyAnswer, type PasskeyRequest, passkeyPortName, prfInput } from '../lib/passkey-input';
import { UserError } from '../lib/user-error';
import { fromBase64, toBase64 } from '../lib/vault-crypto';
import browser from '../page-browser';

const evaluate = { first: new TextEncoder().encode(prfInput) };
const timeout = 120_000;

function toBase64url(bytes: ArrayBuffer): string {
	return toBase64(new Uint8Array(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
	const plain = text.replace(/-/g, '+').replace(/_/g, '/');
	return fromBase64(plain + '='.repeat((4 - (plain.length % 4)) % 4));
}

function challenge(): Uint8Array<ArrayBuffer> {
	// Nobody checks the assertion's signature (there is no server): the PRF output is what unlocks.
	return crypto.getRandomValues(new Uint8Array(32));
}

/** Turns a ceremony's failure into what a person reads: cancelled, or which error the browser gave. */
function ceremonyError(error: unknown): UserError {
	if (error instanceof UserError) return error;
	const name = error instanceof Error ? error.name : 'Error';
	if (name === 'NotAllowedError' || name === 'AbortError') return new UserError(t('passkeyCancelled'), 'passkey', 'cancelled');
	// A browser that refuses WebAuthn on extension pages altogether.
	if (name === 'SecurityError') return new UserError(t('prfUnsupported'), 'passkey', 'unsupported');
	return new UserError(t('passkeyFailed', name), 'passkey', 'failed');
}

function prfOutputOf(credential: PublicKeyCredential): string | undefined {
	const first = credential.getClientExtensionResults().prf?.results?.first;
	if (!first) return undefined;
	return toBase64(first instanceof ArrayBuffer ? new Uint8Array(first) : new Uint8Array(first.buffer, first.byteOffset, first.byteLength));
}

/** Asks for one of the given credentials and returns its id and PRF output. */
export async function passkeyPrf(credentialIds: readonly string[]): Promise<{ credentialId: string; prfOutput: string }> {
	let credential: PublicKeyCredential;
	try {
		credential = (await navigator.credentials.get({
			publicKey: {
				challenge: challenge(),
				allowCredentials: credentialIds.map((id) => ({ type: 'public-key', id: fromBase64url(id) })),
				userVerification: 'required',
				timeout,
				extensions: { prf: { eval: evaluate } },
			},
		})) as PublicKeyCredential;
	} catch (error) {
		throw ceremonyError(error);
	}
	const prfOutput = prfOutputOf(credential);
	if (!prfOutput) throw new UserError(t('passkeyNoPrf'), 'passkey', 'no-prf');
	return { credentialId: toBase64url(credential.rawId), prfOutput };
}

/** Makes a new credential for this extension and returns its id and PRF output (asking once more where creation gives none). */
export async function createPasskey(name: string, existing: readonly string[]): Promise<{ credentialId: string; prfOutput: string }> {
	let credential: PublicKeyCredential;
	try {
		credential = (await navigator.credentials.create({
			publicKey: {
				// No id: the relying party is the extension's own origin.
				rp: { name: t('extensionName') },
				user: { id: crypto.getRandomValues(new Uint8Array(16)), name, displayName: name },
				challenge: challenge(),
				pubKeyCredParams: [
					{ type: 'public-key', alg: -7 },
					{ type: 'public-key', alg: -8 },
					{ type: 'public-key', alg: -257 },
				],
				authenticatorSelection: { residentKey: 'discouraged', userVerification: 'required' },
				excludeCredentials: existing.map((id) => ({ type: 'public-key', id: fromBase64url(id) })),
				timeout,
				extensions: { prf: { eval: evaluate } },
			},
		})) as PublicKeyCredential;
	} catch (error) {
		throw ceremonyError(error);
	}
	const credentialId = toBase64url(credential.rawId);
	const prfOutput = prfOutputOf(credential);
	if (prfOutput) return { credentialId, prfOutput };
	// Some authenticators evaluate PRF only when asked for an assertion; one that has no PRF says so here.
	if (credential.getClientExtensionResults().prf?.enabled !== true) throw new UserError(t('passkeyNoPrf'), 'passkey', 'no-prf');
	return passkeyPrf([credentialId]);
}

/** Hands one request to the worker over a port of its own, and waits for its answer. */
export function sendOverPasskeyPort(request: PasskeyRequest): Promise<void> {
	return new Promise((resolve, reject) => {
		const port = browser.runtime.connect({ name: passkeyPortName });
		port.onMessage.addListener((message: unknown) => {
			port.disconnect();
			const answer = message as PasskeyAnswer;
			if (answer.ok) resolve();
			else reject(UserError.from(answer));
		});
		port.onDisconnect.addListener(() => reject(new UserError(t('noAnswer'), 'passkey', 'no-answer')));
		port.postMessage(request);
	});
}
