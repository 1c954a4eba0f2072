import { describe, expect, it } from 'vitest';
import { defaultPreferences } from './lib/model';
import { schemaVersion, upgrade } from './migrations';

const profile = {
	id: 'p1',
	name: 'work',
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
	durationSeconds: 43_200,
	region: 'eu-west-1',
};
const vault = {
	salt: 'c2FsdA==',
	iterations: 600_000,
	check: { iv: 'aXY=', data: 'ZGF0YQ==' },
	secrets: { p1: { iv: 'aXY=', data: 'c2VjcmV0' } },
};

describe('storage migrations', () => {
	it('upgrades version 1 data, keeping profiles, vault and choices', () => {
		const stored = { schemaVersion: 1, profiles: [profile], activeProfileId: 'p1', vault, exportFormat: 'fish', autoLockMinutes: 15 };
		const result = upgrade(stored);
		expect(result?.data).toEqual({
			schemaVersion,
			profiles: [profile],
			activeProfileId: 'p1',
			vault,
			preferences: { ...defaultPreferences, exportFormat: 'fish', autoLockMinutes: 15 },
		});
		expect(result?.removed.sort()).toEqual(['autoLockMinutes', 'exportFormat']);
	});

	it('treats data without a version as the oldest schema', () => {
		expect(upgrade({ profiles: [profile], exportFormat: 'cmd' })?.data).toMatchObject({
			schemaVersion,
			profiles: [profile],
			preferences: { exportFormat: 'cmd', autoLockMinutes: 15 },
		});
	});

	it('turns a vault that never locked into a 15-minute idle lock, and forgets identities that did not come from AWS', () => {
		const before = {
			schemaVersion: 3,
			preferences: { ...defaultPreferences, autoLockMinutes: 0 },
			profiles: [
				{ ...profile, id: 'emulator', endpoint: 'http://127.0.0.1:4566', identityArn: 'arn:aws:iam::123456789012:root' },
				{ ...profile, id: 'aws', identityArn: 'arn:aws:iam::123456789012:user/alice' },
				{
					...profile,
					id: 'vpce',
					endpoint: 'https://vpce-0a1b2c3d4e5f67890-abcdefgh.sts.eu-west-1.vpce.amazonaws.com',
					identityArn: 'arn:aws:iam::123456789012:user/alice',
				},
			],
		};
		const after = upgrade(before)?.data as { preferences: { autoLockMinutes: number }; profiles: Record<string, unknown>[] };
		expect(after.preferences.autoLockMinutes).toBe(15);
		expect(after.profiles.map((saved) => saved.identityArn)).toEqual([
			undefined,
			'arn:aws:iam::123456789012:user/alice',
			'arn:aws:iam::123456789012:user/alice',
		]);
		expect(upgrade({ ...before, preferences: { ...defaultPreferences, autoLockMinutes: 60 } })?.data).toMatchObject({
			preferences: { autoLockMinutes: 60 },
		});
	});

	it('stamps a new install with the current version and leaves current data alone', () => {
		expect(upgrade({})).toEqual({ data: { schemaVersion }, removed: [] });
		expect(upgrade({ schemaVersion, profiles: [profile] })).toBeUndefined();
	});

	it('moves profiles whose saved endpoint kind the region lacks to regional, and says so once', () => {
		const preferences = defaultPreferences;
		const profiles = [
			{ ...profile, id: 'a', name: 'cape', region: 'af-south-1', endpointKind: 'global' },
			{ ...profile, id: 'b', name: 'seoul', region: 'ap-northeast-2', endpointKind: 'global' },
			{ ...profile, id: 'c', name: 'calgary', region: 'ca-west-1', endpointKind: 'fips' },
			{ ...profile, id: 'd', name: 'vpc', region: 'me-south-1', endpointKind: 'global', endpoint: 'https://vpce.example.test' },
			{ ...profile, id: 'e', name: 'ireland', region: 'eu-west-1', endpointKind: 'global' },
			{ ...profile, id: 'f', name: 'virginia', region: 'us-east-1', endpointKind: 'fips' },
			{ ...profile, id: 'g', name: 'plain', region: 'af-south-1' },
		];
		const result = upgrade({ schemaVersion: 2, profiles, preferences, vault });
		const regional = ({ endpointKind: _kind, ...rest }: Record<string, unknown> = {}) => rest;
		expect(result?.data).toEqual({
			schemaVersion,
			preferences,
			vault,
			profiles: [...profiles.slice(0, 4).map(regional), ...profiles.slice(4)],
			endpointNotice: [
				{ name: 'cape', region: 'af-south-1', kind: 'global' },
				{ name: 'seoul', region: 'ap-northeast-2', kind: 'global' },
				{ name: 'calgary', region: 'ca-west-1', kind: 'fips' },
			],
		});
		expect(result?.removed).toEqual([]);
	});

	it('writes no notice when no profile moves, and keeps storage without profiles as it was', () => {
		const kept = { schemaVersion: 2, profiles: [{ ...profile, endpointKind: 'global' }], preferences: defaultPreferences };
		expect(upgrade(kept)?.data).toEqual({ ...kept, schemaVersion });
		expect(upgrade({ schemaVersion: 2, preferences: defaultPreferences })?.data).toEqual({
			schemaVersion,
			preferences: defaultPreferences,
		});
	});
});
