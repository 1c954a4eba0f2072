// AssumeRole at the local STS refuses what AWS refuses: an expired or unknown token, a role the
// user may not assume, a missing external ID, MFA the trust policy asks for, and durations past
// the role's maximum or the 1-hour limit of a role assumed with temporary credentials.

import {
	AssumeRoleCommand,
	type AssumeRoleCommandInput,
	GetCallerIdentityCommand,
	GetSessionTokenCommand,
	STSClient,
} from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../e2e/sts/failure';
import { adminRole, alice, auditRole, deployRole, lockedRole, roles, rootUser } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { totpAt } from '../../e2e/sts/totp';

let sts: StsServer;

beforeEach(async () => {
	sts = await startSts({ users: [alice, rootUser], roles });
});
afterEach(async () => {
	await sts.close();
});

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const client = (credentials: Keys) => new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials, maxAttempts: 1 });

async function mfaSession(seconds = 3600): Promise<Keys> {
	const { Credentials } = await client(alice).send(
		new GetSessionTokenCommand({ SerialNumber: alice.mfaSerial, TokenCode: sts.freshCode(alice), DurationSeconds: seconds }),
	);
	return {
		accessKeyId: Credentials?.AccessKeyId ?? '',
		secretAccessKey: Credentials?.SecretAccessKey ?? '',
		sessionToken: Credentials?.SessionToken ?? '',
	};
}

const assume = (keys: Keys, input: Partial<AssumeRoleCommandInput> = {}) =>
	client(keys).send(new AssumeRoleCommand({ RoleArn: adminRole.arn, RoleSessionName: 'alice', DurationSeconds: 3600, ...input }));

const denied = (principal: string, role: string) => ({
	name: 'AccessDenied',
	message: `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${role}`,
});

describe('AssumeRole at the local STS', () => {
	it('assumes a role with an MFA session: a role session that acts as the assumed role', async () => {
		const session = await mfaSession();
		const answer = await assume(session);
		expect(answer.AssumedRoleUser?.Arn).toBe('arn:aws:sts::210987654321:assumed-role/Admin/alice');
		expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA/);
		const seconds = ((answer.Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 1000;
		expect(seconds).toBeGreaterThan(3500);
		const role = {
			accessKeyId: answer.Credentials?.AccessKeyId ?? '',
			secretAccessKey: answer.Credentials?.SecretAccessKey ?? '',
			sessionToken: answer.Credentials?.SessionToken ?? '',
		};
		await expect(client(role).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({
			Account: '210987654321',
			Arn: 'arn:aws:sts::210987654321:assumed-role/Admin/alice',
		});
		expect(sts.requests.filter((request) => request.action === 'AssumeRole')).toEqual([
			expect.objectContaining({ roleArn: adminRole.arn, accessKeyId: session.accessKeyId, outcome: 'ok' }),
		]);
	});

	it('wants the session token signed along, and refuses an expired session with ExpiredToken', async () => {
		// The server's clock 899 s behind: a 15-minute session that ends one second from now.
		sts.setClockOffset(-899_000);
		const session = await mfaSession(900);
		sts.setClockOffset(0);
		const { sessionToken: _token, ...withoutToken } = session;
		expect(await failure(assume(withoutToken))).toEqual({
			name: 'InvalidClientTokenId',
			message: 'The security token included in the request is invalid.',
		});
		await new Promise((resolve) => setTimeout(resolve, 1100));
		expect(await failure(assume(session))).toEqual({
			name: 'ExpiredToken',
			message: 'The security token included in the request is expired',
		});
	});

	it('refuses roles the user may not assume, a missing or wrong external ID, and a trust policy that wants MFA', async () => {
		const session = await mfaSession();
		expect(await failure(assume(session, { RoleArn: lockedRole.arn }))).toEqual(denied(alice.arn, lockedRole.arn));
		expect(await failure(assume(session, { RoleArn: 'arn:aws:iam::210987654321:role/Nobody' }))).toEqual(
			denied(alice.arn, 'arn:aws:iam::210987654321:role/Nobody'),
		);
		expect(await failure(assume(session, { RoleArn: auditRole.arn }))).toEqual(denied(alice.arn, auditRole.arn));
		expect(await failure(assume(session, { RoleArn: auditRole.arn, ExternalId: 'partner-41' }))).toEqual(denied(alice.arn, auditRole.arn));
		await expect(assume(session, { RoleArn: auditRole.arn, ExternalId: 'partner-42' })).resolves.toMatchObject({});
		// The long-term key without MFA: the trust policy's aws:MultiFactorAuthPresent is false.
		expect(await failure(assume(alice, { RoleArn: deployRole.arn }))).toEqual(denied(alice.arn, deployRole.arn));
	});

	it("answers bad parameters with AWS's validation texts", async () => {
		const session = await mfaSession();
		expect(await failure(assume(session, { RoleArn: 'arn:aws:iam::1:role' }))).toEqual({
			name: 'ValidationError',
			message:
				"1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20",
		});
		expect(await failure(assume(session, { RoleSessionName: 'a b' }))).toEqual({
			name: 'ValidationError',
			message:
				"1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
		});
		expect((await failure(assume(session, { RoleSessionName: 'a' }))).message).toContain(
			'Member must have length greater than or equal to 2',
		);
		expect((await failure(assume(session, { ExternalId: 'x' }))).message).toContain("Value 'x' at 'externalId'");
		expect((await failure(assume(session, { DurationSeconds: 600 }))).message).toContain(
			"Value '600' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
		);
		expect((await failure(assume(alice, { DurationSeconds: 50_000 }))).message).toContain(
			'Member must have value less than or equal to 43200',
		);
	});

	it('limits a role assumed with temporary credentials to 1 hour, and any role to its maximum', async () => {
		const session = await mfaSession();
		expect(await failure(assume(session, { DurationSeconds: 7200 }))).toEqual({
			name: 'ValidationError',
			message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
		});
		const code = sts.freshCode(alice);
		expect(
			await failure(
				assume(alice, {
					RoleArn: auditRole.arn,
					ExternalId: 'partner-42',
					DurationSeconds: 7200,
					SerialNumber: alice.mfaSerial,
					TokenCode: code,
				}),
			),
		).toEqual({
			name: 'ValidationError',
			message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		});
	});

	it('assumes directly with the long-term key, the device and a code, up to 12 hours, each code once', async () => {
		const code = totpAt(alice.totpSecret, Date.now() + 30_000);
		const direct = await assume(alice, {
			RoleArn: deployRole.arn,
			DurationSeconds: 43_200,
			SerialNumber: alice.mfaSerial,
			TokenCode: code,
		});
		const hours = ((direct.Credentials?.Expiration?.getTime() ?? 0) - Date.now()) / 3_600_000;
		expect(hours).toBeGreaterThan(11.9);
		expect(await failure(assume(alice, { RoleArn: deployRole.arn, SerialNumber: alice.mfaSerial, TokenCode: code }))).toEqual({
			name: 'AccessDenied',
			message: 'MultiFactorAuthentication failed with invalid MFA one time pass code.',
		});
		expect((await failure(assume(alice, { SerialNumber: rootUser.mfaSerial, TokenCode: sts.freshCode(alice) }))).message).toMatch(
			/verify your MFA serial number/,
		);
	});

	it('does not let a role session assume a role trusted only for the user', async () => {
		const session = await mfaSession();
		const { Credentials } = await assume(session);
		const role = {
			accessKeyId: Credentials?.AccessKeyId ?? '',
			secretAccessKey: Credentials?.SecretAccessKey ?? '',
			sessionToken: Credentials?.SessionToken ?? '',
		};
		expect(await failure(assume(role, { RoleArn: deployRole.arn }))).toEqual(
			denied('arn:aws:sts::210987654321:assumed-role/Admin/alice', deployRole.arn),
		);
	});

	it("the federation endpoint signs in role sessions only, SessionDuration only when not chained, as AWS's", async () => {
		const session = await mfaSession();
		const asSession = (keys: Keys) =>
			JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken });
		const getToken = (keys: Keys, duration?: number) =>
			fetch(
				`${sts.url}/federation?${new URLSearchParams({ Action: 'getSigninToken', ...(duration ? { SessionDuration: String(duration) } : {}), Session: asSession(keys) })}`,
			);
		const keysOf = ({ Credentials }: { Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } }) => ({
			accessKeyId: Credentials?.AccessKeyId ?? '',
			secretAccessKey: Credentials?.SecretAccessKey ?? '',
			sessionToken: Credentials?.SessionToken ?? '',
		});
		expect((await getToken(session)).status).toBe(400);
		const chained = keysOf(await assume(session));
		expect((await getToken(chained, 3600)).status).toBe(400);
		const answer = await getToken(chained);
		expect(answer.status).toBe(200);
		const { SigninToken: token } = (await answer.json()) as { SigninToken: string };
		expect(sts.signinTokens.has(token)).toBe(true);
		const direct = keysOf(
			await assume(alice, {
				RoleArn: deployRole.arn,
				DurationSeconds: 43_200,
				SerialNumber: alice.mfaSerial,
				TokenCode: sts.freshCode(alice),
			}),
		);
		expect((await getToken(direct, 43_200)).status).toBe(200);
		expect((await getToken(direct, 50_000)).status).toBe(400);
		const login = await fetch(
			`${sts.url}/federation?${new URLSearchParams({ Action: 'login', Destination: `${sts.url}/console/`, SigninToken: token })}`,
		);
		expect(await login.text()).toContain('Signed in as arn:aws:sts::210987654321:assumed-role/Admin/alice');
		expect((await fetch(`${sts.url}/federation?Action=login&SigninToken=forged`)).status).toBe(400);
	});
});
