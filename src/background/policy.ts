// The organisation's policy in the worker: read from managed storage at each use (the worker may
// wake long after a change), and applied to what is stored at every start and on every change:
// preset profiles, preferences within the limits, command-line modes, and sessions that may no
// longer be used ended with a notice that says why.
import { t } from '../i18n';
import { isRole, type Profile, type StoredSession } from '../lib/model';
import type { Policy } from '../lib/policy';
import { cliModeRefusal } from '../lib/policy-choices';
import { applyPresets, compliantPreferences, effectivePolicy, liveSessionRefusal, type Refusal, withContact } from '../lib/policy-rules';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { endSessions } from './roles';
import { touchVault, vaultState } from './vault';

/** Reads managed storage and keeps a copy; after a browser start the first read takes seconds. */
async function readManaged(): Promise<unknown> {
	const [raw, last] = await Promise.all([storage.getManaged(), storage.get('managedPolicy')]);
	if (JSON.stringify(raw) !== JSON.stringify(last)) await storage.set({ managedPolicy: raw });
	return raw;
}

/**
 * The policy in force now, and what in it could not be applied: the copy last read, so a request
 * right after a restart need not wait for managed storage (`enforcePolicy` reads it afresh on every
 * start and change, and ends the sessions the fresh policy refuses; `storeSession` checks a new
 * session again against the copy as it is when the session is stored); on the very first run,
 * managed storage itself.
 */
export async function currentPolicy(): Promise<{ policy: Policy; problems: string[] }> {
	const last = await storage.get('managedPolicy');
	return effectivePolicy(last === undefined ? await readManaged() : last);
}

/**
 * The policy to show a page now, never waiting for managed storage: the copy last read, or, on the
 * very first run before managed storage has answered, none yet and `pending`. Only for drawing: every
 * action the policy could refuse asks `currentPolicy`, which waits on that first run.
 */
export async function policyToShow(): Promise<{ policy: Policy; problems: string[]; pending: boolean }> {
	const last = await storage.get('managedPolicy');
	return { ...effectivePolicy(last ?? {}), pending: last === undefined };
}

/** The error for something the policy refuses, with the organisation's support contact. */
export function refusedByPolicy(refusal: Refusal, policy: Policy): UserError {
	return new UserError(withContact(refusal.message, policy), refusal.field, 'policy');
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function enforce(): Promise<void> {
	const { policy } = effectivePolicy(await readManaged());
	const [profiles, preferences, modes] = await Promise.all([storage.get('profiles'), storage.get('preferences'), storage.get('cliModes')]);
	const { profiles: next, plan } = applyPresets(profiles, policy, () => crypto.randomUUID());
	const said: string[] = [
		...plan.added.map(({ name }) => t('policyPresetAdded', name)),
		...plan.changed.map(({ name, changes }) =>
			t('policyPresetChanged', name, changes.map((change) => `${change.field}: ${change.from} → ${change.to}`).join('; ')),
		),
	];
	const ending = new Set(plan.changed.filter((change) => change.endsSession).map((change) => change.name.toLowerCase()));
	/** Why a session may no longer be used: its preset (or its role's source) moved, or the policy refuses either. */
	const endReason = (profile: Profile, session: StoredSession): string | undefined => {
		const source = isRole(profile) ? next.find((saved) => saved.id === profile.sourceProfileId) : undefined;
		if ([profile, source].some((checked) => checked && ending.has(checked.name.toLowerCase())))
			return t('policySessionEnded', profile.name, t('policyPresetMoved'));
		return liveSessionRefusal(profile, source, session, policy);
	};
	const nextPreferences = compliantPreferences(preferences, policy);
	// A mode the policy refuses (the helper off, or the format it delivers not allowed) is switched off.
	const nextModes = Object.fromEntries(
		Object.entries(modes).map(([id, mode]) => [id, cliModeRefusal(mode, policy) ? ('off' as const) : mode]),
	);
	await storage.set({
		...(same(next, profiles) ? {} : { profiles: next }),
		...(same(nextPreferences, preferences) ? {} : { preferences: nextPreferences }),
		...(same(nextModes, modes) ? {} : { cliModes: nextModes }),
	});
	// Read in the sessions' own queue: a session being stored with the older copy lands before this
	// read; one stored after it is checked against the fresh copy as it is stored (storeSession).
	const ended: string[] = [];
	await storage.changeSessions(async (sessions) => {
		const notices = await storage.get('policyNotices');
		for (const [id, session] of Object.entries(sessions)) {
			const profile = next.find((saved) => saved.id === id);
			const reason = profile && endReason(profile, session);
			if (!reason) continue;
			said.push(withContact(reason, policy));
			ended.push(id);
		}
		return said.length > 0 ? { policyNotices: [...notices, ...said].slice(-10) } : undefined;
	});
	// The one way sessions end, so whatever goes with an ended session (its roles' sessions and renewals, what the helper serves) goes too.
	if (ended.length > 0) await endSessions(ended);
	if (nextPreferences.autoLockMinutes !== preferences.autoLockMinutes && !(await vaultState()).locked) await touchVault();
}

let enforcing: Promise<void> = Promise.resolve();

/** Applies the policy in force to what is stored, one pass at a time; a failure is logged, never fatal. */
export function enforcePolicy(): Promise<void> {
	const run = () =>
		enforce().catch((error: unknown) => console.error('MFA Session: policy not applied:', error instanceof Error ? error.name : ''));
	enforcing = enforcing.then(run, run);
	return enforcing;
}

/** Clears what the policy changed, once the person has read it. */
export function dismissPolicyNotices(): Promise<void> {
	return storage.set({ policyNotices: [] });
}
