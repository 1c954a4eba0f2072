// The local Sign-In is only worth testing against if it refuses what AWS's protocol refuses: wrong
// redirects, PKCE, reused or late codes, every part of a DPoP proof, replayed or stolen refresh
// tokens, and it answers each error in the model's shape. Its credentials are the local STS's.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approve, authorizeQuery, newProofKey, type ProofOverrides, pkcePair, postToken, proof } from '../../e2e/signin/client';
import { crossDeviceClient, type SigninServer, sameDeviceClient, startSignin } from '../../e2e/signin/server';
import { alice, rootUser } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';

let sts: StsServer;
let signin: SigninServer;

beforeEach(async () => {
	sts = await startSts({ users: [alice, rootUser] });
	signin = await startSignin({ sts, user: alice });
});
afterEach(async () => {
	await signin.close();
	await sts.close();
});

const loopback = 'http://127.0.0.1:49152/oauth/callback';
const tokenUrl = () => `${signin.url}/v1/token`;

async function signIn(clientId = sameDeviceClient, redirectUri = loopback) {
	const { verifier, challenge } = pkcePair();
	const state = crypto.randomUUID();
	const landed = await approve(signin.url, authorizeQuery({ clientId, redirectUri, challenge, state }));
	return { verifier, state, landed, code: landed.searchParams.get('code') ?? '', clientId, redirectUri };
}

async function exchange(key = newProofKey()) {
	const started = await signIn();
	const answer = await postToken(
		signin.url,
		{
			clientId: sameDeviceClient,
			grantType: 'authorization_code',
			code: started.code,
			codeVerifier: started.verifier,
			redirectUri: loopback,
		},
		proof(key, tokenUrl()),
	);
	return { key, answer, started };
}

const refresh = (refreshToken: unknown, key: ReturnType<typeof newProofKey>) =>
	postToken(signin.url, { clientId: sameDeviceClient, grantType: 'refresh_token', refreshToken }, proof(key, tokenUrl()));

describe('authorize', () => {
	it('sends a same-device code to exactly the loopback callback, with the state', async () => {
		const { landed, state, code } = await signIn();
		expect(`${landed.origin}${landed.pathname}`).toBe(loopback);
		expect(landed.searchParams.get('state')).toBe(state);
		expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it.each([
		['localhost instead of 127.0.0.1', sameDeviceClient, 'http://localhost:49152/oauth/callback'],
		['https', sameDeviceClient, 'https://127.0.0.1:49152/oauth/callback'],
		['another path', sameDeviceClient, 'http://127.0.0.1:49152/callback'],
		['no port', sameDeviceClient, 'http://127.0.0.1/oauth/callback'],
		['an extension page', sameDeviceClient, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/callback.html'],
		['the loopback for the cross-device client', crossDeviceClient, loopback],
		['an unknown client', 'arn:aws:signin:::devtools/other', loopback],
	])('refuses %s', async (_, clientId, redirectUri) => {
		const query = authorizeQuery({ clientId, redirectUri, challenge: pkcePair().challenge, state: 's' });
		const response = await fetch(`${signin.url}/v1/authorize?${query}`);
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(/client_id|redirect_uri/);
	});

	it.each([
		['S256 instead of the literal SHA-256', { code_challenge_method: 'S256' }, /code_challenge_method/],
		['a padded challenge', { code_challenge: `${pkcePair().challenge}=` }, /code_challenge/],
		['another scope', { scope: 'openid profile' }, /scope/],
		['a token response type', { response_type: 'token' }, /response_type/],
		['no state', { state: '' }, /state/],
	])('refuses %s', async (_, extra, reason) => {
		const query = authorizeQuery({ clientId: sameDeviceClient, redirectUri: loopback, challenge: pkcePair().challenge, state: 's' }, extra);
		const response = await fetch(`${signin.url}/v1/authorize?${query}`);
		expect(response.status).toBe(400);
		expect(await response.text()).toMatch(reason);
	});

	it('shows a cross-device code that is base64 of state and code, redeemable once', async () => {
		const redirectUri = `${signin.url}/v1/sessions/confirmation`;
		const { landed, state, code, verifier } = await signIn(crossDeviceClient, redirectUri);
		const html = await (await fetch(landed)).text();
		const shown = /readonly value="([^"]+)"/.exec(html)?.[1] ?? '';
		const decoded = new URLSearchParams(Buffer.from(shown, 'base64').toString('utf8'));
		expect(decoded.get('state')).toBe(state);
		expect(decoded.get('code')).toBe(code);
		const answer = await postToken(
			signin.url,
			{ clientId: crossDeviceClient, grantType: 'authorization_code', code, codeVerifier: verifier, redirectUri },
			proof(newProofKey(), tokenUrl()),
		);
		expect(answer.status).toBe(200);
	});
});

describe('token: authorization code', () => {
	it("answers the model's shape with credentials the local STS accepts and an idToken naming the user", async () => {
		const { answer } = await exchange();
		expect(answer.status).toBe(200);
		const body = answer.body as { accessToken: Record<string, string>; idToken: string };
		expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'idToken', 'refreshToken', 'tokenType']);
		expect(answer.body).toMatchObject({ tokenType: 'aws_sigv4', expiresIn: 900 });
		expect(body.accessToken.accessKeyId).toMatch(/^ASIA/);
		const claims = JSON.parse(Buffer.from(body.idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
		expect(claims.sub).toBe(alice.arn);
		const credentials = {
			accessKeyId: body.accessToken.accessKeyId ?? '',
			secretAccessKey: body.accessToken.secretAccessKey ?? '',
			sessionToken: body.accessToken.sessionToken ?? '',
		};
		const sdk = new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials, maxAttempts: 1 });
		expect((await sdk.send(new GetCallerIdentityCommand({}))).Arn).toBe(alice.arn);
	});

	it('redeems a code once only', async () => {
		const { started } = await exchange();
		const again = await postToken(
			signin.url,
			{
				clientId: sameDeviceClient,
				grantType: 'authorization_code',
				code: started.code,
				codeVerifier: started.verifier,
				redirectUri: loopback,
			},
			proof(newProofKey(), tokenUrl()),
		);
		expect(again).toMatchObject({ status: 400, type: 'ValidationException', body: { error: 'INVALID_REQUEST' } });
	});

	it('answers AUTHCODE_EXPIRED for a code redeemed too late', async () => {
		const started = await signIn();
		signin.setClockOffset(6 * 60_000);
		const late = await postToken(
			signin.url,
			{
				clientId: sameDeviceClient,
				grantType: 'authorization_code',
				code: started.code,
				codeVerifier: started.verifier,
				redirectUri: loopback,
			},
			proof(newProofKey(), tokenUrl(), { claims: { iat: Math.floor((Date.now() + 6 * 60_000) / 1000) } }),
		);
		expect(late).toMatchObject({ status: 400, type: 'AccessDeniedException', body: { error: 'AUTHCODE_EXPIRED' } });
		expect(typeof late.body.message).toBe('string');
	});

	it.each([
		['another verifier', { codeVerifier: pkcePair().verifier }, /codeVerifier/],
		['another redirect', { redirectUri: 'http://127.0.0.1:49153/oauth/callback' }, /redirectUri/],
		['the other client id', { clientId: crossDeviceClient }, /clientId/],
	])('refuses %s', async (_, change, reason) => {
		const started = await signIn();
		const body = {
			clientId: sameDeviceClient,
			grantType: 'authorization_code',
			code: started.code,
			codeVerifier: started.verifier,
			redirectUri: loopback,
		};
		const answer = await postToken(signin.url, { ...body, ...change }, proof(newProofKey(), tokenUrl()));
		expect(answer.body.error).toBe('INVALID_REQUEST');
		expect(answer.body.message).toMatch(reason);
	});

	it('answers INSUFFICIENT_PERMISSIONS for a user without signin:CreateOAuth2Token', async () => {
		signin.setPermission(alice, false);
		const { answer } = await exchange();
		expect(answer.body.error).toBe('INSUFFICIENT_PERMISSIONS');
	});
});

describe('token: DPoP proof', () => {
	const other = newProofKey();
	it.each<[string, ProofOverrides | undefined]>([
		['none', undefined],
		['typ JWT', { header: { typ: 'JWT' } }],
		['alg ES384', { header: { alg: 'ES384' } }],
		['alg none', { header: { alg: 'none' } }],
		['a private jwk', { header: { jwk: 'PRIVATE' } }],
		['a P-384 jwk', { header: { jwk: { ...newProofKey().jwk, crv: 'P-384' } } }],
		['a DER signature', { der: true }],
		['a signature by another key', { signWith: other.privateKey }],
		['htm GET', { claims: { htm: 'GET' } }],
		['htu with a query', { claims: { htu: 'QUERY' } }],
		['htu of another host', { claims: { htu: 'https://us-east-1.signin.aws.amazon.com/v1/token' } }],
		['iat ten minutes old', { claims: { iat: Math.floor(Date.now() / 1000) - 600 } }],
		['iat in the future', { claims: { iat: Math.floor(Date.now() / 1000) + 600 } }],
		['no jti', { claims: { jti: undefined } }],
	])('refuses a proof with %s', async (_, overrides) => {
		const started = await signIn();
		const key = newProofKey();
		// Placeholders for what needs this test's key or server: the whole private JWK, the real URL with a query.
		const fixed =
			overrides?.claims?.htu === 'QUERY'
				? { ...overrides, claims: { htu: `${tokenUrl()}?x-amz-client-auth-method=iam` } }
				: overrides?.header?.jwk === 'PRIVATE'
					? { header: { jwk: key.privateKey.export({ format: 'jwk' }) } }
					: overrides;
		const dpop = fixed ? proof(key, tokenUrl(), fixed) : undefined;
		const answer = await postToken(
			signin.url,
			{
				clientId: sameDeviceClient,
				grantType: 'authorization_code',
				code: started.code,
				codeVerifier: started.verifier,
				redirectUri: loopback,
			},
			dpop,
		);
		expect(answer).toMatchObject({ status: 400, body: { error: 'INVALID_REQUEST' } });
		expect(answer.body.message).toMatch(/DPoP/);
		expect(signin.refreshTokens.size).toBe(0);
	});

	it('refuses a proof whose jti was seen before', async () => {
		const key = newProofKey();
		const { answer } = await exchange(key);
		const dpop = proof(key, tokenUrl());
		const first = await postToken(
			signin.url,
			{ clientId: sameDeviceClient, grantType: 'refresh_token', refreshToken: answer.body.refreshToken },
			dpop,
		);
		expect(first.status).toBe(200);
		const replay = await postToken(
			signin.url,
			{ clientId: sameDeviceClient, grantType: 'refresh_token', refreshToken: first.body.refreshToken },
			dpop,
		);
		expect(replay.body).toMatchObject({ error: 'INVALID_REQUEST', message: expect.stringMatching(/jti/) });
	});
});

describe('token: refresh', () => {
	it('rotates the refresh token on every use, without an idToken, and refuses the rotated one', async () => {
		const { key, answer } = await exchange();
		const first = await refresh(answer.body.refreshToken, key);
		expect(first.status).toBe(200);
		expect(first.body.idToken).toBeUndefined();
		expect(first.body.refreshToken).not.toBe(answer.body.refreshToken);
		expect(first.body.tokenType).toBe('aws_sigv4');
		const replayed = await refresh(answer.body.refreshToken, key);
		expect(replayed).toMatchObject({ status: 400, type: 'AccessDeniedException', body: { error: 'TOKEN_EXPIRED' } });
		expect((await refresh(first.body.refreshToken, key)).status).toBe(200);
	});

	it('refuses a refresh token presented with another key', async () => {
		const { answer } = await exchange();
		const stolen = await refresh(answer.body.refreshToken, newProofKey());
		expect(stolen.body).toMatchObject({ error: 'INVALID_REQUEST', message: expect.stringMatching(/bound/) });
		expect(signin.refreshTokens.get(String(answer.body.refreshToken))?.rotated).toBe(false);
	});

	it('answers USER_CREDENTIALS_CHANGED after a password change', async () => {
		const { key, answer } = await exchange();
		signin.changeCredentials(alice);
		expect((await refresh(answer.body.refreshToken, key)).body.error).toBe('USER_CREDENTIALS_CHANGED');
	});

	it('answers TOKEN_EXPIRED twelve hours after the sign-in, however often it was refreshed', async () => {
		const { key, answer } = await exchange();
		const first = await refresh(answer.body.refreshToken, key);
		signin.setClockOffset(12 * 3_600_000);
		const late = await postToken(
			signin.url,
			{ clientId: sameDeviceClient, grantType: 'refresh_token', refreshToken: first.body.refreshToken },
			proof(key, tokenUrl(), { claims: { iat: Math.floor((Date.now() + 12 * 3_600_000) / 1000) } }),
		);
		expect(late.body.error).toBe('TOKEN_EXPIRED');
	});

	it('answers INSUFFICIENT_PERMISSIONS once the permission is taken away', async () => {
		const { key, answer } = await exchange();
		signin.setPermission(alice, false);
		expect((await refresh(answer.body.refreshToken, key)).body.error).toBe('INSUFFICIENT_PERMISSIONS');
	});

	it('refuses an unknown grant type and a body that is not JSON', async () => {
		const key = newProofKey();
		const unknown = await postToken(signin.url, { clientId: sameDeviceClient, grantType: 'password' }, proof(key, tokenUrl()));
		expect(unknown.body.error).toBe('INVALID_REQUEST');
		const form = await fetch(tokenUrl(), {
			method: 'POST',
			headers: { 'content-type': 'text/plain', dpop: proof(key, tokenUrl()) },
			body: 'grantType=refresh_token',
		});
		expect(await form.json()).toMatchObject({ error: 'INVALID_REQUEST' });
	});
});
