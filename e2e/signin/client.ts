// A bare Node client of the local Sign-In, for the fake's own tests: it builds proofs and requests
// the way AWS's clients do (see dpop.ts and server.ts for the sources), with overrides to break
// each part on purpose.
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, randomUUID, sign } from 'node:crypto';

export interface ProofKey {
	privateKey: KeyObject;
	jwk: { kty: string; crv: string; x: string; y: string; d?: string };
}

export function newProofKey(): ProofKey {
	const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const { kty = '', crv = '', x = '', y = '' } = publicKey.export({ format: 'jwk' });
	return { privateKey, jwk: { kty, crv, x, y } };
}

export interface ProofOverrides {
	header?: Record<string, unknown>;
	claims?: Record<string, unknown>;
	/** DER instead of raw r||s. */
	der?: boolean;
	/** Signs with this key while claiming the jwk of the other. */
	signWith?: KeyObject;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function proof(key: ProofKey, url: string, overrides: ProofOverrides = {}): string {
	const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk, ...overrides.header };
	const claims = { htm: 'POST', htu: url, iat: Math.floor(Date.now() / 1000), jti: randomUUID(), ...overrides.claims };
	const unsigned = `${encode(header)}.${encode(claims)}`;
	const signature = sign('sha256', Buffer.from(unsigned), {
		key: overrides.signWith ?? key.privateKey,
		dsaEncoding: overrides.der ? 'der' : 'ieee-p1363',
	});
	return `${unsigned}.${signature.toString('base64url')}`;
}

export function pkcePair() {
	const verifier = randomBytes(48).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeQuery(values: { clientId: string; redirectUri: string; challenge: string; state: string }, extra = {}) {
	return new URLSearchParams({
		response_type: 'code',
		client_id: values.clientId,
		state: values.state,
		code_challenge_method: 'SHA-256',
		scope: 'openid',
		redirect_uri: values.redirectUri,
		code_challenge: values.challenge,
		...extra,
	});
}

/** Opens the authorize page, presses Allow, and answers where the browser is sent. */
export const approve = (base: string, query: URLSearchParams) => approveAt(`${base}/v1/authorize?${query}`);

/** Opens an authorize URL as given, presses Allow, and answers where the browser is sent. */
export async function approveAt(authorizeUrl: string): Promise<URL> {
	const page = await fetch(authorizeUrl);
	const base = new URL(authorizeUrl).origin;
	const html = await page.text();
	const request = /name="request" value="([0-9a-f]+)"/.exec(html)?.[1];
	if (page.status !== 200 || !request) throw new Error(`authorize refused (${page.status}): ${html}`);
	const allowed = await fetch(`${base}/v1/authorize/allow`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ request }),
		redirect: 'manual',
	});
	const location = allowed.headers.get('location');
	if (allowed.status !== 302 || !location) throw new Error(`allow refused (${allowed.status})`);
	return new URL(location);
}

export async function postToken(base: string, body: Record<string, unknown>, dpop: string | undefined) {
	const response = await fetch(`${base}/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(dpop ? { dpop } : {}) },
		body: JSON.stringify(body),
	});
	return {
		status: response.status,
		type: response.headers.get('x-amzn-errortype'),
		body: (await response.json()) as Record<string, unknown>,
	};
}
