// DPoP proofs (RFC 9449) for AWS Sign-In's token endpoint, in the form AWS's clients send them
// (@aws-sdk/credential-provider-login 3.972.92 `generateDpop`): header {alg: ES256, typ: dpop+jwt,
// jwk: {kty, crv, x, y}}, claims {jti, htm, htu, iat}, signature raw r||s. Unlike those clients,
// which keep the private key as a PEM in the cache file, the key here is a WebCrypto key made
// non-extractable: it can sign, but no script, not even this extension's, can read it out.
import { toBase64 } from './vault-crypto';

/** Unpadded base64url of bytes. */
export const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const algorithm = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/**
 * A new P-256 signing key; its private half cannot be exported (`extractable: false`). Stored as a
 * CryptoKey in IndexedDB it stays unexportable by any script, but Chromium writes its bytes to the
 * profile unencrypted (e2e/signin/proof-key.spec.ts); `newSealableProofKey` is the sealed choice.
 */
export function newProofKey(): Promise<CryptoKeyPair> {
	return crypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
}

/**
 * A new P-256 key as the JWK text to seal in the vault, like a secret access key: encrypted at rest,
 * re-sealed with the vault on a passphrase change. It is text only between here and `seal`.
 */
export async function newSealableProofKey(): Promise<string> {
	const { privateKey } = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const { kty, crv, x, y, d } = await crypto.subtle.exportKey('jwk', privateKey);
	return JSON.stringify({ kty, crv, x, y, d });
}

const coordinate = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);

/** The signing key from its opened JWK text, imported non-extractable; undefined when the text is not a P-256 private key. */
export async function proofKeyFrom(text: string): Promise<CryptoKeyPair | undefined> {
	let jwk: Record<string, unknown>;
	try {
		jwk = JSON.parse(text);
	} catch {
		return undefined;
	}
	const { kty, crv, x, y, d } = jwk;
	if (kty !== 'EC' || crv !== 'P-256' || !coordinate(x) || !coordinate(y) || !coordinate(d)) return undefined;
	try {
		const [privateKey, publicKey] = await Promise.all([
			crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, algorithm, false, ['sign']),
			crypto.subtle.importKey('jwk', { kty, crv, x, y }, algorithm, true, ['verify']),
		]);
		return { privateKey, publicKey };
	} catch {
		return undefined;
	}
}

/** The URL a proof names: no query, no fragment (RFC 9449 §4.2). */
export function proofTarget(url: string): string {
	const parsed = new URL(url);
	return `${parsed.origin}${parsed.pathname}`;
}

const encodeJson = (value: object) => base64url(new TextEncoder().encode(JSON.stringify(value)));

/** A signed proof for one request. */
export async function buildProof(keys: CryptoKeyPair, method: string, url: string, now = Date.now()): Promise<string> {
	const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
	if (kty !== 'EC' || crv !== 'P-256' || !x || !y) throw new Error('The proof key is not a P-256 key.');
	const header = encodeJson({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } });
	const claims = encodeJson({ jti: crypto.randomUUID(), htm: method, htu: proofTarget(url), iat: Math.floor(now / 1000) });
	const signed = `${header}.${claims}`;
	// WebCrypto's ECDSA signature already is the raw r||s form JWS wants.
	const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, new TextEncoder().encode(signed));
	return `${signed}.${base64url(new Uint8Array(signature))}`;
}
