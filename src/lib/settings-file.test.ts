import { describe, expect, it } from 'vitest';
import { prodAdmin, work } from './example-profile';
import { defaultPreferences, type Profile } from './model';
import { parseAwsConfigSection, parseSettingsJson, settingsToJson } from './settings-file';

describe('settings file', () => {
	it('round-trips profiles and preferences without ids or anything learnt', () => {
		const text = settingsToJson([work], { ...defaultPreferences, exportFormat: 'fish' });
		expect(text).not.toContain('p1');
		expect(text).not.toContain('identityArn');
		const { id: _id, identityArn: _arn, ...settings } = work;
		expect(parseSettingsJson(text)).toEqual({
			ok: true,
			value: { profiles: [settings], preferences: { ...defaultPreferences, exportFormat: 'fish' } },
		});
	});

	it('never carries a confirmed host, and checks preferences as the options page does', () => {
		const text = settingsToJson([{ ...work, endpoint: 'https://sts.example.test', trustedHost: 'sts.example.test' }], defaultPreferences);
		expect(text).not.toContain('trustedHost');
		const file = JSON.parse(text);
		const withPreferences = (preferences: object) => parseSettingsJson(JSON.stringify({ ...file, preferences }));
		expect(withPreferences({ autoLockMinutes: 'off' })).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^Preference “autoLockMinutes”: .*Nothing was imported/),
		});
		expect(withPreferences({ autoLockMinutes: null })).toMatchObject({ ok: false });
		expect(withPreferences({ lockAt: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('“lockAt” is not a preference') });
		expect(withPreferences({ autoLockMinutes: 5 })).toMatchObject({ ok: true, value: { preferences: { autoLockMinutes: 5 } } });
		const { preferences: _none, ...bare } = file;
		expect(parseSettingsJson(JSON.stringify(bare))).toMatchObject({ ok: true, value: { preferences: {} } });
	});

	it('refuses foreign files, bad profiles and duplicate names with the reason', () => {
		expect(parseSettingsJson('nope')).toMatchObject({ ok: false, error: expect.stringMatching(/not JSON/) });
		expect(parseSettingsJson('{"kind":"other"}')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/not an MFA Session settings file/),
		});
		const file = JSON.parse(settingsToJson([work, { ...work, id: 'p2', name: 'WORK' }], defaultPreferences));
		expect(parseSettingsJson(JSON.stringify(file))).toMatchObject({
			ok: false,
			error: expect.stringMatching(/Profile 2 .*already a profile/),
		});
		file.profiles = [{ ...file.profiles[0], name: 'DEFAULT' }];
		expect(parseSettingsJson(JSON.stringify(file))).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^Profile 1 \(DEFAULT\): name: DEFAULT in capitals is not a profile to the AWS CLI and boto3/),
		});
		file.profiles = [{ ...file.profiles[0], name: '__proto__' }];
		expect(parseSettingsJson(JSON.stringify(file))).toMatchObject({
			ok: false,
			error: expect.stringMatching(/^Profile 1 \(__proto__\): name: __proto__ makes the AWS SDK for JavaScript refuse/),
		});
		file.profiles = [{ ...file.profiles[0], name: 'work', mfaSerial: 'arn:aws:iam::123456789012:user/alice' }];
		expect(parseSettingsJson(JSON.stringify(file))).toMatchObject({ ok: false, error: expect.stringMatching(/:mfa\/alice/) });
	});
});

describe('~/.aws/config section', () => {
	it('reads the name, MFA device, region and duration', () => {
		const section =
			'[profile work]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nduration_seconds = 7200\noutput = json\n';
		expect(parseAwsConfigSection(section)).toEqual({
			ok: true,
			value: { name: 'work', mfaSerial: 'arn:aws:iam::123456789012:mfa/alice', region: 'eu-west-1', durationSeconds: 7200 },
		});
		expect(parseAwsConfigSection('[default]\r\nregion=us-east-2')).toEqual({ ok: true, value: { name: 'default', region: 'us-east-2' } });
		expect(parseAwsConfigSection('hello').ok).toBe(false);
	});

	it('refuses a section the AWS tools would not read as a profile, saying why', () => {
		expect(parseAwsConfigSection('[DEFAULT]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice')).toEqual({
			ok: false,
			error: expect.stringMatching(/^DEFAULT in capitals is not a profile to the AWS CLI and boto3/),
		});
		expect(parseAwsConfigSection('[profile __proto__]\nregion = eu-west-1')).toEqual({
			ok: false,
			error: expect.stringMatching(/^__proto__ makes the AWS SDK for JavaScript refuse your whole credentials file/),
		});
		expect(parseAwsConfigSection('[profile constructor]\nregion = eu-west-1')).toMatchObject({ ok: false });
	});
});

describe('role profiles in the settings file', () => {
	const admin = { ...prodAdmin, externalId: 'ext-42' };

	it('carries a role with its source by name, and reads it back whatever the order', () => {
		const text = settingsToJson([admin, work], defaultPreferences);
		const file = JSON.parse(text);
		expect(file.profiles[0]).toEqual({ ...admin, id: undefined, sourceProfileId: undefined, sourceProfile: 'work' });
		expect(text).not.toContain('sourceProfileId');
		const parsed = parseSettingsJson(text);
		expect(parsed).toMatchObject({
			ok: true,
			value: { profiles: [{ name: 'work' }, { name: 'prod-admin', sourceProfile: 'work', externalId: 'ext-42' }] },
		});
	});

	it('finds a source among the saved profiles, and refuses a role whose source is nowhere or a role', () => {
		const { id: _id, sourceProfileId: _source, ...rest } = admin;
		const only = (profiles: object[]) => JSON.stringify({ kind: 'mfa-session-settings', version: 1, profiles, preferences: {} });
		expect(parseSettingsJson(only([{ ...rest, sourceProfile: 'WORK' }]), [work])).toMatchObject({ ok: true });
		expect(parseSettingsJson(only([{ ...rest, sourceProfile: 'work' }]))).toEqual({
			ok: false,
			error: expect.stringMatching(/Profile 1 .*prod-admin.*sourceProfile.*Choose the MFA profile/s),
		});
		expect(parseSettingsJson(only([{ ...rest, sourceProfile: 'prod-admin' }]), [{ ...admin, name: 'prod-admin' }])).toMatchObject({
			ok: false,
		});
		expect(parseSettingsJson(only([{ ...rest, sourceProfile: 'work', durationSeconds: 7200 }]), [work])).toEqual({
			ok: false,
			error: expect.stringContaining('at most 1 hour'),
		});
	});
});

describe('console sign-in profiles in a settings file', () => {
	it('are left out of the file: without their sealed token they are signed in again on each browser', () => {
		const signin: Profile = {
			id: 'c1',
			kind: 'console',
			name: 'keyless-one',
			region: 'eu-west-1',
			durationSeconds: 900,
			signedInAs: 'arn:aws:iam::123456789012:user/keyless-user',
		};
		const text = settingsToJson([work, signin, prodAdmin], defaultPreferences);
		const names = (JSON.parse(text) as { profiles: { name: string }[] }).profiles.map((profile) => profile.name);
		expect(names).toEqual([work.name, prodAdmin.name]);
		expect(text).not.toContain('keyless');
	});

	it('may not be replaced by a profile of the file with their name, and may be the source of its roles', () => {
		const signin: Profile = { id: 'c1', kind: 'console', name: 'Keyless-One', region: 'eu-west-1', durationSeconds: 900 };
		const file = JSON.parse(settingsToJson([{ ...work, name: 'keyless-one' }], defaultPreferences));
		expect(parseSettingsJson(JSON.stringify(file), [signin])).toEqual({
			ok: false,
			error:
				'Profile 1 (keyless-one): name: a console sign-in profile has this name; rename one of them first (a settings file cannot replace a sign-in).',
		});
		const role = JSON.parse(settingsToJson([work, prodAdmin], defaultPreferences));
		role.profiles = [{ ...role.profiles[1], sourceProfile: 'Keyless-One' }];
		const imported = parseSettingsJson(JSON.stringify(role), [signin]);
		expect(imported).toMatchObject({ ok: true, value: { profiles: [{ kind: 'role', sourceProfile: 'Keyless-One' }] } });
		role.profiles = [{ ...role.profiles[0], sourceProfile: 'nobody' }];
		expect(parseSettingsJson(JSON.stringify(role), [signin])).toMatchObject({
			ok: false,
			error: expect.stringContaining('Choose the MFA profile'),
		});
		expect(parseSettingsJson(JSON.stringify(file), [])).toMatchObject({ ok: true });
	});
});
