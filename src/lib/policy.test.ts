import { describe, expect, it } from 'vitest';
import { noPolicy, readPolicy } from './policy';

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

	it('leaves out unknown formats and regions by name, and refuses a list that would allow nothing', () => {
		const { policy, problems } = readPolicy({ allowedExportFormats: ['yaml', '.env'], allowedRegions: ['mars-north-1'] });
		expect(policy.allowedExportFormats).toEqual(['dotenv']);
		expect(policy.allowedRegions).toBeUndefined();
		expect(problems).toEqual([
			'Policy value allowedRegions lists "mars-north-1", which the extension does not know; that entry is left out.',
			'Policy value allowedRegions would allow nothing at all; it is not applied.',
			'Policy value allowedExportFormats lists "yaml", which the extension does not know; that entry is left out.',
		]);
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
