import { describe, expect, it } from 'vitest';
import { work } from './example-profile';
import { noPolicy, readPolicy } from './policy';
import { allowedFormats } from './policy-choices';
import { hostAllowed, profileRefusal } from './policy-rules';

describe('reading a policy', () => {
	it('reads no policy, or an empty one, as no limit at all', () => {
		expect(readPolicy(undefined)).toEqual({ policy: noPolicy, problems: [] });
		expect(readPolicy({})).toEqual({ policy: noPolicy, problems: [] });
	});

	it('reads every key of a well-formed policy', () => {
		const preset = { name: 'work', region: 'eu-west-1', mfaSerialPattern: 'arn:aws:iam::123456789012:mfa/*', durationSeconds: 3600 };
		const raw = {
			presetProfiles: [preset],
			maxSessionSeconds: 7200,
			allowedRegions: ['eu-west-1', 'aws-us-gov'],
			allowedEndpointHosts: ['vpce.example.com', '*.corp.example', '127.0.0.1:4566'],
			allowedExportFormats: ['bash / zsh', 'credential_process JSON'],
			minimumIdleLockMinutes: 15,
			forceClipboardClearSeconds: 60,
			allowSettingsImport: false,
			allowSettingsExport: false,
			allowCommandLineHelper: false,
			supportContact: { text: 'IT desk', url: 'https://help.example.com/aws' },
		};
		expect(readPolicy(raw)).toEqual({
			policy: { ...raw, presetProfiles: [{ ...preset, endpointKind: 'regional' }], allowedExportFormats: ['bash', 'process'] },
			problems: [],
		});
	});

	it('reports out-of-range values and leaves them out, applying the rest', () => {
		const { policy, problems } = readPolicy({ maxSessionSeconds: 60, minimumIdleLockMinutes: 0, allowSettingsExport: false });
		expect(policy.maxSessionSeconds).toBeUndefined();
		expect(policy.minimumIdleLockMinutes).toBeUndefined();
		expect(policy.allowSettingsExport).toBe(false);
		expect(problems).toEqual([
			'Policy value maxSessionSeconds is 60, outside 900 to 129600; it is not applied.',
			'Policy value minimumIdleLockMinutes is 0, outside 1 to 1440; it is not applied.',
		]);
	});

	it('reads the maximum key age and its grace, and reports one out of range', () => {
		expect(readPolicy({ maxAccessKeyAgeDays: 90, accessKeyAgeGraceDays: 7 })).toMatchObject({
			policy: { maxAccessKeyAgeDays: 90, accessKeyAgeGraceDays: 7 },
			problems: [],
		});
		const { policy, problems } = readPolicy({ maxAccessKeyAgeDays: 0, accessKeyAgeGraceDays: 2.5 });
		expect(policy.maxAccessKeyAgeDays).toBeUndefined();
		expect(policy.accessKeyAgeGraceDays).toBeUndefined();
		expect(problems).toEqual([
			'Policy value maxAccessKeyAgeDays is 0, outside 1 to 3650; it is not applied.',
			'Policy value accessKeyAgeGraceDays is 2.5, outside 0 to 3650; it is not applied.',
		]);
	});

	it('leaves out unknown formats and regions by name, and does not apply an empty list that would allow nothing', () => {
		const { policy, problems } = readPolicy({ allowedExportFormats: ['yaml', '.env'], allowedRegions: [] });
		expect(policy.allowedExportFormats).toEqual(['dotenv']);
		expect(policy.allowedRegions).toBeUndefined();
		expect(problems).toEqual([
			'Policy value allowedRegions would allow nothing at all; it is not applied.',
			'Policy value allowedExportFormats lists "yaml", which the extension does not know; that entry is left out.',
		]);
	});

	it('reads the kinds of profile an organisation allows, leaving out a kind it does not know', () => {
		const { policy, problems } = readPolicy({ allowedProfileKinds: ['console', 'passwordless'] });
		expect(policy.allowedProfileKinds).toEqual(['console']);
		expect(problems).toEqual([
			'Policy value allowedProfileKinds lists "passwordless", which the extension does not know; that entry is left out.',
		]);
		expect(readPolicy({}).policy.allowedProfileKinds).toBeUndefined();
	});

	it('allows nothing, and says so, when every entry of an allow-list is malformed', () => {
		const { policy, problems } = readPolicy({
			allowedRegions: ['mars-north-1', 'eu-wset-1'],
			allowedEndpointHosts: ['https://sts.example.com', 'a host'],
			allowedExportFormats: ['yaml', 7],
		});
		expect(policy.allowedRegions).toEqual([]);
		expect(policy.allowedEndpointHosts).toEqual([]);
		expect(policy.allowedExportFormats).toEqual([]);
		for (const name of ['allowedRegions', 'allowedEndpointHosts', 'allowedExportFormats'])
			expect(problems).toContain(
				`Policy value ${name} lists no entry the extension knows, so it allows nothing until your organisation corrects it.`,
			);
		expect(problems).toHaveLength(9);
		expect(profileRefusal(work, policy)?.field).toBe('region');
		expect(profileRefusal({ ...work, endpoint: 'https://sts.example.com' }, { ...policy, allowedRegions: undefined })?.field).toBe(
			'endpoint',
		);
		expect(allowedFormats(policy)).toEqual([]);
	});

	it('reads IPv6 host entries, with or without a port, as a URL spells them', () => {
		const { policy, problems } = readPolicy({ allowedEndpointHosts: ['[::1]:4566', '[0:0:0:0:0:0:0:2]', '[fd00::g]'] });
		expect(policy.allowedEndpointHosts).toEqual(['[::1]:4566', '[::2]']);
		expect(problems).toEqual([
			'Policy value allowedEndpointHosts lists "[fd00::g]", which the extension does not know; that entry is left out.',
		]);
		const hosts = policy.allowedEndpointHosts ?? [];
		expect(hostAllowed(new URL('http://[::1]:4566').host, hosts)).toBe(true);
		expect(hostAllowed(new URL('http://[::1]:4567').host, hosts)).toBe(false);
		expect(hostAllowed(new URL('http://[::2]:9000').host, hosts)).toBe(true);
		expect(hostAllowed(new URL('http://[::3]').host, hosts)).toBe(false);
		expect(profileRefusal({ ...work, endpoint: 'http://[::1]:4566' }, policy)).toBeUndefined();
	});

	it('takes an empty host list as no custom endpoint at all', () => {
		expect(readPolicy({ allowedEndpointHosts: [] })).toEqual({ policy: { ...noPolicy, allowedEndpointHosts: [] }, problems: [] });
	});

	it('raises a clearing delay below the shortest offered, and says so', () => {
		const { policy, problems } = readPolicy({ forceClipboardClearSeconds: 5 });
		expect(policy.forceClipboardClearSeconds).toBe(30);
		expect(problems).toHaveLength(1);
	});

	it('leaves out a preset profile the form would refuse, and names it', () => {
		const { policy, problems } = readPolicy({
			presetProfiles: [
				{ name: 'ok', region: 'us-east-1' },
				{ name: 'bad name!', region: 'us-east-1' },
				{ name: 'OK', region: 'us-east-1' },
				{ name: 'far', region: 'mars-north-1' },
				{ name: 'DEFAULT', region: 'us-east-1' },
				{ name: '__proto__', region: 'us-east-1' },
			],
		});
		expect(policy.presetProfiles.map((preset) => preset.name)).toEqual(['ok']);
		expect(problems).toHaveLength(5);
		expect(problems[2]).toBe('Preset profile 4 is left out: far: region "mars-north-1" is not one the extension knows.');
		expect(problems[3]).toMatch(/^Preset profile 5 is left out: DEFAULT in capitals is not a profile to the AWS CLI and boto3/);
		expect(problems[4]).toMatch(
			/^Preset profile 6 is left out: __proto__ makes the AWS SDK for JavaScript refuse your whole credentials file/,
		);
	});

	it('keeps a support contact without its link when the link is not https or mailto, and reports unknown keys', () => {
		const { policy, problems } = readPolicy({ supportContact: { text: 'Desk', url: 'javascript:alert(1)' }, colour: 'red' });
		expect(policy.supportContact).toEqual({ text: 'Desk' });
		expect(problems).toEqual([
			'Policy key colour is not one the extension knows; it is ignored.',
			'The support contact\'s link "javascript:alert(1)" is not an https: or mailto: address; only its text is shown.',
		]);
	});
});
