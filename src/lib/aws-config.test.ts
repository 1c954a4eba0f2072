import { describe, expect, it } from 'vitest';
import { asConfigProfile, checkConfigProfiles, linkConfigProfiles, parseConfigSections, profilesFromConfig } from './aws-config';
import { work } from './example-profile';

const config = `# ~/.aws/config
[default]
region = us-east-1

[profile work]
mfa_serial = arn:aws:iam::123456789012:mfa/alice
region = eu-west-1

[profile prod-admin]
role_arn = arn:aws:iam::210987654321:role/Admin
source_profile = work
role_session_name = alice-admin

[profile audit]
role_arn = arn:aws:iam::210987654321:role/audit/Auditor
source_profile = work
external_id = partner-42
duration_seconds = 900
region = eu-central-1

[profile deploy]
role_arn = arn:aws:iam::345678901234:role/Deploy
source_profile = work
duration_seconds = 43200
`;

describe('several ~/.aws/config sections', () => {
	it('reads each section with its keys', () => {
		const sections = parseConfigSections(config);
		expect(sections.map((section) => section.name)).toEqual(['default', 'work', 'prod-admin', 'audit', 'deploy']);
		expect(sections[3]?.values).toEqual({
			role_arn: 'arn:aws:iam::210987654321:role/audit/Auditor',
			source_profile: 'work',
			external_id: 'partner-42',
			duration_seconds: '900',
			region: 'eu-central-1',
		});
	});

	it('describes the MFA profile and its roles: a section with neither a device nor roles is left out', () => {
		const planned = profilesFromConfig(parseConfigSections(config));
		expect(planned.map(({ input, sourceProfile }) => [input.name, input.kind ?? 'mfa', sourceProfile])).toEqual([
			['work', 'mfa', undefined],
			['prod-admin', 'role', 'work'],
			['audit', 'role', 'work'],
			['deploy', 'role', 'work'],
		]);
		expect(planned[1]?.input).toMatchObject({ roleSessionName: 'alice-admin', durationSeconds: 3600, direct: false, region: 'eu-west-1' });
		expect(planned[2]?.input).toMatchObject({
			externalId: 'partner-42',
			roleSessionName: 'alice',
			durationSeconds: 900,
			region: 'eu-central-1',
		});
		// Longer than AWS's hour for a role assumed from a session: assumed directly with MFA.
		expect(planned[3]?.input).toMatchObject({ durationSeconds: 43_200, direct: true });
	});

	it("takes a role's own mfa_serial for its source, as the AWS CLI reads it", () => {
		const planned = profilesFromConfig(
			parseConfigSections(
				'[profile base]\n[profile admin]\nrole_arn = arn:aws:iam::210987654321:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::123456789012:mfa/bob\n',
			),
		);
		expect(planned[0]?.input).toMatchObject({ name: 'base', mfaSerial: 'arn:aws:iam::123456789012:mfa/bob' });
	});

	it('checks every profile together before anything is saved: the keys must be typed, the sources must exist', () => {
		const planned = profilesFromConfig(parseConfigSections(config));
		const blank = checkConfigProfiles(planned, []);
		expect(blank).toMatchObject({ ok: false, errors: { work: { accessKeyId: expect.any(String), secretAccessKey: expect.any(String) } } });
		const typed = planned.map((profile) =>
			profile.input.kind === 'role'
				? profile
				: {
						...profile,
						input: { ...profile.input, accessKeyId: work.accessKeyId, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
					},
		);
		const checked = checkConfigProfiles(typed, []);
		expect(checked.ok).toBe(true);
		const orphan = checkConfigProfiles([{ ...(planned[1] as (typeof planned)[number]), sourceProfile: 'nobody' }], []);
		expect(orphan).toMatchObject({
			ok: false,
			errors: { 'prod-admin': { sourceProfile: expect.stringContaining('Choose the MFA profile') } },
		});
		// A role of a saved MFA profile, and a name already taken.
		expect(checkConfigProfiles([planned[1] as (typeof planned)[number]], [work]).ok).toBe(true);
		expect(
			checkConfigProfiles(
				[
					{
						...(planned[1] as (typeof planned)[number]),
						input: { ...(planned[1]?.input as (typeof planned)[number]['input']), name: 'WORK' },
					},
				],
				[work],
			),
		).toMatchObject({
			ok: false,
			errors: { WORK: { name: expect.any(String) } },
		});
		if (!checked.ok) throw new Error('the typed profiles were refused');
		const ids = ['id1', 'id2', 'id3', 'id4'];
		const linked = linkConfigProfiles(checked.value, [], () => ids.shift() ?? '');
		expect(linked.map((input) => [input.name, input.id, input.sourceProfileId])).toEqual([
			['work', 'id1', undefined],
			['prod-admin', 'id2', 'id1'],
			['audit', 'id3', 'id1'],
			['deploy', 'id4', 'id1'],
		]);
	});
});

describe('pasted sections named as the AWS tools would not read a profile', () => {
	it('are refused together with the others, with the reason, even __proto__', () => {
		const pasted = `[profile __proto__]
mfa_serial = arn:aws:iam::123456789012:mfa/alice

[DEFAULT]
mfa_serial = arn:aws:iam::123456789012:mfa/bob
`;
		const planned = profilesFromConfig(parseConfigSections(pasted)).map((profile) => ({
			...profile,
			input: { ...profile.input, accessKeyId: work.accessKeyId, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
		}));
		expect(planned.map((profile) => profile.input.name)).toEqual(['__proto__', 'DEFAULT']);
		const checked = checkConfigProfiles(planned, []);
		expect(checked.ok).toBe(false);
		expect(Object.keys(checked.errors ?? {})).toEqual(['__proto__', 'DEFAULT']);
		expect(checked.ok ? '' : checked.error).toBe(
			[
				'Check these profiles before they are created: __proto__, DEFAULT. Nothing was saved.',
				'__proto__ makes the AWS SDK for JavaScript refuse your whole credentials file. Choose another name.',
				'DEFAULT in capitals is not a profile to the AWS CLI and boto3: they would add its keys to every other profile of your credentials file. Choose another name (default in lowercase is the usual default profile).',
			].join(' '),
		);
	});
});

describe("the worker's check of a page's profiles", () => {
	it('keeps well-shaped profiles and refuses any other shape', () => {
		const [work, role] = profilesFromConfig(parseConfigSections(config));
		expect(asConfigProfile(work)).toEqual(
			work === undefined
				? undefined
				: { ...work, input: { ...work.input, roleArn: '', externalId: '', roleSessionName: '', direct: false } },
		);
		expect(asConfigProfile(role)).toMatchObject({
			sourceProfile: 'work',
			input: { kind: 'role', roleArn: 'arn:aws:iam::210987654321:role/Admin' },
		});
		expect(asConfigProfile(null)).toBeUndefined();
		expect(asConfigProfile({ input: { ...work?.input, accessKeyId: 42 } })).toBeUndefined();
		expect(asConfigProfile({ input: { ...work?.input, durationSeconds: '3600' } })).toBeUndefined();
		expect(asConfigProfile({ input: { ...work?.input, endpointKind: 'anywhere' } })).toBeUndefined();
		expect(asConfigProfile({ ...role, sourceProfile: ['work'] })).toBeUndefined();
	});
});
