import { describe, expect, it } from 'vitest';
import { checkProof, jwkThumbprint } from '../../e2e/signin/dpop';
import { buildProof, newProofKey, proofTarget } from './dpop-proof';

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
});
