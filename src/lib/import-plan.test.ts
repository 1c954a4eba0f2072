import { describe, expect, it } from 'vitest';
import { prodAdmin, work } from './example-profile';
import { applyImport, endsSession, importEffects, planImport } from './import-plan';
import { defaultPreferences, type Profile } from './model';
import type { ProfileSettings, RoleSettings } from './settings-file';

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

describe('role profiles in an import', () => {
	const admin = prodAdmin;
	const { id: _rid, sourceProfileId: _sid, ...adminBase } = admin;
	const adminSettings: RoleSettings = { ...adminBase, sourceProfile: 'work' };

	it('shows a new role with its ARN and source, and a changed role ARN, source or external ID as ending the session', () => {
		const added = planImport([work], defaultPreferences, { profiles: [adminSettings], preferences: {} });
		expect(added.added).toEqual([
			{ name: 'prod-admin', endpoint: 'https://sts.eu-west-1.amazonaws.com', roleArn: admin.roleArn, sourceProfile: 'work' },
		]);
		const personal: Profile = { ...work, id: 'p2', name: 'personal' };
		const changed = planImport([work, personal, admin], defaultPreferences, {
			profiles: [{ ...adminSettings, roleArn: 'arn:aws:iam::210987654321:role/Viewer', sourceProfile: 'personal', externalId: 'ext-42' }],
			preferences: {},
		});
		expect(changed.changed).toEqual([
			{
				name: 'prod-admin',
				endsSession: true,
				changes: [
					{ field: 'roleArn', from: admin.roleArn, to: 'arn:aws:iam::210987654321:role/Viewer' },
					{ field: 'sourceProfile', from: 'work', to: 'personal' },
					{ field: 'externalId', from: '', to: 'ext-42' },
				],
			},
		]);
		const same = planImport([work, admin], defaultPreferences, {
			profiles: [{ ...adminSettings, sourceProfile: 'WORK' }],
			preferences: {},
		});
		expect(same.changed).toEqual([]);
		const kind = planImport([work, admin], defaultPreferences, { profiles: [{ ...workSettings, name: 'prod-admin' }], preferences: {} });
		expect(kind.changed[0]?.changes[0]).toEqual({ field: 'kind', from: 'role', to: 'mfa' });
	});

	it("links a role to its source's id, the source new in the same file or saved", () => {
		const merged = applyImport([], [adminSettings, workSettings], () => `id${Math.random()}`);
		const [source, role] = merged;
		expect(source).toMatchObject({ name: 'work' });
		expect(role).toMatchObject({ name: 'prod-admin', kind: 'role', sourceProfileId: source?.id });
		expect(role).not.toHaveProperty('sourceProfile');
		const onSaved = applyImport([work, admin], [{ ...adminSettings, durationSeconds: 1800 }], () => 'new');
		expect(onSaved[1]).toEqual({ ...admin, durationSeconds: 1800 });
	});
});

describe('a profile saved over its earlier self', () => {
	const saved: Profile[] = [work, prodAdmin];
	it('keeps the session when only its length changes', () => {
		expect(endsSession(work, { ...work, durationSeconds: 900 }, saved)).toBe(false);
		expect(endsSession(prodAdmin, { ...prodAdmin, durationSeconds: 1800 }, saved)).toBe(false);
	});
	it('ends it when the endpoint, the key, the device or the role changes', () => {
		expect(endsSession(work, { ...work, accessKeyId: 'AKIAIOSFODNN8EXAMPLE' }, saved)).toBe(true);
		expect(endsSession(work, { ...work, mfaSerial: 'arn:aws:iam::123456789012:mfa/other' }, saved)).toBe(true);
		expect(endsSession(work, { ...work, endpoint: 'http://127.0.0.1:4566' }, saved)).toBe(true);
		expect(endsSession(prodAdmin, { ...prodAdmin, roleArn: 'arn:aws:iam::210987654321:role/Other' }, saved)).toBe(true);
		expect(endsSession(prodAdmin, { ...prodAdmin, externalId: 'partner-43' }, saved)).toBe(true);
	});
});

describe('what an import ends', () => {
	const plan = (changed: { name: string; endsSession: boolean }[]) => ({
		added: [],
		changed: changed.map((change) => ({ ...change, changes: [] })),
		preferences: [],
		skipped: [],
	});

	it('ends the sessions of the profiles whose change ends them, by name in any case, and no others', () => {
		const saved: Profile[] = [work, prodAdmin];
		expect(
			importEffects(
				plan([
					{ name: 'WORK', endsSession: true },
					{ name: 'prod-admin', endsSession: false },
				]),
				saved,
				saved,
			),
		).toEqual({
			endSessions: ['p1'],
			removeSecrets: [],
		});
		expect(importEffects(plan([]), saved, saved)).toEqual({ endSessions: [], removeSecrets: [] });
	});

	it('removes the key of an MFA profile the file makes a role, and only then', () => {
		const madeRole: Profile = { ...prodAdmin, id: work.id, name: work.name };
		expect(importEffects(plan([{ name: 'work', endsSession: true }]), [work], [madeRole])).toEqual({
			endSessions: ['p1'],
			removeSecrets: ['p1'],
		});
		// A role that stays a role has no key to remove.
		expect(importEffects(plan([{ name: 'prod-admin', endsSession: true }]), [prodAdmin], [prodAdmin])).toEqual({
			endSessions: ['r1'],
			removeSecrets: [],
		});
	});
});
