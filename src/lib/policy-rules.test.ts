import { describe, expect, it } from 'vitest';
import { prodAdmin, work } from './example-profile';
import { defaultPreferences, type MfaProfile, type Profile, type StoredSession } from './model';
import { noPolicy, type Policy } from './policy';
import { allowedAutoLock, allowedClearDelays, allowedFormats, cliModeRefusal } from './policy-choices';
import {
	applyPresets,
	compliantPreferences,
	effectivePolicy,
	forbiddenPreferences,
	hostAllowed,
	kindRefusal,
	liveSessionRefusal,
	presetRefusal,
	profileRefusal,
	serialMatches,
	sessionEndReason,
	withContact,
} from './policy-rules';

const limited: Policy = {
	...noPolicy,
	maxSessionSeconds: 3600,
	allowedRegions: ['eu-west-1', 'aws-us-gov'],
	allowedEndpointHosts: ['vpce.example.com'],
	allowedExportFormats: ['process', 'dotenv'],
	minimumIdleLockMinutes: 15,
	forceClipboardClearSeconds: 60,
	presetProfiles: [{ name: 'team', region: 'eu-west-1', endpointKind: 'regional', mfaSerialPattern: 'arn:aws:iam::123456789012:mfa/*' }],
};

/** A one-hour session, as STS issued it. */
const session: StoredSession = {
	accessKeyId: 'ASIAEXAMPLE',
	secretAccessKey: 'x',
	sessionToken: 'y',
	obtainedAt: '2026-01-01T00:00:00Z',
	expiration: '2026-01-01T01:00:00Z',
};

describe('allowed kinds of profile', () => {
	const keyless: Policy = { ...noPolicy, allowedProfileKinds: ['console'] };

	it('refuses a kind the organisation left out, at the profile type, and allows every kind without the rule', () => {
		expect(kindRefusal(undefined, keyless)).toEqual({
			field: 'profileType',
			message: 'Your organisation does not allow profiles of the kind “MFA session”.',
		});
		expect(kindRefusal('role', keyless)?.field).toBe('profileType');
		expect(kindRefusal('console', keyless)).toBeUndefined();
		for (const kind of [undefined, 'role', 'console'] as const) expect(kindRefusal(kind, noPolicy)).toBeUndefined();
	});

	it('is the first refusal of a profile, before its region or endpoint', () => {
		expect(profileRefusal({ ...work, region: 'mars-north-1' }, { ...keyless, allowedRegions: ['eu-west-1'] })?.field).toBe('profileType');
		expect(profileRefusal({ ...work, kind: 'console' }, keyless)).toBeUndefined();
	});
});

describe('policy rules', () => {
	it('allows everything without a policy', () => {
		expect(profileRefusal({ ...work, endpoint: 'https://sts.example.org' }, noPolicy)).toBeUndefined();
		expect(allowedFormats(noPolicy)).toHaveLength(7);
		expect(allowedAutoLock(noPolicy)).toContain(0);
		expect(allowedClearDelays(noPolicy)).toContain(0);
		expect(compliantPreferences(defaultPreferences, noPolicy)).toEqual(defaultPreferences);
		expect(applyPresets([work], noPolicy, () => 'new').profiles).toEqual([work]);
	});

	it('refuses a region outside the allowed regions and partitions, a foreign host and a longer session', () => {
		expect(
			profileRefusal({ ...work, region: 'us-gov-west-1', mfaSerial: 'arn:aws-us-gov:iam::123456789012:mfa/a' }, limited),
		).toBeUndefined();
		expect(profileRefusal({ ...work, region: 'us-east-1' }, limited)?.field).toBe('region');
		expect(profileRefusal({ ...work, endpoint: 'https://sts.example.org' }, limited)?.field).toBe('endpoint');
		expect(profileRefusal({ ...work, endpoint: 'https://vpce.example.com' }, limited)).toBeUndefined();
		expect(profileRefusal({ ...work, durationSeconds: 7200 }, limited)).toEqual({
			field: 'durationSeconds',
			message: 'Your organisation allows sessions of at most 3600 seconds.',
		});
		expect(profileRefusal({ ...work, name: 'team', mfaSerial: 'arn:aws:iam::999999999999:mfa/a' }, limited)?.field).toBe('mfaSerial');
	});

	it('checks the region a request is really signed for and sent to, not only the profile’s region field', () => {
		const ireland: Policy = { ...noPolicy, allowedRegions: ['eu-west-1'] };
		for (const [change, field, region] of [
			[{ endpoint: 'https://sts.us-east-1.amazonaws.com' }, 'endpoint', 'us-east-1'],
			[{ endpoint: 'https://sts.cn-north-1.amazonaws.com.cn' }, 'endpoint', 'cn-north-1'],
			[{ endpoint: 'https://vpce-0a1b2c3d4e5f67890-abcdefgh.sts.us-west-2.vpce.amazonaws.com' }, 'endpoint', 'us-west-2'],
			[{ endpointKind: 'global' }, 'endpointKind', 'us-east-1'],
		] as const) {
			const refusal = profileRefusal({ ...work, ...change }, ireland);
			expect(refusal?.field, JSON.stringify(change)).toBe(field);
			expect(refusal?.message).toContain(`signed for and sent to ${region}.`);
		}
		expect(profileRefusal({ ...work, endpoint: 'https://sts.eu-west-1.amazonaws.com' }, ireland)).toBeUndefined();
		// A partition allows the global endpoint of that partition; an emulator signs for the profile's region.
		expect(profileRefusal({ ...work, endpointKind: 'global' }, { ...noPolicy, allowedRegions: ['aws'] })).toBeUndefined();
		expect(profileRefusal({ ...work, endpoint: 'http://127.0.0.1:4566' }, ireland)).toBeUndefined();
		expect(sessionEndReason({ ...work, endpointKind: 'global' }, session, ireland)).toMatch(/signed for and sent to us-east-1/);
	});

	it('matches hosts, ports and subdomains, and device patterns', () => {
		expect(hostAllowed('a.corp.example:443', ['*.corp.example'])).toBe(true);
		expect(hostAllowed('corp.example', ['*.corp.example'])).toBe(false);
		expect(hostAllowed('127.0.0.1:4566', ['127.0.0.1:4566'])).toBe(true);
		expect(hostAllowed('127.0.0.1:4567', ['127.0.0.1:4566'])).toBe(false);
		expect(hostAllowed('127.0.0.1:4567', ['127.0.0.1'])).toBe(true);
		expect(serialMatches('arn:aws:iam::123456789012:mfa/alice', 'arn:aws:iam::123456789012:mfa/*')).toBe(true);
		expect(serialMatches('arn:aws:iam::1234567890123:mfa/alice', 'arn:aws:iam::123456789012:mfa/*')).toBe(false);
	});

	it('offers only allowed choices and brings saved preferences within them', () => {
		expect(allowedFormats(limited)).toEqual(['dotenv', 'process']);
		expect(allowedAutoLock(limited)).toEqual([-1, 5, 15]);
		expect(allowedClearDelays(limited)).toEqual([30, 60]);
		expect(forbiddenPreferences({ exportFormat: 'bash', autoLockMinutes: 0, clearClipboardSeconds: 30 }, limited)).toEqual([
			'exportFormat',
			'autoLockMinutes',
		]);
		expect(compliantPreferences({ ...defaultPreferences, autoLockMinutes: 240 }, limited)).toEqual({
			...defaultPreferences,
			exportFormat: 'dotenv',
			autoLockMinutes: 15,
			clearClipboardSeconds: 60,
		});
	});

	it('allows each command-line mode only with the export format it delivers', () => {
		expect(['off', 'file', 'process'].map((mode) => cliModeRefusal(mode as 'off', noPolicy))).toEqual([undefined, undefined, undefined]);
		// `limited` allows credential_process JSON and .env, not the credentials file.
		expect(cliModeRefusal('off', limited)).toBeUndefined();
		expect(cliModeRefusal('process', limited)).toBeUndefined();
		expect(cliModeRefusal('file', limited)).toBe(
			'Your organisation does not allow the credentials file export format, which this way of serving command-line tools delivers.',
		);
		const onlyFile: Policy = { ...noPolicy, allowedExportFormats: ['credentials'] };
		expect(cliModeRefusal('file', onlyFile)).toBeUndefined();
		expect(cliModeRefusal('process', onlyFile)).toContain('credential_process JSON export format');
		expect(cliModeRefusal('file', { ...onlyFile, allowCommandLineHelper: false })).toBe(
			'Your organisation does not allow the command-line helper.',
		);
	});

	it('adds the support contact to what the policy refuses', () => {
		const policy = { ...noPolicy, supportContact: { text: 'IT desk', url: 'mailto:it@example.com' } };
		expect(withContact('No.', policy)).toBe('No. Help: IT desk (mailto:it@example.com).');
		expect(withContact('No.', noPolicy)).toBe('No.');
	});

	it('leaves out a preset whose AWS STS host belongs to another region than its own', () => {
		const { policy, problems } = effectivePolicy({
			presetProfiles: [{ name: 'team', region: 'eu-west-1', endpoint: 'https://sts.us-east-1.amazonaws.com' }],
		});
		expect(policy.presetProfiles).toEqual([]);
		expect(problems[0]).toContain('team: sts.us-east-1.amazonaws.com is AWS STS in us-east-1');
	});

	it('leaves out a preset that breaks the policy’s own limits, and says why', () => {
		const { policy, problems } = effectivePolicy({ allowedRegions: ['eu-west-1'], presetProfiles: [{ name: 'us', region: 'us-east-1' }] });
		expect(policy.presetProfiles).toEqual([]);
		expect(problems[0]).toMatch(/^Preset profile us is left out: Your organisation allows only these regions/);
	});

	it('creates a preset profile without a key, keeps it in step, and says which sessions end', () => {
		const created = applyPresets([work], limited, () => 'p2');
		expect(created.profiles[1]).toEqual({
			id: 'p2',
			name: 'team',
			region: 'eu-west-1',
			accessKeyId: '',
			mfaSerial: '',
			durationSeconds: 3600,
			managed: true,
		});
		expect(created.plan.added.map((profile) => profile.name)).toEqual(['team']);
		const withKey: Profile[] = [work, { ...(created.profiles[1] as MfaProfile), accessKeyId: 'AKIAIOSFODNN7EXAMPLE' }];
		expect(applyPresets(withKey, limited, () => 'p3').profiles).toEqual(withKey);
		const moved = {
			...limited,
			presetProfiles: [{ name: 'team', region: 'eu-west-1', endpointKind: 'regional' as const, endpoint: 'https://vpce.example.com' }],
		};
		const next = applyPresets(withKey, moved, () => 'p3');
		expect(next.plan.changed).toEqual([
			{
				name: 'team',
				endsSession: true,
				changes: [{ field: 'endpoint', from: 'https://sts.eu-west-1.amazonaws.com', to: 'https://vpce.example.com' }],
			},
		]);
		expect(next.profiles[1]).toMatchObject({ endpoint: 'https://vpce.example.com', trustedHost: 'vpce.example.com', managed: true });
		const gone = applyPresets(next.profiles, noPolicy, () => 'p4').profiles;
		expect(gone[1]?.managed).toBeUndefined();
		expect(applyPresets(created.profiles, noPolicy, () => 'p4').profiles).toEqual([work]);
	});

	it('refuses a change to what the organisation set on a preset profile', () => {
		const team = { name: 'team', region: 'eu-west-1', mfaSerial: 'arn:aws:iam::123456789012:mfa/bob', durationSeconds: 3600 };
		expect(presetRefusal(team, 'team', limited)).toBeUndefined();
		expect(presetRefusal({ ...team, region: 'eu-west-2' }, 'team', limited)?.field).toBe('region');
		expect(presetRefusal({ ...team, name: 'mine' }, 'team', limited)?.field).toBe('name');
		expect(presetRefusal({ ...team, endpoint: 'https://vpce.example.com' }, 'team', limited)?.field).toBe('endpoint');
		expect(presetRefusal({ ...team, name: 'other' }, 'other', limited)).toBeUndefined();
	});

	it('ends a live session that a new policy no longer allows, and keeps one that it does', () => {
		expect(sessionEndReason(work, session, limited)).toBeUndefined();
		expect(sessionEndReason(work, { ...session, expiration: '2026-01-01T12:00:00Z' }, limited)).toMatch(/at most 3600 seconds/);
		expect(sessionEndReason({ ...work, region: 'us-east-1' }, session, limited)).toMatch(/^The session of work was ended/);
	});

	it('refuses a live session by its role’s source as by the role itself', () => {
		expect(liveSessionRefusal(prodAdmin, work, session, limited)).toBeUndefined();
		expect(liveSessionRefusal(prodAdmin, { ...work, region: 'us-east-1' }, session, limited)).toMatch(
			/^The session of prod-admin was ended by your organisation's policy\. Your organisation allows only these regions/,
		);
		expect(liveSessionRefusal(work, undefined, { ...session, expiration: '2026-01-01T12:00:00Z' }, limited)).toMatch(
			/at most 3600 seconds/,
		);
	});
});
