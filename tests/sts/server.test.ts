// The local STS is only worth testing against if it refuses what AWS refuses. These tests drive it
// with the real SDK, which signs as the extension does.

import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../e2e/sts/failure';
import { alice, rootUser, type StsUser, seededSession } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { sign, signature } from '../../e2e/sts/sigv4';
import { testCertificate } from '../../e2e/sts/tls';
import { totpAt } from '../../e2e/sts/totp';

let sts: StsServer;

beforeEach(async () => {
	sts = await startSts({ users: [alice, rootUser] });
});
afterEach(async () => {
	await sts.close();
});

function client(user: Pick<StsUser, 'accessKeyId' | 'secretAccessKey'> & { sessionToken?: string }, region = 'us-east-1') {
	return new STSClient({ endpoint: sts.url, region, credentials: user, maxAttempts: 1 });
}

const getSession = (user: StsUser, overrides: Partial<{ code: string; serial: string; secret: string; duration: number }> = {}) =>
	client({ ...user, secretAccessKey: overrides.secret ?? user.secretAccessKey }).send(
		new GetSessionTokenCommand({
			SerialNumber: overrides.serial ?? user.mfaSerial,
			TokenCode: overrides.code ?? totpAt(user.totpSecret, Date.now()),
			DurationSeconds: overrides.duration ?? 3600 * 12,
		}),
	);

describe('SigV4', () => {
	it("matches AWS's published get-vanilla example", () => {
		const request = { method: 'GET', url: '/', headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' }, body: '' };
		const value = signature(request, ['host', 'x-amz-date'], '20150830T123600Z', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', {
			date: '20150830',
			region: 'us-east-1',
			service: 'service',
		});
		expect(value).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
	});
});

describe('local STS', () => {
	it('issues a session for the right code and device, signed with the right secret', async () => {
		const { Credentials } = await getSession(alice);
		expect(Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(Credentials?.SessionToken).toBe(sts.issued[0]?.sessionToken);
		const hours = ((Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(11.9);
		expect(sts.requests).toEqual([
			{ action: 'GetSessionToken', host: new URL(sts.url).host, accessKeyId: alice.accessKeyId, outcome: 'ok' },
		]);
	});

	it('refuses a code used before, and a wrong one', async () => {
		const code = totpAt(alice.totpSecret, Date.now());
		await getSession(alice, { code });
		const again = await failure(getSession(alice, { code }));
		expect(again).toEqual({ name: 'AccessDenied', message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.' });
		const wrong = String((Number(totpAt(alice.totpSecret, Date.now() + 120_000)) + 1) % 1_000_000).padStart(6, '0');
		expect((await failure(getSession(alice, { code: wrong }))).name).toBe('AccessDenied');
	});

	it("refuses another user's device, a wrong secret and an unknown key", async () => {
		expect((await failure(getSession(alice, { serial: rootUser.mfaSerial }))).message).toMatch(/verify your MFA serial number/);
		expect((await failure(getSession(alice, { secret: rootUser.secretAccessKey }))).name).toBe('SignatureDoesNotMatch');
		const stranger = { ...alice, accessKeyId: 'AKIASTRANGEREXAMPLE1' };
		expect(await failure(getSession(stranger))).toEqual({
			name: 'InvalidClientTokenId',
			message: 'The security token included in the request is invalid.',
		});
		expect(sts.issued).toHaveLength(0);
	});

	it('refuses a code of the wrong length as AWS validates it', async () => {
		const error = await failure(getSession(alice, { code: '12345' }));
		expect(error.name).toBe('ValidationError');
		expect(error.message).toContain("Value '12345' at 'tokenCode' failed to satisfy constraint");
	});

	it('refuses a clock more than 15 minutes off, and a foreign signing region at a regional endpoint', async () => {
		sts.setClockOffset(20 * 60_000);
		expect((await failure(getSession(alice))).message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
		await sts.close();
		sts = await startSts({ users: [alice], region: 'eu-west-1' });
		const scoped = await failure(client(alice, 'us-east-2').send(new GetCallerIdentityCommand({})));
		expect(scoped).toEqual({ name: 'SignatureDoesNotMatch', message: "Credential should be scoped to a valid region, not 'us-east-2'." });
	});

	it("over TLS under AWS's host names, wants the signing region each name implies", async () => {
		await sts.close();
		const certificate = testCertificate();
		sts = await startSts({ users: [alice], tls: certificate });
		const lookup: LookupFunction = (_host, options, callback) =>
			options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
		const agent = new Agent({ ca: certificate.ca, lookup });
		const at = (host: string, region: string) =>
			new STSClient({
				endpoint: `https://${host}:${sts.port}`,
				region,
				credentials: alice,
				maxAttempts: 1,
				requestHandler: new NodeHttpHandler({ httpsAgent: agent }),
			}).send(new GetCallerIdentityCommand({}));
		await expect(at('sts.amazonaws.com', 'us-east-1')).resolves.toMatchObject({ Arn: alice.arn });
		await expect(at('sts.eu-west-1.amazonaws.com', 'eu-west-1')).resolves.toMatchObject({ Arn: alice.arn });
		await expect(at('sts.cn-north-1.amazonaws.com.cn', 'cn-north-1')).resolves.toMatchObject({ Arn: alice.arn });
		for (const [host, region] of [
			['sts.amazonaws.com', 'eu-west-1'],
			['sts.eu-west-1.amazonaws.com', 'us-east-1'],
			['sts-fips.us-east-1.amazonaws.com', 'us-east-2'],
			['sts.us-gov-west-1.amazonaws.com', 'us-east-1'],
		] as const) {
			expect((await failure(at(host, region))).message, host).toBe(`Credential should be scoped to a valid region, not '${region}'.`);
		}
		expect(sts.requests.map((request) => request.host.replace(/:\d+$/, ''))).toContain('sts-fips.us-east-1.amazonaws.com');
		agent.destroy();
	});

	it('caps root sessions at one hour', async () => {
		const { Credentials } = await getSession(rootUser);
		const seconds = ((Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
		expect(seconds).toBeLessThanOrEqual(3600);
		expect(seconds).toBeGreaterThan(3500);
	});

	it('knows who signed with session credentials, and refuses GetSessionToken with them', async () => {
		const { Credentials } = await getSession(alice);
		const session = {
			accessKeyId: Credentials?.AccessKeyId ?? '',
			secretAccessKey: Credentials?.SecretAccessKey ?? '',
			sessionToken: Credentials?.SessionToken ?? '',
		};
		const identity = await client(session).send(new GetCallerIdentityCommand({}));
		expect(identity).toMatchObject({ Arn: alice.arn, Account: alice.account });
		const nested = await failure(
			client(session).send(
				new GetSessionTokenCommand({ SerialNumber: alice.mfaSerial, TokenCode: totpAt(alice.totpSecret, Date.now() + 30_000) }),
			),
		);
		expect(nested).toEqual({ name: 'AccessDenied', message: 'Cannot call GetSessionToken with session credentials' });
	});

	it('answers with the seeded session when seeded, still checking the code, and knows who signs with it', async () => {
		sts.seed(seededSession);
		expect((await failure(getSession(alice, { code: '000000' }))).name).toBe('AccessDenied');
		const { Credentials } = await getSession(alice);
		expect(Credentials).toMatchObject({
			AccessKeyId: seededSession.accessKeyId,
			SecretAccessKey: seededSession.secretAccessKey,
			SessionToken: seededSession.sessionToken,
		});
		expect(await client(seededSession).send(new GetCallerIdentityCommand({}))).toMatchObject({ Arn: alice.arn });
		sts.seed(undefined);
		const { Credentials: random } = await getSession(alice, { code: totpAt(alice.totpSecret, Date.now() + 30_000) });
		expect(random?.AccessKeyId).not.toBe(seededSession.accessKeyId);
	});

	it('gives fresh codes in benchmark mode and still checks them', async () => {
		await sts.close();
		sts = await startSts({ users: [alice], benchmark: true });
		for (let round = 0; round < 3; round += 1) await getSession(alice, { code: sts.benchmarkCode(alice) });
		expect(sts.issued).toHaveLength(3);
		expect((await failure(getSession(alice, { code: totpAt(alice.totpSecret, Date.now()) }))).name).toBe('AccessDenied');
	});

	it('answers a request signed by hand the same way', async () => {
		const body = 'Action=GetCallerIdentity&Version=2011-06-15';
		const host = new URL(sts.url).host;
		const signed = sign(
			{ method: 'POST', url: '/', headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body },
			alice,
			'us-east-1',
			'sts',
		);
		const { host: _host, ...headers } = signed.headers;
		const response = await fetch(sts.url, { method: 'POST', headers, body });
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(`<Arn>${alice.arn}</Arn>`);
	});
});
