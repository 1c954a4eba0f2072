// How old a long-term access key may grow: the person's limit warns, the organisation's maximum
// warns without a way to dismiss it, and past that maximum plus its grace new sessions are refused.

/** The person's default limit, as the CIS AWS benchmark checks it. */
export const defaultKeyAgeDays = 90;

/** The limits a person can choose, in days. */
export const keyAgeChoices: readonly number[] = [30, 60, 90, 180, 365];

const dayMs = 86_400_000;

/** What a key's age means now. */
export interface KeyAgeVerdict {
	state: 'ok' | 'warn' | 'refuse';
	/** Whole days since the key was created. */
	ageDays: number;
	/** The limit in force: the organisation's when it is stricter. */
	limitDays: number;
	/** Whether the limit is the organisation's (its warning cannot be dismissed). */
	byPolicy: boolean;
	/** The day after which sessions are refused, when the organisation sets a maximum. */
	refuseAfterDays?: number;
}

/** Whole days between a key's creation and now; undefined for a date that is not one. */
export function keyAgeDays(createdAt: string, now: number): number | undefined {
	const created = Date.parse(createdAt);
	if (Number.isNaN(created) || created > now + dayMs) return undefined;
	return Math.max(0, Math.floor((now - created) / dayMs));
}

/** Whether a key of this age is fine, to be rotated soon, or no longer allowed a session. */
export function keyAgeVerdict(
	ageDays: number,
	preferenceDays: number,
	policy: { maxAccessKeyAgeDays?: number; accessKeyAgeGraceDays?: number },
): KeyAgeVerdict {
	const max = policy.maxAccessKeyAgeDays;
	const byPolicy = max !== undefined && max <= preferenceDays;
	const limitDays = byPolicy ? max : preferenceDays;
	if (max === undefined) return { state: ageDays > limitDays ? 'warn' : 'ok', ageDays, limitDays, byPolicy };
	const refuseAfterDays = max + (policy.accessKeyAgeGraceDays ?? 0);
	const overPolicy = ageDays > max;
	const state = ageDays > refuseAfterDays ? 'refuse' : overPolicy || ageDays > limitDays ? 'warn' : 'ok';
	return { state, ageDays, limitDays, byPolicy: byPolicy || overPolicy, refuseAfterDays };
}

/** What IAM told of a profile's key after its last session; nothing secret. */
export interface KeyInfo {
	accessKeyId: string;
	/** When IAM created the key. */
	createdAt?: string;
	/** The permission IAM refused, when it would not tell. */
	refused?: string;
	/** IAM's host, when the extension may not call it yet (a click on the options page allows it). */
	needsHost?: string;
	/** The user's other keys, by id (a user may have two). */
	otherKeyIds?: string[];
	checkedAt: string;
}
