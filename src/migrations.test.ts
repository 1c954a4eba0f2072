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
			preferences: { exportFormat: 'cmd', autoLockMinutes: 0 },
		});
	});

	it('stamps a new install with the current version and leaves current data alone', () => {
		expect(upgrade({})).toEqual({ data: { schemaVersion }, removed: [] });
		expect(upgrade({ schemaVersion, profiles: [profile] })).toBeUndefined();
	});
});
