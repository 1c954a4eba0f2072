// The extension's sign-in logic (src/lib) end to end against the local Sign-In, without a browser:
// the authorize URL it builds is accepted, the code it reads back redeems with its PKCE verifier and
// a proof from its non-extractable key, the answers pass its checks, and a refresh with the same key
// rotates the token. The browser-driven test is the e2e suite's.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildProof, newProofKey } from '../../src/lib/dpop-proof';
import { checkTokenAnswer } from '../../src/lib/signin-answer';
import { authorizeUrl, codeFromPaste, codeFromRedirect, type SigninStart, startSignin as startRequest } from '../../src/lib/signin-request';
import { alice } from '../sts/fixtures';
import { type StsServer, startSts } from '../sts/server';
import { approveAt } from './client';
import { type SigninServer, startSignin } from './server';

let sts: StsServer;
let signin: SigninServer;

beforeEach(async () => {
	sts = await startSts({ users: [alice] });
	signin = await startSignin({ sts, user: alice });
});
afterEach(async () => {
	await signin.close();
	await sts.close();
});

async function tokenRequest(keys: CryptoKeyPair, body: object) {
	const url = `${signin.url}/v1/token`;
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', dpop: await buildProof(keys, 'POST', url) },
		body: JSON.stringify(body),
	});
	return response.json() as Promise<unknown>;
}

const exchange = (keys: CryptoKeyPair, start: SigninStart, code: string) =>
	tokenRequest(keys, {
		clientId: start.clientId,
		grantType: 'authorization_code',
		code,
		codeVerifier: start.verifier,
		redirectUri: start.redirectUri,
	});

describe('console sign-in logic against the local Sign-In', () => {
	it('signs in on the same device, checks the answer, refreshes with the same key, and the credentials work', async () => {
		const start = await startRequest(signin.url, 49_200);
		const landed = await approveAt(authorizeUrl(signin.url, start));
		const code = codeFromRedirect(landed.href, start);
		if (!code?.ok) throw new Error(`no code: ${JSON.stringify(code)}`);
		const keys = await newProofKey();
		const first = checkTokenAnswer(await exchange(keys, start, code.value), 'authorization_code', Date.now());
		if (!first.ok) throw new Error(first.error);
		expect(first.value.subject).toBe(alice.arn);
		const refreshed = checkTokenAnswer(
			await tokenRequest(keys, { clientId: start.clientId, grantType: 'refresh_token', refreshToken: first.value.refreshToken }),
			'refresh_token',
			Date.now(),
		);
		if (!refreshed.ok) throw new Error(refreshed.error);
		expect(refreshed.value.refreshToken).not.toBe(first.value.refreshToken);
		const { accessKeyId, secretAccessKey, sessionToken } = refreshed.value.credentials;
		const credentials = { accessKeyId, secretAccessKey, sessionToken };
		const identity = await new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials, maxAttempts: 1 }).send(
			new GetCallerIdentityCommand({}),
		);
		expect(identity.Arn).toBe(alice.arn);
	});

	it('signs in across devices from the pasted code', async () => {
		const start = await startRequest(signin.url);
		const landed = await approveAt(authorizeUrl(signin.url, start));
		const shown = /readonly value="([^"]+)"/.exec(await (await fetch(landed)).text())?.[1] ?? '';
		const code = codeFromPaste(shown, start.state);
		if (!code.ok) throw new Error(code.error);
		const answer = checkTokenAnswer(await exchange(await newProofKey(), start, code.value), 'authorization_code', Date.now());
		expect(answer).toMatchObject({ ok: true, value: { subject: alice.arn } });
	});

	it('cannot refresh with another key: the refresh token stays bound to the first', async () => {
		const start = await startRequest(signin.url, 49_201);
		const landed = await approveAt(authorizeUrl(signin.url, start));
		const code = codeFromRedirect(landed.href, start);
		if (!code?.ok) throw new Error('no code');
		const first = checkTokenAnswer(await exchange(await newProofKey(), start, code.value), 'authorization_code', Date.now());
		if (!first.ok) throw new Error(first.error);
		const stolen = await tokenRequest(await newProofKey(), {
			clientId: start.clientId,
			grantType: 'refresh_token',
			refreshToken: first.value.refreshToken,
		});
		expect(stolen).toMatchObject({ error: 'INVALID_REQUEST' });
	});
});
