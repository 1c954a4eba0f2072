// The steps every way of getting a session shares: the profile and its endpoint checked, the code
// checked and spent once, STS's failure put in a person's words, the new session stored.
import browser from '../browser';
import { t } from '../i18n';
import { endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import { hostPermissionFor } from '../lib/endpoints';
import { parseMfaCode } from '../lib/mfa-code';
import { isRole, type Profile, type StoredSession, type UsedCode } from '../lib/model';
import type { Policy } from '../lib/policy';
import { liveSessionRefusal, profileRefusal } from '../lib/policy-rules';
import { describeStsFailure } from '../lib/sts-errors';
import { rememberCode, wasJustUsed } from '../lib/used-code';
import { type Field, UserError } from '../lib/user-error';
import * as storage from '../storage';
import { currentPolicy, refusedByPolicy } from './policy';
import { stsTimeoutMs } from './sts';

const stsFields: Record<string, Field> = {
	code: 'code',
	serial: 'mfaSerial',
	accessKeyId: 'accessKeyId',
	secret: 'secretAccessKey',
	endpoint: 'endpoint',
	region: 'region',
};

/** The host of a profile's endpoint when the extension may not call it (never asked, or revoked). */
export async function missingHostPermission(profile: Profile): Promise<string | undefined> {
	const endpoint = endpointOf(profile);
	const permission = hostPermissionFor(endpoint);
	if (!permission || (await browser.permissions.contains({ origins: [permission] }))) return undefined;
	return new URL(endpoint).host;
}

/** Finds a profile among those read, or says it is gone. */
export function profileIn(profiles: readonly Profile[], profileId: string): Profile {
	const profile = profiles.find((saved) => saved.id === profileId);
	if (!profile) throw new UserError(t('profileGone'), 'profile');
	return profile;
}

/** Finds a saved profile or says it is gone. */
export async function findProfile(profileId: string): Promise<Profile> {
	return profileIn(await storage.get('profiles'), profileId);
}

/** Refuses a profile the organisation's policy no longer allows, or a role whose source it no longer allows; returns the policy. */
export async function checkAllowed(profile: Profile): Promise<Policy> {
	const { policy } = await currentPolicy();
	const source = isRole(profile) ? (await storage.get('profiles')).find((saved) => saved.id === profile.sourceProfileId) : undefined;
	for (const checked of [profile, source]) {
		// The session length is capped rather than refused: a saved profile may predate the limit.
		const refusal = checked && profileRefusal({ ...checked, durationSeconds: 0 }, policy);
		if (refusal) throw refusedByPolicy(refusal, policy);
	}
	return policy;
}

/**
 * Refuses a profile the organisation's policy no longer allows, or whose endpoint nobody confirmed
 * or the extension may not call yet; returns it with its session length within the policy's limit.
 */
export async function checkReachable<P extends Profile>(profile: P): Promise<P> {
	// Both asked at once: a refusal by the policy still comes first.
	const [policy, missing] = await Promise.all([checkAllowed(profile), missingHostPermission(profile)]);
	// Checked again here, not only when the form was saved: a settings file or an older version
	// may have put a host on the profile that nobody confirmed.
	const unconfirmed = unconfirmedHost(profile);
	if (unconfirmed) throw new UserError(t('endpointUnconfirmed', unconfirmed), 'endpoint', 'unconfirmed-endpoint');
	if (missing) throw new UserError(t('hostPermissionMissing', missing), 'endpoint', 'no-host-permission');
	return { ...profile, durationSeconds: Math.min(profile.durationSeconds, policy.maxSessionSeconds ?? profile.durationSeconds) };
}

/** A typed code, checked, and refused when it was just sent for the same device. */
export async function freshCode(mfaSerial: string, rawCode: string): Promise<string> {
	const code = parseMfaCode(rawCode);
	if (!code.ok) throw new UserError(code.error, 'code', 'invalid-code');
	if (wasJustUsed((await storage.get('usedCodes'))[mfaSerial], code.value, Date.now())) {
		throw new UserError(t('codeJustUsed'), 'code', 'reused-code');
	}
	return code.value;
}

/** The used codes with one more: AWS refuses a code a second time, so the extension never sends it twice. */
export async function spentCodes(mfaSerial: string, code: string): Promise<Record<string, UsedCode>> {
	return rememberCode(await storage.get('usedCodes'), mfaSerial, code, Date.now());
}

/** An STS failure as a person reads it, at the field it concerns; a code AWS refused is spent. */
export async function stsFailure(error: unknown, profile: Profile, sent?: { serial: string; code: string }): Promise<UserError> {
	const failure = describeStsFailure(error, { endpoint: endpointOf(profile), timeoutMs: stsTimeoutMs });
	if (failure.kind === 'wrong-code' && sent) await storage.set({ usedCodes: await spentCodes(sent.serial, sent.code) });
	// A role is signed with its source's session: an expired token is that session's, not a saved key.
	if (failure.kind === 'expired-token' && isRole(profile)) return new UserError(t('roleSourceExpired'), 'code', failure.kind);
	return new UserError(failure.message, failure.field && stsFields[failure.field], failure.kind);
}

/**
 * Stores a new session in one write with what changes with it (the code it spent); a person's own
 * request also makes its profile the active one. A session the policy in force refuses is not
 * stored (the code it spent still is), and the refusal is thrown. Resolves once the write is in the
 * browser's hands (see `changeSessions`): the page's answer does not wait for the browser's receipt.
 */
export async function storeSession(
	profileId: string,
	session: StoredSession,
	options: { activate: boolean; usedCodes?: Record<string, UsedCode> },
): Promise<void> {
	let refused: UserError | undefined;
	await storage.changeSessions(async (sessions) => {
		// Checked again as it is stored, in the sessions' own queue: the checks before the call may have
		// used the policy copy of an earlier browser run, and the fresh read may have landed since. A
		// session stored before that read lands is checked by the read's own pass (enforcePolicy).
		const [{ policy }, profiles, activeProfileId, notices] = await Promise.all([
			currentPolicy(),
			storage.get('profiles'),
			storage.get('activeProfileId'),
			storage.get('policyNotices'),
		]);
		const profile = profiles.find((saved) => saved.id === profileId);
		const source = profile && isRole(profile) ? profiles.find((saved) => saved.id === profile.sourceProfileId) : undefined;
		const reason = profile && liveSessionRefusal(profile, source, session, policy);
		if (reason) {
			refused = refusedByPolicy({ field: 'profile', message: reason }, policy);
			return {
				...(options.usedCodes ? { usedCodes: options.usedCodes } : {}),
				policyNotices: [...notices, refused.message].slice(-10),
			};
		}
		return {
			sessions: { ...sessions, [profileId]: session },
			...(options.usedCodes ? { usedCodes: options.usedCodes } : {}),
			...(options.activate && activeProfileId !== profileId ? { activeProfileId: profileId } : {}),
		};
	}, 'asked');
	if (refused) throw refused;
}

/** A profile's session if it lasts at least `marginMs` more. */
export async function liveSession(profileId: string, marginMs = 0): Promise<StoredSession | undefined> {
	const session = (await storage.get('sessions'))[profileId];
	return session && Date.parse(session.expiration) - Date.now() > marginMs ? session : undefined;
}
