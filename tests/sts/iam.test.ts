// The local IAM refuses what AWS's refuses: requests are signed by hand for service `iam`, from an
// MFA session made by the real SDK, and its answers are read as text, as AWS sends them.
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../e2e/sts/failure';
import { alice, rootUser } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { sign } from '../../e2e/sts/sigv4';

let sts: StsServer;

beforeEach(async () => {
	sts = await startSts({ users: [alice, rootUser], keyCreated: { [alice.accessKeyId]: '2026-08-26T09:15:00Z' } });
});
afterEach(async () => {
	await sts.close();
});

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const stsClient = (keys: Keys) => new STSClient({ endpoint: sts.url, region: 'us-east-1', credentials: keys, maxAttempts: 1 });

async function mfaSession(user = alice): Promise<Keys> {
	const { Credentials } = await stsClient(user).send(
		new GetSessionTokenCommand({ SerialNumber: user.mfaSerial, TokenCode: sts.freshCode(user) }),
	);
	return {
		accessKeyId: Credentials?.AccessKeyId ?? '',
		secretAccessKey: Credentials?.SecretAccessKey ?? '',
		sessionToken: Credentials?.SessionToken ?? '',
	};
}

async function iam(keys: Keys, action: string, params: Record<string, string> = {}, scope = { region: 'us-east-1', service: 'iam' }) {
	const body = new URLSearchParams({ Action: action, Version: '2010-05-08', ...params }).toString();
	const host = new URL(sts.url).host;
	const headers: Record<string, string> = { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
	if (keys.sessionToken) headers['x-amz-security-token'] = keys.sessionToken;
	const signed = sign({ method: 'POST', url: '/', headers, body }, keys, scope.region, scope.service);
	const { host: _host, ...sent } = signed.headers;
	const response = await fetch(sts.url, { method: 'POST', headers: sent, body });
	return { status: response.status, text: await response.text() };
}

const tag = (text: string, name: string) =>
	[...text.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((match) =>
		(match[1] ?? '').replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))),
	);

describe('local IAM', () => {
	it("lists the caller's keys with AWS's XML and creation date", async () => {
		const { status, text } = await iam(await mfaSession(), 'ListAccessKeys');
		expect(status).toBe(200);
		expect(text).toContain('<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
		expect(text).toContain(
			`<member>\n          <UserName>alice</UserName>\n          <AccessKeyId>${alice.accessKeyId}</AccessKeyId>\n          <Status>Active</Status>\n          <CreateDate>2026-08-26T09:15:00Z</CreateDate>\n        </member>`,
		);
		expect(tag(text, 'IsTruncated')).toEqual(['false']);
	});

	it('asks for a session made with MFA, and for the permission, in AWS words', async () => {
		const longTerm = await iam(alice, 'ListAccessKeys');
		expect(longTerm.status).toBe(403);
		expect(tag(longTerm.text, 'Message')).toEqual([
			'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListAccessKeys on resource: user alice with an explicit deny in an identity-based policy',
		]);
		sts.iam.allow(['CreateAccessKey', 'DeleteAccessKey']);
		const refused = await iam(await mfaSession(), 'ListAccessKeys');
		expect(refused.text).toContain('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">');
		expect(tag(refused.text, 'Message')).toEqual([
			'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ListAccessKeys on resource: user alice because no identity-based policy allows the iam:ListAccessKeys action',
		]);
		const other = await iam(await mfaSession(), 'CreateAccessKey', { UserName: 'bob' });
		expect(tag(other.text, 'Message')[0]).toMatch(/iam:CreateAccessKey on resource: user bob because/);
	});

	it('wants the signature scoped to iam in us-east-1', async () => {
		const session = await mfaSession();
		const asSts = await iam(session, 'ListAccessKeys', {}, { region: 'us-east-1', service: 'sts' });
		expect(tag(asSts.text, 'Code')).toEqual(['SignatureDoesNotMatch']);
		const regional = await iam(session, 'ListAccessKeys', {}, { region: 'eu-west-1', service: 'iam' });
		expect(tag(regional.text, 'Message')).toEqual(["Credential should be scoped to a valid region, not 'eu-west-1'."]);
		const oldVersion = await iam(session, 'ListAccessKeys', { Version: '2011-06-15' });
		expect(tag(oldVersion.text, 'Code')).toEqual(['InvalidAction']);
	});

	it('creates a second key, refuses a third, and the new key signs at once', async () => {
		const session = await mfaSession();
		const created = await iam(session, 'CreateAccessKey');
		expect(created.status).toBe(200);
		const [keyId = ''] = tag(created.text, 'AccessKeyId');
		const [secret = ''] = tag(created.text, 'SecretAccessKey');
		expect(keyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
		expect(secret).toHaveLength(40);
		expect(tag(created.text, 'Status')).toEqual(['Active']);
		const third = await iam(session, 'CreateAccessKey');
		expect(third.status).toBe(409);
		expect(tag(third.text, 'Code')).toEqual(['LimitExceeded']);
		expect(tag(third.text, 'Message')).toEqual(['Cannot exceed quota for AccessKeysPerUser: 2']);
		const identity = await stsClient({ accessKeyId: keyId, secretAccessKey: secret }).send(new GetCallerIdentityCommand({}));
		expect(identity.Arn).toBe(alice.arn);
		expect(sts.iam.keysOf(alice.arn).map((key) => key.accessKeyId)).toEqual([alice.accessKeyId, keyId]);
	});

	it('is slow to accept a new key when told to', async () => {
		sts.iam.slowNewKeys(2);
		const created = await iam(await mfaSession(), 'CreateAccessKey');
		const keys = { accessKeyId: tag(created.text, 'AccessKeyId')[0] ?? '', secretAccessKey: tag(created.text, 'SecretAccessKey')[0] ?? '' };
		const call = () => stsClient(keys).send(new GetCallerIdentityCommand({}));
		expect((await failure(call())).name).toBe('InvalidClientTokenId');
		expect((await failure(call())).name).toBe('InvalidClientTokenId');
		await expect(call()).resolves.toMatchObject({ Arn: alice.arn });
	});

	it('deletes a key: it is refused afterwards, while a session made with it lasts', async () => {
		const session = await mfaSession();
		const unknown = await iam(session, 'DeleteAccessKey', { AccessKeyId: 'AKIAUNKNOWN000000000' });
		expect(unknown.status).toBe(404);
		expect(tag(unknown.text, 'Message')).toEqual(['The Access Key with id AKIAUNKNOWN000000000 cannot be found.']);
		expect(tag((await iam(session, 'DeleteAccessKey', { AccessKeyId: rootUser.accessKeyId })).text, 'Code')).toEqual(['NoSuchEntity']);
		const deleted = await iam(session, 'DeleteAccessKey', { AccessKeyId: alice.accessKeyId });
		expect(deleted.status).toBe(200);
		expect(deleted.text).toMatch(
			/^<DeleteAccessKeyResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">\n {2}<ResponseMetadata>/,
		);
		expect((await failure(stsClient(alice).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
		await expect(stsClient(session).send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: alice.arn });
	});

	it("tells a key's last use", async () => {
		const session = await mfaSession();
		const used = await iam(session, 'GetAccessKeyLastUsed', { AccessKeyId: alice.accessKeyId });
		expect(tag(used.text, 'ServiceName')).toEqual(['sts']);
		expect(tag(used.text, 'Region')).toEqual(['us-east-1']);
		expect(tag(used.text, 'LastUsedDate')[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		const created = await iam(session, 'CreateAccessKey');
		const fresh = await iam(session, 'GetAccessKeyLastUsed', { AccessKeyId: tag(created.text, 'AccessKeyId')[0] ?? '' });
		expect(tag(fresh.text, 'ServiceName')).toEqual(['N/A']);
		expect(tag(fresh.text, 'LastUsedDate')).toEqual([]);
	});
});
