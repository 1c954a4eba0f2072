// The worker's one Query caller against the local STS and IAM, which verify SigV4 as AWS does:
// answers read, errors shaped so the STS failure mapping reads them as it read the SDK's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alice } from '../../e2e/sts/fixtures';
import { type StsServer, startSts } from '../../e2e/sts/server';
import { describeStsFailure } from '../lib/sts-errors';
import { queryCall } from './query';

let sts: StsServer;
const sts2011 = () => ({ endpoint: sts.url, region: 'us-east-1', service: 'sts', version: '2011-06-15', timeoutMs: 2_000 }) as const;
const caught = (promise: Promise<unknown>) =>
	promise.then(
		() => undefined,
		(error: unknown) => error,
	);
const kindOf = (error: unknown) => describeStsFailure(error, { endpoint: sts.url, timeoutMs: 2_000 }).kind;

beforeEach(async () => {
	sts = await startSts({ users: [alice] });
});
afterEach(async () => {
	await sts.close();
});

describe('queryCall', () => {
	it('signs as the SDK does and gives the Result element, for STS and for IAM', async () => {
		const keys = { accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey };
		expect(await queryCall(sts2011(), keys, 'GetCallerIdentity')).toMatchObject({ Arn: alice.arn, Account: alice.account });
		const result = (await queryCall(sts2011(), keys, 'GetSessionToken', {
			SerialNumber: alice.mfaSerial,
			TokenCode: sts.freshCode(alice),
			DurationSeconds: '900',
		})) as { Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: string } };
		expect(result.Credentials.Expiration).toMatch(/Z$/);
		const session = {
			accessKeyId: result.Credentials.AccessKeyId,
			secretAccessKey: result.Credentials.SecretAccessKey,
			sessionToken: result.Credentials.SessionToken,
		};
		const iam = { ...sts2011(), service: 'iam', version: '2010-05-08' } as const;
		expect(await queryCall(iam, session, 'ListAccessKeys')).toMatchObject({
			AccessKeyMetadata: { member: { AccessKeyId: alice.accessKeyId } },
		});
	});

	it("names an error by AWS's code with its status, as the SDK did", async () => {
		const error = await caught(
			queryCall(sts2011(), { accessKeyId: alice.accessKeyId, secretAccessKey: 'x'.repeat(40) }, 'GetCallerIdentity'),
		);
		expect(error).toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
		expect((error as Error).message).toMatch(/^The request signature we calculated does not match/);
		expect(kindOf(error)).toBe('wrong-secret');
	});

	it.each([
		['server-error', 'server'],
		['unavailable-html', 'server'],
		['truncated', 'bad-response'],
		['captive-portal', 'bad-response'],
		['reset', 'network'],
		['hang', 'timeout'],
	] as const)('a %s answer is read as %s', async (fault, kind) => {
		sts.setFault(fault);
		const error = await caught(queryCall(sts2011(), alice, 'GetCallerIdentity'));
		expect(error).toBeInstanceOf(Error);
		expect(kindOf(error)).toBe(kind);
	});

	it('gives nothing for XML that is not the answer asked for, for the caller to refuse', async () => {
		sts.setFault('malformed');
		expect(await queryCall(sts2011(), alice, 'GetCallerIdentity')).toBeUndefined();
	});
});
