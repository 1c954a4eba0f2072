import { describe, expect, it } from 'vitest';
import { deniedPermission, isJournal, isPendingLabel, pendingLabel, type RotationJournal, recoveryPlan } from './key-rotation';

const oldKeyId = 'AKIAIOSFODNN7EXAMPLE';
const newKeyId = 'AKIAEXAMPLENEWKEY001';
const base: RotationJournal = { profileId: 'p1', oldKeyId, step: 'creating', keepOld: false, startedAt: '2026-12-04T01:00:00Z' };

describe('rotation recovery', () => {
	it('has nothing to do without a journal, and drops one whose profile is gone or changed key otherwise', () => {
		expect(recoveryPlan(undefined, oldKeyId, false)).toEqual({ kind: 'none' });
		expect(recoveryPlan(base, undefined, false)).toEqual({ kind: 'drop' });
		expect(recoveryPlan({ ...base, step: 'created', newKeyId }, 'AKIAOTHERKEY00000000', true)).toEqual({ kind: 'drop' });
	});

	it('reports a key that may exist without its secret when stopped while creating', () => {
		expect(recoveryPlan(base, oldKeyId, false)).toEqual({ kind: 'orphan', oldKeyId });
		expect(recoveryPlan({ ...base, step: 'created', newKeyId }, oldKeyId, false)).toEqual({ kind: 'orphan', oldKeyId, newKeyId });
	});

	it('finishes the switch when the new secret is sealed beside the old', () => {
		expect(recoveryPlan({ ...base, step: 'created', newKeyId }, oldKeyId, true)).toEqual({ kind: 'finish-switch', newKeyId });
	});

	it('deletes the old key once the vault holds the new one, unless it is kept', () => {
		for (const step of ['created', 'switched', 'deleting'] as const)
			expect(recoveryPlan({ ...base, step, newKeyId }, newKeyId, false)).toEqual({ kind: 'delete-old', oldKeyId });
		expect(recoveryPlan({ ...base, step: 'switched', newKeyId, keepOld: true }, newKeyId, false)).toEqual({ kind: 'drop' });
	});

	it('keeps the pending secret under a label of its own', () => {
		expect(pendingLabel('p1')).toBe('rotating:p1');
		expect(isPendingLabel(pendingLabel('p1'))).toBe(true);
		expect(isPendingLabel('p1')).toBe(false);
	});

	it('reads the permission an AccessDenied names, and checks a stored journal', () => {
		expect(
			deniedPermission(
				'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:DeleteAccessKey on resource: user alice because no identity-based policy allows the iam:DeleteAccessKey action',
			),
		).toBe('iam:DeleteAccessKey');
		expect(deniedPermission('Rate exceeded')).toBeUndefined();
		expect(isJournal({ ...base, newKeyId })).toBe(true);
		expect(isJournal({ ...base, step: 'later' })).toBe(false);
		expect(isJournal({ ...base, oldKeyId: 'ASIA1234567890123456' })).toBe(false);
		expect(isJournal(null)).toBe(false);
	});
});
