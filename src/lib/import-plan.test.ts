import { describe, expect, it } from 'vitest';
import { work } from './example-profile';
import { applyImport, planImport } from './import-plan';
import { defaultPreferences, type Profile } from './model';
import type { ProfileSettings } from './settings-file';

const { id: _id, identityArn: _arn, ...workSettings } = work;
const none = { profiles: [], preferences: {} };

describe('import plan', () => {
	it('shows a redirected endpoint, a new key and a new device field by field, and says the session ends', () => {
		const file: ProfileSettings = {
			...workSettings,
			name: 'WORK',
			endpoint: 'https://a1b2.execute-api.us-east-1.amazonaws.com',
			mfaSerial: 'arn:aws:iam::123456789012:mfa/mallory',
		};
		const plan = planImport([work], defaultPreferences, { profiles: [file], preferences: {} });
		expect(plan.changed).toEqual([
			{
				name: 'work',
				endsSession: true,
				changes: [
					{ field: 'endpoint', from: 'https://sts.eu-west-1.amazonaws.com', to: 'https://a1b2.execute-api.us-east-1.amazonaws.com' },
					{ field: 'mfaSerial', from: work.mfaSerial, to: 'arn:aws:iam::123456789012:mfa/mallory' },
				],
			},
		]);
		expect(plan.added).toEqual([]);
	});

	it('shows a region change as the endpoint it moves to; a duration change keeps the session', () => {
		const plan = planImport([work], defaultPreferences, {
			profiles: [{ ...workSettings, region: 'us-east-1', durationSeconds: 7200 }],
			preferences: {},
		});
		expect(plan.changed[0]?.changes.map((change) => change.field)).toEqual(['endpoint', 'region', 'durationSeconds']);
		expect(plan.changed[0]?.endsSession).toBe(true);
		const longer = planImport([work], defaultPreferences, { profiles: [{ ...workSettings, durationSeconds: 7200 }], preferences: {} });
		expect(longer.changed[0]).toMatchObject({ endsSession: false, changes: [{ field: 'durationSeconds', from: '3600', to: '7200' }] });
	});

	it('lists new profiles with their endpoints, leaves identical ones out, and lists changed preferences only', () => {
		const team: ProfileSettings = { ...workSettings, name: 'team', endpoint: 'http://127.0.0.1:4566' };
		const plan = planImport(
			[work],
			defaultPreferences,
			{
				profiles: [workSettings, team],
				preferences: { exportFormat: 'bash', autoLockMinutes: 5, clearClipboardSeconds: 30 },
			},
			['clearClipboardSeconds'],
		);
		expect(plan).toEqual({
			added: [{ name: 'team', endpoint: 'http://127.0.0.1:4566', accessKeyId: work.accessKeyId, mfaSerial: work.mfaSerial }],
			changed: [],
			preferences: [{ name: 'autoLockMinutes', from: '15', to: '5' }],
			skipped: ['clearClipboardSeconds'],
		});
		expect(planImport([], defaultPreferences, none)).toEqual({ added: [], changed: [], preferences: [], skipped: [] });
	});
});

describe('applying an import', () => {
	it('keeps ids and what was learnt for the same key; a trust holds only for its host', () => {
		const trusted: Profile = { ...work, endpoint: 'https://sts.example.test', trustedHost: 'sts.example.test' };
		const same = applyImport([trusted], [{ ...workSettings, endpoint: 'https://sts.example.test/' }], () => 'new');
		expect(same[0]).toMatchObject({ id: 'p1', trustedHost: 'sts.example.test', identityArn: work.identityArn });
		const moved = applyImport([trusted], [{ ...workSettings, endpoint: 'https://evil.example.test' }], () => 'new');
		expect(moved[0]).not.toHaveProperty('trustedHost');
		const rekeyed = applyImport([work], [{ ...workSettings, accessKeyId: 'AKIAI44QH8DHBEXAMPLE' }], () => 'new');
		expect(rekeyed[0]).toMatchObject({ id: 'p1', accessKeyId: 'AKIAI44QH8DHBEXAMPLE' });
		expect(rekeyed[0]).not.toHaveProperty('identityArn');
		expect(applyImport([work], [{ ...workSettings, name: 'other' }], () => 'p2').map((profile) => profile.id)).toEqual(['p1', 'p2']);
	});
});
