// Rotating a profile's access key as a journal of steps, written before each step is taken, so a
// worker stopped at any moment leaves a record of what is done and what is left. The vault only
// ever holds a key IAM has issued: the new secret waits sealed beside it until it is proven.

/** Where a rotation stands: the step last begun. */
export type RotationStep = 'creating' | 'created' | 'switched' | 'deleting';

/** The record of a rotation in progress, in local storage; never a secret. */
export interface RotationJournal {
	profileId: string;
	oldKeyId: string;
	newKeyId?: string;
	step: RotationStep;
	/** The person chose to keep the old key (another machine still uses it). */
	keepOld: boolean;
	startedAt: string;
}

/** What the next start does with a journal left behind. */
export type RecoveryPlan =
	| { kind: 'none' }
	/** The new key is sealed beside the vault's: prove it, switch, then delete the old one. */
	| { kind: 'finish-switch'; newKeyId: string }
	/** The vault holds the new key: only the old one is left to delete. */
	| { kind: 'delete-old'; oldKeyId: string }
	/** IAM may hold a key whose secret nobody has: it must be deleted in the console. */
	| { kind: 'orphan'; oldKeyId: string; newKeyId?: string }
	/** The profile changed key or went away meanwhile: nothing is left to do. */
	| { kind: 'drop' };

/** The vault label the new secret is sealed under until it replaces the old one. */
export const pendingLabel = (profileId: string) => `rotating:${profileId}`;

/** Whether a vault label is a pending rotation's, not a profile's. */
export const isPendingLabel = (label: string) => label.startsWith('rotating:');

/** Decides what to do with a journal, from the profile's key now and whether the new secret is sealed. */
export function recoveryPlan(journal: RotationJournal | undefined, profileKeyId: string | undefined, pendingSealed: boolean): RecoveryPlan {
	if (!journal) return { kind: 'none' };
	if (profileKeyId === undefined) return { kind: 'drop' };
	if (journal.newKeyId !== undefined && profileKeyId === journal.newKeyId)
		return journal.keepOld ? { kind: 'drop' } : { kind: 'delete-old', oldKeyId: journal.oldKeyId };
	if (profileKeyId !== journal.oldKeyId) return { kind: 'drop' };
	if (journal.step === 'created' && journal.newKeyId !== undefined && pendingSealed)
		return { kind: 'finish-switch', newKeyId: journal.newKeyId };
	return { kind: 'orphan', oldKeyId: journal.oldKeyId, ...(journal.newKeyId ? { newKeyId: journal.newKeyId } : {}) };
}

/** The IAM permission an AccessDenied text names (`iam:CreateAccessKey`), if it names one. */
export function deniedPermission(message: string): string | undefined {
	return /perform: (iam:[A-Za-z]{1,40})/.exec(message)?.[1];
}

/** Whether a journal read from storage has the shape this version writes. */
export function isJournal(value: unknown): value is RotationJournal {
	if (typeof value !== 'object' || value === null) return false;
	const entry = value as Record<string, unknown>;
	const keyId = (id: unknown) => typeof id === 'string' && /^AKIA[A-Z0-9]{12,124}$/.test(id);
	return (
		typeof entry.profileId === 'string' &&
		keyId(entry.oldKeyId) &&
		(entry.newKeyId === undefined || keyId(entry.newKeyId)) &&
		['creating', 'created', 'switched', 'deleting'].includes(String(entry.step)) &&
		typeof entry.keepOld === 'boolean' &&
		typeof entry.startedAt === 'string'
	);
}

/** What a rotation did, for the options page to say; key ids only. */
export interface RotationReport {
	profileId: string;
	/**
	 * done: new key in use, old deleted; kept: the old key kept by choice; old-left: the old key could
	 * not be deleted; not-created: nothing changed; unproven: the new key waits, sealed, for AWS to
	 * accept it; orphan: IAM may hold a key whose secret was lost.
	 */
	outcome: 'done' | 'kept' | 'old-left' | 'not-created' | 'unproven' | 'orphan';
	oldKeyId: string;
	newKeyId?: string;
	/** IAM's code and the permission it refused, or the other key to delete for the quota. */
	code?: string;
	permission?: string;
	otherKeyId?: string;
	at: string;
}
