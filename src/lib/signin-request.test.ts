import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64url } from './dpop-proof';
import {
	authorizeUrl,
	codeFromPaste,
	codeFromRedirect,
	crossDeviceClient,
	newPkce,
	sameDeviceClient,
	signinBase,
	startSignin,
} from './signin-request';

const base = 'https://eu-west-1.signin.aws.amazon.com';
const paste = (text: string) => Buffer.from(text).toString('base64');

describe('PKCE', () => {
	it('makes a 64-character unreserved verifier whose challenge is unpadded base64url SHA-256', async () => {
		const { verifier, challenge } = await newPkce();
		expect(verifier).toMatch(/^[A-Za-z0-9_-]{64}$/);
		expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
		expect(challenge).toHaveLength(43);
		expect((await newPkce()).verifier).not.toBe(verifier);
	});

	it('encodes base64url without padding', () => {
		expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
	});
});

describe('authorize URL', () => {
	it("carries aws-cli's parameters for a same-device sign-in to the loopback callback", async () => {
		const start = await startSignin(base, 49_152);
		const url = new URL(authorizeUrl(base, start));
		expect(`${url.origin}${url.pathname}`).toBe(`${base}/v1/authorize`);
		expect([...url.searchParams.keys()]).toEqual([
			'response_type',
			'client_id',
			'state',
			'code_challenge_method',
			'scope',
			'redirect_uri',
			'code_challenge',
		]);
		expect(Object.fromEntries(url.searchParams)).toEqual({
			response_type: 'code',
			client_id: sameDeviceClient,
			state: start.state,
			code_challenge_method: 'SHA-256',
			scope: 'openid',
			redirect_uri: 'http://127.0.0.1:49152/oauth/callback',
			code_challenge: start.challenge,
		});
	});

	it('sends a cross-device sign-in to the confirmation page', async () => {
		const start = await startSignin(base);
		expect(start).toMatchObject({ clientId: crossDeviceClient, redirectUri: `${base}/v1/sessions/confirmation` });
	});

	it('knows the sign-in host of commercial regions only', () => {
		expect(signinBase('us-east-1')).toBe('https://us-east-1.signin.aws.amazon.com');
		expect(signinBase('cn-north-1')).toBeUndefined();
		expect(signinBase('us-gov-west-1')).toBeUndefined();
		expect(signinBase('evil.example.com/')).toBeUndefined();
	});
});

describe('the code coming back', () => {
	const start = { redirectUri: 'http://127.0.0.1:49152/oauth/callback', state: '6f1c4a52-0000-4000-8000-000000000001' };

	it('is read from this sign-in’s redirect only', () => {
		expect(codeFromRedirect(`${start.redirectUri}?code=abc_DEF-123&state=${start.state}`, start)).toEqual({
			ok: true,
			value: 'abc_DEF-123',
		});
		expect(codeFromRedirect(`http://127.0.0.1:49153/oauth/callback?code=x&state=${start.state}`, start)).toBeUndefined();
		expect(codeFromRedirect(`http://localhost:49152/oauth/callback?code=x&state=${start.state}`, start)).toBeUndefined();
		expect(codeFromRedirect('not a url', start)).toBeUndefined();
	});

	it('is refused with another state, without a code, or with an error', () => {
		expect(codeFromRedirect(`${start.redirectUri}?code=abc&state=other`, start)).toMatchObject({ ok: false, error: /another sign-in/ });
		expect(codeFromRedirect(`${start.redirectUri}?state=${start.state}`, start)).toMatchObject({ ok: false });
		expect(codeFromRedirect(`${start.redirectUri}?error=access_denied&state=${start.state}`, start)).toMatchObject({
			ok: false,
			error: /access_denied/,
		});
		expect(codeFromRedirect(`${start.redirectUri}?code=a%20b&state=${start.state}`, start)).toMatchObject({ ok: false });
	});

	it('is read from a pasted cross-device code, with spaces around it', () => {
		expect(codeFromPaste(`  ${paste(`state=${start.state}&code=xyz`)}\n`, start.state)).toEqual({ ok: true, value: 'xyz' });
		expect(codeFromPaste(paste(`code=xyz&state=${start.state}`), start.state)).toEqual({ ok: true, value: 'xyz' });
	});

	it.each([
		['empty', ''],
		['not base64', 'state=a&code=b'],
		['another state', paste('state=old&code=xyz')],
		['no code', paste(`state=${start.state}`)],
		['control characters', paste(`state=${start.state}&code=x\u001b[2K`)],
	])('is refused from a paste that is %s', (_, text) => {
		expect(codeFromPaste(text, start.state).ok).toBe(false);
	});
});
