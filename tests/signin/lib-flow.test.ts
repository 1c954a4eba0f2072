// The extension's sign-in logic (src/lib) end to end against the local Sign-In, without a browser:
// the authorize URL it builds is accepted, the code it reads back redeems with its PKCE verifier and
// a proof from its non-extractable key, the answers pass its checks, and a refresh with the same key
// rotates the token. The browser-driven test is the e2e suite's.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveAt } from '../../e2e/signin/client';
import { type SigninServer, startSignin } from '../../e2e/signin/server';
import { alice } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { buildProof, newProofKey, newSealableProofKey } from '../../src/lib/dpop-proof';
import { checkTokenAnswer } from '../../src/lib/signin-answer';
import { authorizeUrl, codeFromPaste, codeFromRedirect, type SigninStart, startSignin as startRequest } from '../../src/lib/signin-request';
import { packSigninSecret, type SigninSecret, signInAgainReason, unpackSigninSecret } from '../../src/lib/signin-secret';
import { redeemCode, refreshSignin } from '../../src/lib/signin-token';

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

describe('the sealed sign-in secret against the local Sign-In', () => {
	async function signedIn(port: number): Promise<SigninSecret> {
		const start = await startRequest(signin.url, port);
		const code = codeFromRedirect((await approveAt(authorizeUrl(signin.url, start))).href, start);
		if (!code?.ok) throw new Error('no code');
		const proofKey = await newSealableProofKey();
		const answer = await redeemCode(signin.url, start, code.value, proofKey);
		if (!answer.ok) throw new Error(answer.error);
		expect(answer.value.subject).toBe(alice.arn);
		// Through the text that is sealed, as the vault keeps it.
		const back = unpackSigninSecret(packSigninSecret({ clientId: start.clientId, refreshToken: answer.value.refreshToken, proofKey }));
		if (!back.ok) throw new Error(back.error);
		return back.value;
	}

	it('refreshes with the sealed key, hands back the rotated token to seal, and the old one replayed is refused', async () => {
		const first = await signedIn(49_210);
		const refreshed = await refreshSignin(signin.url, first);
		if (!refreshed.ok) throw new Error(refreshed.error);
		expect(refreshed.value.secret.refreshToken).not.toBe(first.refreshToken);
		expect(refreshed.value.secret.proofKey).toBe(first.proofKey);
		const { accessKeyId, secretAccessKey, sessionToken } = refreshed.value.credentials;
		const identity = await new STSClient({
			endpoint: sts.url,
			region: 'us-east-1',
			credentials: { accessKeyId, secretAccessKey, sessionToken },
			maxAttempts: 1,
		}).send(new GetCallerIdentityCommand({}));
		expect(identity.Arn).toBe(alice.arn);
		expect(await refreshSignin(signin.url, first)).toMatchObject({ ok: false, refusal: 'TOKEN_EXPIRED' });
		expect(signin.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', outcome: 'TOKEN_EXPIRED' });
		expect(await refreshSignin(signin.url, refreshed.value.secret)).toMatchObject({ ok: true });
	});

	it("gives USER_CREDENTIALS_CHANGED after a password change, and the popup's reason says so", async () => {
		const secret = await signedIn(49_211);
		signin.changeCredentials(alice);
		const refused = await refreshSignin(signin.url, secret);
		expect(refused).toMatchObject({ ok: false, refusal: 'USER_CREDENTIALS_CHANGED' });
		if (refused.ok) return;
		expect(signInAgainReason(refused.refusal)).toBe('Sign in again: the password or the MFA of this user changed since the sign-in.');
	});

	it('says which host did not answer when the Sign-In cannot be reached', async () => {
		const secret = await signedIn(49_212);
		const closed = signin.url;
		await signin.close();
		signin = await startSignin({ sts, user: alice });
		expect(await refreshSignin(closed, secret)).toEqual({
			ok: false,
			refusal: 'OTHER',
			error: `AWS Sign-In (${new URL(closed).host}) did not answer. Check the connection and try again.`,
		});
	});
});
