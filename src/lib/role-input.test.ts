import { describe, expect, it } from 'vitest';
import { prodAdmin, work } from './example-profile';
import type { Profile } from './model';
import { checkProfileInput, type ProfileInput } from './profile-input';
import {
	checkSource,
	defaultRoleSessionName,
	parseExternalId,
	parseRoleArn,
	parseRoleDuration,
	parseRoleSessionName,
	sessionsToEnd,
} from './role-input';

const admin = prodAdmin;
const gov: Profile = { ...work, id: 'g1', name: 'gov', region: 'us-gov-west-1', mfaSerial: 'arn:aws-us-gov:iam::123456789012:mfa/gwen' };
const saved: Profile[] = [work, admin, gov];

/** A role form as the options page sends it, with the given changes. */
function roleInput(change: Partial<ProfileInput> = {}): ProfileInput {
	return {
		kind: 'role',
		name: 'audit',
		accessKeyId: '',
		secretAccessKey: '',
		mfaSerial: '',
		durationSeconds: 3600,
		region: 'eu-west-1',
		endpointKind: 'regional',
		endpoint: '',
		roleArn: 'arn:aws:iam::210987654321:role/ops/Auditor',
		sourceProfileId: work.id,
		externalId: '',
		roleSessionName: 'alice',
		...change,
	};
}

const errorsOf = (change: Partial<ProfileInput>) => {
	const checked = checkProfileInput(roleInput(change), saved, false);
	return checked.ok ? {} : checked.errors;
};

describe('role ARN', () => {
	it('accepts a role of any served partition, with or without a path', () => {
		expect(parseRoleArn(' arn:aws:iam::210987654321:role/Admin ')).toEqual({
			ok: true,
			value: { arn: 'arn:aws:iam::210987654321:role/Admin', partition: 'aws' },
		});
		expect(parseRoleArn('arn:aws-cn:iam::210987654321:role/team/a/Deploy+1')).toMatchObject({ ok: true, value: { partition: 'aws-cn' } });
	});

	it.each([
		['', /Type the role's ARN/],
		['arn:aws:iam::210987654321:user/alice', /not a role's ARN/],
		['arn:aws:iam::21098765432:role/Admin', /not a role's ARN/],
		['arn:aws:sts::210987654321:role/Admin', /not a role's ARN/],
		['arn:aws:iam::210987654321:role/', /not a role's ARN/],
		['arn:aws:iam::210987654321:role/has space', /not a role's ARN/],
		[`arn:aws:iam::210987654321:role/${'n'.repeat(65)}`, /not a role's ARN/],
		['arn:aws-iso:iam::210987654321:role/Admin', /aws-iso is not a partition/],
	])('refuses %j', (arn, message) => {
		expect(parseRoleArn(arn)).toEqual({ ok: false, error: expect.stringMatching(message) });
	});
});

describe('role session name', () => {
	it('accepts 2 to 64 of [\\w+=,.@-]', () => {
		expect(parseRoleSessionName('al')).toEqual({ ok: true, value: 'al' });
		expect(parseRoleSessionName('alice+ci=1,a.b@c-d_e')).toMatchObject({ ok: true });
		expect(parseRoleSessionName('x'.repeat(64))).toMatchObject({ ok: true });
	});

	it('refuses one character, 65, and characters AWS refuses', () => {
		expect(parseRoleSessionName('a')).toEqual({ ok: false, error: expect.stringContaining('this one has 1') });
		expect(parseRoleSessionName('x'.repeat(65))).toEqual({ ok: false, error: expect.stringContaining('this one has 65') });
		expect(parseRoleSessionName('alice smith')).toEqual({ ok: false, error: expect.stringContaining('+ = , . @ _ -') });
		expect(parseRoleSessionName('alice/ci')).toMatchObject({ ok: false });
	});

	it('is derived from the IAM user name by default', () => {
		expect(defaultRoleSessionName(work)).toBe('alice');
		expect(defaultRoleSessionName({ ...work, identityArn: undefined, mfaSerial: 'arn:aws:iam::123456789012:mfa/path/bob smith' })).toBe(
			'bobsmith',
		);
		expect(defaultRoleSessionName({ ...work, identityArn: undefined, mfaSerial: 'GAHT12345678' })).toBe('mfa-session');
		expect(defaultRoleSessionName(undefined)).toBe('mfa-session');
	});
});

describe('external ID', () => {
	it('is optional, 2 to 1224 of [\\w+=,.@:/-]', () => {
		expect(parseExternalId('  ')).toEqual({ ok: true, value: undefined });
		expect(parseExternalId('urn:partner/42=a,b.c@d-e_f+g')).toMatchObject({ ok: true });
		expect(parseExternalId('x'.repeat(1224))).toMatchObject({ ok: true });
	});

	it('refuses one character, 1225, and other characters', () => {
		expect(parseExternalId('x')).toEqual({ ok: false, error: expect.stringContaining('this one has 1') });
		expect(parseExternalId('x'.repeat(1225))).toEqual({ ok: false, error: expect.stringContaining('this one has 1225') });
		expect(parseExternalId('two words')).toEqual({ ok: false, error: expect.stringContaining('+ = , . @ : / _ -') });
		expect(parseExternalId('id#1')).toMatchObject({ ok: false });
	});
});

describe('role duration', () => {
	it('is 15 min to 1 h when assumed from a session, up to 12 h when direct', () => {
		expect(parseRoleDuration(900, false)).toEqual({ ok: true, value: 900 });
		expect(parseRoleDuration(3600, false)).toEqual({ ok: true, value: 3600 });
		expect(parseRoleDuration(3601, false)).toEqual({ ok: false, error: expect.stringContaining('at most 1 hour') });
		expect(parseRoleDuration(43_200, true)).toEqual({ ok: true, value: 43_200 });
		expect(parseRoleDuration(43_201, true)).toEqual({ ok: false, error: expect.stringContaining('at most 12 hours') });
		expect(parseRoleDuration(899, true)).toMatchObject({ ok: false });
		expect(parseRoleDuration(1800.5, true)).toMatchObject({ ok: false });
	});
});

describe('source profile', () => {
	it('must be a saved MFA profile', () => {
		expect(checkSource(work.id, saved, undefined)).toEqual({ ok: true, value: work });
		expect(checkSource('', saved, undefined)).toEqual({ ok: false, error: expect.stringContaining('Choose the MFA profile') });
		expect(checkSource('gone', saved, undefined)).toEqual({ ok: false, error: expect.stringContaining('Choose the MFA profile') });
		expect(checkSource(admin.id, saved, undefined)).toEqual({ ok: false, error: expect.stringContaining('prod-admin is a role profile') });
	});

	it('may be a console sign-in, named after who signed in, but never for a role assumed directly, which needs a key', () => {
		const signin: Profile = { id: 'c1', kind: 'console', name: 'console', region: 'us-east-1', durationSeconds: 900 };
		expect(checkSource(signin.id, [...saved, signin], undefined)).toEqual({ ok: true, value: signin });
		expect(defaultRoleSessionName({ ...signin, signedInAs: 'arn:aws:iam::123456789012:user/alice' } as Profile)).toBe('alice');
		expect(defaultRoleSessionName(signin)).toBe('mfa-session');
		const fromSignin = roleInput({ sourceProfileId: signin.id, direct: false });
		expect(checkProfileInput(fromSignin, [...saved, signin], false)).toMatchObject({ ok: true, profile: { sourceProfileId: signin.id } });
		expect(checkProfileInput({ ...fromSignin, direct: true }, [...saved, signin], false)).toEqual({
			ok: false,
			errors: { sourceProfile: 'console is a console sign-in: it has no key to assume a role directly with. Leave "Assume directly" off.' },
		});
	});

	it('refuses a loop: itself, or a role assumed from the profile being edited', () => {
		expect(checkSource(admin.id, saved, admin.id)).toEqual({ ok: false, error: expect.stringContaining('a loop') });
		// "work" turned into a role assumed from prod-admin, which is assumed from work.
		expect(checkSource(admin.id, saved, work.id)).toEqual({ ok: false, error: expect.stringContaining('a loop') });
	});
});

describe('a role profile form', () => {
	it('is saved without key, device or secret, blank external ID left out', () => {
		expect(checkProfileInput(roleInput({ externalId: '', direct: false }), saved, false)).toEqual({
			ok: true,
			profile: {
				kind: 'role',
				name: 'audit',
				region: 'eu-west-1',
				roleArn: 'arn:aws:iam::210987654321:role/ops/Auditor',
				sourceProfileId: work.id,
				roleSessionName: 'alice',
				durationSeconds: 3600,
			},
			secretAccessKey: undefined,
		});
		expect(checkProfileInput(roleInput({ externalId: 'ext-42', direct: true, durationSeconds: 43_200 }), saved, false)).toMatchObject({
			ok: true,
			profile: { externalId: 'ext-42', direct: true, durationSeconds: 43_200 },
		});
	});

	it('shows each bad input at its own field', () => {
		expect(errorsOf({ roleArn: 'arn:aws:iam::210987654321:user/x' })).toEqual({ roleArn: expect.stringContaining("not a role's ARN") });
		expect(errorsOf({ roleSessionName: 'a b' })).toEqual({ roleSessionName: expect.any(String) });
		expect(errorsOf({ externalId: 'x' })).toEqual({ externalId: expect.any(String) });
		expect(errorsOf({ sourceProfileId: '' })).toEqual({ sourceProfile: expect.any(String) });
		expect(errorsOf({ sourceProfileId: admin.id })).toEqual({ sourceProfile: expect.stringContaining('is a role profile') });
		expect(errorsOf({ durationSeconds: 7200 })).toEqual({ durationSeconds: expect.stringContaining('Assume directly with MFA') });
		expect(errorsOf({ durationSeconds: 50_000, direct: true })).toEqual({ durationSeconds: expect.stringContaining('12 hours') });
		expect(errorsOf({ durationSeconds: 600 })).toEqual({ durationSeconds: expect.any(String) });
	});

	it("refuses a role of another partition than its source's", () => {
		expect(errorsOf({ roleArn: 'arn:aws-us-gov:iam::210987654321:role/Admin' })).toEqual({
			roleArn: expect.stringContaining('aws-us-gov partition, but the source profile work is in aws'),
		});
		expect(errorsOf({ sourceProfileId: gov.id, region: 'us-gov-west-1' })).toEqual({
			roleArn: expect.stringContaining('source profile gov is in aws-us-gov'),
		});
		expect(errorsOf({ sourceProfileId: gov.id, region: 'us-gov-west-1', roleArn: 'arn:aws-us-gov:iam::210987654321:role/Admin' })).toEqual(
			{},
		);
		expect(errorsOf({ region: 'cn-north-1' })).toEqual({ region: expect.stringContaining('cn-north-1 is in the aws-cn partition') });
	});

	it('cannot turn a profile other roles are assumed from into a role', () => {
		const other: Profile = { ...work, id: 'p2', name: 'personal' };
		const checked = checkProfileInput(roleInput({ id: work.id, name: 'work', sourceProfileId: other.id }), [...saved, other], false);
		expect(checked).toEqual({ ok: false, errors: { profileType: expect.stringContaining('(prod-admin)') } });
	});
});

describe('an AWS STS host as the endpoint', () => {
	const mfaInput = (change: Partial<ProfileInput>): ProfileInput => ({
		name: 'other',
		accessKeyId: work.accessKeyId,
		secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
		mfaSerial: work.mfaSerial,
		durationSeconds: 3600,
		region: 'eu-west-1',
		endpointKind: 'regional',
		endpoint: '',
		...change,
	});
	const endpointError = (change: Partial<ProfileInput>) => {
		const checked = checkProfileInput(mfaInput(change), saved, false);
		return checked.ok ? undefined : checked.errors.endpoint;
	};

	it('is refused at its field when its region is not the profile’s, saying which region it belongs to', () => {
		expect(endpointError({ endpoint: 'https://sts.us-east-1.amazonaws.com' })).toBe(
			"sts.us-east-1.amazonaws.com is AWS STS in us-east-1: requests to it are signed for and sent to us-east-1, not to this profile's region eu-west-1. Choose region us-east-1, or leave the endpoint empty to use eu-west-1's own.",
		);
		expect(endpointError({ endpoint: 'https://sts.amazonaws.com' })).toContain('AWS STS in us-east-1');
		expect(endpointError({ endpoint: 'https://sts.cn-north-1.amazonaws.com.cn' })).toContain('AWS STS in cn-north-1');
		expect(endpointError({ endpoint: 'https://vpce-0a1b2c3d4e5f67890-abcdefgh.sts.us-west-2.vpce.amazonaws.com' })).toContain(
			'AWS STS in us-west-2',
		);
		// A role's endpoint is checked the same way.
		expect(errorsOf({ endpoint: 'https://sts.eu-west-2.amazonaws.com' }).endpoint).toContain('AWS STS in eu-west-2');
	});

	it('is accepted in its own region, and any other host is left to the endpoint checks', () => {
		expect(endpointError({ endpoint: 'https://sts.eu-west-1.amazonaws.com' })).toBeUndefined();
		expect(endpointError({ region: 'us-east-1', endpoint: 'https://sts.amazonaws.com' })).toBeUndefined();
		expect(endpointError({ endpoint: 'http://127.0.0.1:4566' })).toBeUndefined();
		expect(endpointError({ endpoint: 'https://sts.example.com' })).toBeUndefined();
	});
});

describe('sessionsToEnd', () => {
	const audit: Profile = { ...prodAdmin, id: 'r2', name: 'audit' };
	const other: Profile = { ...work, id: 'p2', name: 'other' };
	const elsewhere: Profile = { ...prodAdmin, id: 'r3', name: 'elsewhere', sourceProfileId: 'p2' };
	const saved = [work, prodAdmin, audit, other, elsewhere];

	it('ends a source with every role assumed from it, and nothing else', () => {
		expect([...sessionsToEnd(saved, [work.id])].sort()).toEqual(['p1', 'r1', 'r2']);
	});

	it('ends a role alone, and keeps ids of profiles already gone', () => {
		expect([...sessionsToEnd(saved, ['r1'])]).toEqual(['r1']);
		expect([...sessionsToEnd(saved, ['deleted'])]).toEqual(['deleted']);
		expect([...sessionsToEnd(saved, [])]).toEqual([]);
	});
});
