import { describe, expect, it } from 'vitest';
import { checkProof, jwkThumbprint } from '../../e2e/signin/dpop';
import { buildProof, newProofKey, newSealableProofKey, proofKeyFrom, proofTarget } from './dpop-proof';
import { createVaultHeader, open, seal } from './vault-crypto';

const url = 'https://us-east-1.signin.aws.amazon.com/v1/token';
const context = (now = Date.now()) => ({ method: 'POST', url, now: Math.floor(now / 1000), windowSeconds: 300 });

describe('DPoP proofs', () => {
	it("verify with the local Sign-In's verifier, with the public key only", async () => {
		const keys = await newProofKey();
		const proof = await buildProof(keys, 'POST', url);
		const checked = checkProof(proof, context());
		if (typeof checked === 'string') throw new Error(checked);
		expect(Object.keys(checked.jwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
		const header = JSON.parse(Buffer.from(proof.split('.')[0] ?? '', 'base64url').toString('utf8'));
		expect(header).toEqual({ typ: 'dpop+jwt', alg: 'ES256', jwk: checked.jwk });
		expect(Buffer.from(proof.split('.')[2] ?? '', 'base64url')).toHaveLength(64);
	});

	it('keep one thumbprint per key and a new jti per proof', async () => {
		const keys = await newProofKey();
		const [first, second] = await Promise.all([buildProof(keys, 'POST', url), buildProof(keys, 'POST', url)]);
		const [a, b] = [checkProof(first, context()), checkProof(second, context())];
		if (typeof a === 'string' || typeof b === 'string') throw new Error('refused');
		expect(a.thumbprint).toBe(b.thumbprint);
		expect(a.thumbprint).toBe(jwkThumbprint(a.jwk));
		expect(a.jti).not.toBe(b.jti);
		const other = checkProof(await buildProof(await newProofKey(), 'POST', url), context());
		expect(typeof other !== 'string' && other.thumbprint).not.toBe(a.thumbprint);
	});

	it('name the URL without its query, the method, and the time given', async () => {
		const keys = await newProofKey();
		expect(proofTarget(`${url}?x-amz-client-auth-method=iam#top`)).toBe(url);
		expect(typeof checkProof(await buildProof(keys, 'POST', `${url}?a=b`), context())).toBe('object');
		expect(checkProof(await buildProof(keys, 'GET', url), context())).toMatch(/htm/);
		const hourAgo = Date.now() - 3_600_000;
		expect(checkProof(await buildProof(keys, 'POST', url, hourAgo), context())).toMatch(/iat/);
		expect(typeof checkProof(await buildProof(keys, 'POST', url, hourAgo), context(hourAgo))).toBe('object');
	});

	it('are signed by a private key that cannot be exported in any format', async () => {
		const keys = await newProofKey();
		expect(keys.privateKey.extractable).toBe(false);
		for (const format of ['pkcs8', 'jwk'] as const) {
			await expect(crypto.subtle.exportKey(format, keys.privateKey)).rejects.toThrow();
		}
	});

	it('can be sealed in the vault and opened as the same key, non-extractable, for every later proof', async () => {
		const { keyBytes } = await createVaultHeader('correct horse battery staple', 1000);
		const text = await newSealableProofKey();
		const box = await seal(keyBytes, text, 'profile-1:proof-key');
		const keys = await proofKeyFrom(await open(keyBytes, box, 'profile-1:proof-key'));
		if (!keys) throw new Error('the sealed key did not open');
		expect(keys.privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('jwk', keys.privateKey)).rejects.toThrow();
		const [first, later] = await Promise.all([
			buildProof(keys, 'POST', url),
			proofKeyFrom(text).then((again) => again && buildProof(again, 'POST', url)),
		]);
		const [a, b] = [checkProof(first, context()), checkProof(later ?? '', context())];
		if (typeof a === 'string' || typeof b === 'string') throw new Error('refused');
		expect(a.thumbprint).toBe(b.thumbprint);
		expect(a.jwk).toEqual({ kty: 'EC', crv: 'P-256', x: JSON.parse(text).x, y: JSON.parse(text).y });
	});

	it.each([
		['not JSON', 'pem'],
		['a public key', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) })],
		['another curve', JSON.stringify({ kty: 'EC', crv: 'P-384', x: 'A'.repeat(43), y: 'A'.repeat(43), d: 'A'.repeat(43) })],
		['a point off the curve', JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43), d: 'A'.repeat(43) })],
	])('refuses opened text that is %s', async (_, text) => {
		expect(await proofKeyFrom(text)).toBeUndefined();
	});
});
