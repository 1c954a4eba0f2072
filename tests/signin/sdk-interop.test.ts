// The local Sign-In against a client AWS wrote: @aws-sdk/credential-provider-login reads a cache
// file in aws-cli's format (~/.aws/login/cache/<sha256 of login_session>.json, here under
// AWS_LOGIN_CACHE_DIRECTORY, which that provider honours) and refreshes against the fake through
// `clientConfig.endpoint`. If the fake refused what the SDK sends, or answered what the SDK cannot
// read, these fail.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromLoginCredentials } from '@aws-sdk/credential-provider-login';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approve, authorizeQuery, newProofKey, pkcePair, postToken, proof } from '../../e2e/signin/client';
import { type SigninServer, sameDeviceClient, startSignin } from '../../e2e/signin/server';
import { alice } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';

let sts: StsServer;
let signin: SigninServer;
let home: string;
const previousCacheDirectory = process.env.AWS_LOGIN_CACHE_DIRECTORY;

beforeEach(async () => {
	sts = await startSts({ users: [alice] });
	signin = await startSignin({ sts, user: alice });
	home = await mkdtemp(join(tmpdir(), 'signin-interop-'));
	process.env.AWS_LOGIN_CACHE_DIRECTORY = join(home, 'cache');
});
afterEach(async () => {
	if (previousCacheDirectory === undefined) delete process.env.AWS_LOGIN_CACHE_DIRECTORY;
	else process.env.AWS_LOGIN_CACHE_DIRECTORY = previousCacheDirectory;
	await rm(home, { recursive: true, force: true });
	await signin.close();
	await sts.close();
});

const redirectUri = 'http://127.0.0.1:50123/oauth/callback';

/** Signs in with the bare client and writes what `aws login` would have cached, expiring at `expiresAt`. */
async function cachedSession(expiresAt: Date) {
	const key = newProofKey();
	const { verifier, challenge } = pkcePair();
	const state = crypto.randomUUID();
	const landed = await approve(signin.url, authorizeQuery({ clientId: sameDeviceClient, redirectUri, challenge, state }));
	const { body } = await postToken(
		signin.url,
		{
			clientId: sameDeviceClient,
			grantType: 'authorization_code',
			code: landed.searchParams.get('code'),
			codeVerifier: verifier,
			redirectUri,
		},
		proof(key, `${signin.url}/v1/token`),
	);
	const answer = body as { accessToken: Record<string, string>; refreshToken: string; idToken: string; tokenType: string };
	const loginSession = JSON.parse(Buffer.from(answer.idToken.split('.')[1] ?? '', 'base64url').toString('utf8')).sub as string;
	const cacheFile = join(home, 'cache', `${createHash('sha256').update(loginSession).digest('hex')}.json`);
	await mkdir(join(home, 'cache'), { recursive: true });
	await writeFile(
		cacheFile,
		JSON.stringify({
			accessToken: { ...answer.accessToken, accountId: loginSession.split(':')[4], expiresAt: expiresAt.toISOString() },
			tokenType: answer.tokenType,
			clientId: sameDeviceClient,
			refreshToken: answer.refreshToken,
			idToken: answer.idToken,
			dpopKey: key.privateKey.export({ format: 'pem', type: 'sec1' }),
		}),
	);
	const configFilepath = join(home, 'config');
	await writeFile(configFilepath, `[profile keyless]\nlogin_session = ${loginSession}\nregion = us-east-1\n`);
	const provider = fromLoginCredentials({
		profile: 'keyless',
		configFilepath,
		filepath: join(home, 'credentials'),
		clientConfig: { endpoint: signin.url, region: 'us-east-1' },
	});
	return { provider, cacheFile, first: answer };
}

describe("AWS's login credential provider against the local Sign-In", () => {
	it('refreshes with its own DPoP proof, stores the rotated token, and its credentials work at the local STS', async () => {
		const { provider, cacheFile, first } = await cachedSession(new Date(Date.now() + 60_000));
		const credentials = await provider();
		expect(signin.tokenRequests.map((entry) => [entry.grantType, entry.outcome])).toEqual([
			['authorization_code', 'ok'],
			['refresh_token', 'ok'],
		]);
		expect(credentials.accessKeyId).not.toBe(first.accessToken.accessKeyId);
		expect(credentials.accessKeyId).toBe(sts.issued.at(-1)?.accessKeyId);
		const minutes = ((credentials.expiration?.getTime() ?? 0) - Date.now()) / 60_000;
		expect(minutes).toBeGreaterThan(14);
		expect(minutes).toBeLessThanOrEqual(15);
		const cached = JSON.parse(await readFile(cacheFile, 'utf8'));
		expect(cached.refreshToken).not.toBe(first.refreshToken);
		expect(signin.refreshTokens.get(first.refreshToken)?.rotated).toBe(true);
		const identity = await new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials, maxAttempts: 1 }).send(
			new GetCallerIdentityCommand({}),
		);
		expect(identity.Arn).toBe(alice.arn);
	});

	it('leaves credentials with more than five minutes left alone, as the CLI does', async () => {
		const { provider, first } = await cachedSession(new Date(Date.now() + 6 * 60_000));
		const credentials = await provider();
		expect(credentials.accessKeyId).toBe(first.accessToken.accessKeyId);
		expect(signin.tokenRequests).toHaveLength(1);
	});

	it("reads the fake's USER_CREDENTIALS_CHANGED as AWS's error", async () => {
		const { provider } = await cachedSession(new Date(Date.now() - 1000));
		signin.changeCredentials(alice);
		await expect(provider()).rejects.toThrow(/change in your password/);
		expect(signin.tokenRequests.at(-1)?.outcome).toBe('USER_CREDENTIALS_CHANGED');
	});

	it("reads the fake's TOKEN_EXPIRED at the end of the sign-in's lifetime as AWS's error", async () => {
		await signin.close();
		signin = await startSignin({ sts, user: alice, sessionLifetimeMs: 1 });
		const { provider } = await cachedSession(new Date(Date.now() - 1000));
		// The SDK's own text for the code, not the fake's message.
		await expect(provider()).rejects.toThrow('Your session has expired. Please reauthenticate.');
	});
});
