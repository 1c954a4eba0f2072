// Turning a code into a session: one STS call at a time per profile, nothing lost on failure.

import { t } from '../i18n';
import {
	isConsole,
	isRole,
	type MfaProfile,
	type Profile,
	type RoleProfile,
	type SessionCredentials,
	type SessionSummary,
	type StoredSession,
} from '../lib/model';
import { UserError } from '../lib/user-error';
import { capDurationForIdentity, rootMaxDurationSeconds } from '../lib/validate';
import * as storage from '../storage';
import { checkKeyAge, learnKeyAge } from './key-age';
import { assumeDirect, assumeFromSource, followSource, sourceOf } from './roles';
import { checkReachable, freshCode, liveSession, profileIn, spentCodes, storeSession, stsFailure } from './session-steps';
import { renewSignin } from './signin';
import { getCallerIdentity, getSessionToken } from './sts';
import { lockAfterRefresh, readSecret, unlock, vaultState } from './vault';

// Promises, not secrets: if the worker stops, the callers' message channels close with it and
// each page reports that the extension did not answer.
const inFlight = new Map<string, Promise<SessionSummary>>();

async function exchange(profile: MfaProfile, rawCode: string, activate: boolean): Promise<SessionSummary> {
	if (profile.accessKeyId === '') throw new UserError(t('presetIncomplete', profile.name), 'accessKeyId', 'incomplete');
	const allowed = await checkReachable(profile);
	await checkKeyAge(profile);
	const code = await freshCode(profile.mfaSerial, rawCode);
	const secretAccessKey = await readSecret(profile.id);
	const duration = capDurationForIdentity(allowed.durationSeconds, profile.identityArn);
	let credentials: SessionCredentials;
	try {
		credentials = await getSessionToken(profile, secretAccessKey, code, duration.seconds);
	} catch (error) {
		throw await stsFailure(error, profile, { serial: profile.mfaSerial, code });
	}
	const obtainedAt = new Date().toISOString();
	// The session, the used code and the active profile change together.
	await storeSession(profile.id, { ...credentials, obtainedAt }, { activate, usedCodes: await spentCodes(profile.mfaSerial, code) });
	// Who the session acts as, and the key's age, follow once the page has its answer: their signing
	// and calls do not hold the answer up. The pages show them when they land.
	setTimeout(() => {
		void learnIdentity(profile, credentials);
		void learnKeyAge(profile, credentials);
	});
	await lockAfterRefresh();
	return { expiration: credentials.expiration, obtainedAt };
}

/**
 * Asks STS who the new session acts as, and keeps it with the session; a root user's keys are
 * remembered on the profile, so their next sessions ask for one hour only, and the session says so.
 * Only AWS's own answer is remembered: another host's claim is shown as its claim and changes nothing.
 */
async function learnIdentity(profile: MfaProfile, credentials: SessionCredentials): Promise<void> {
	const identity = await getCallerIdentity(profile, credentials);
	if (!identity) return;
	const fromAws = identity.claimedBy === undefined;
	const isRoot = fromAws && identity.arn.endsWith(':root');
	const note = isRoot && profile.durationSeconds > rootMaxDurationSeconds ? t('rootSessionNote') : undefined;
	await storage.changeSessions(async (sessions) => {
		const session = sessions[profile.id];
		// A newer session, or a deleted profile, wins over this late answer.
		if (session?.accessKeyId !== credentials.accessKeyId) return undefined;
		const profiles = await storage.get('profiles');
		return {
			sessions: { ...sessions, [profile.id]: { ...session, identity, ...(note ? { note } : {}) } },
			...(!fromAws || identity.arn === profile.identityArn
				? {}
				: { profiles: profiles.map((saved) => (saved.id === profile.id ? { ...saved, identityArn: identity.arn } : saved)) }),
		};
	});
}

const starting = new Map<string, Promise<{ summary: SessionSummary; failures: Map<string, UserError> }>>();

/** An MFA session from a code, then every role assumed from it; callers at once share both. */
function startSource(source: MfaProfile, code: string, activate: boolean) {
	const running = starting.get(source.id);
	if (running) return running;
	const request = exchange(source, code, activate)
		.then(async (summary) => ({ summary, failures: await followSource(source.id) }))
		.finally(() => starting.delete(source.id));
	starting.set(source.id, request);
	return request;
}

/**
 * A role's session: directly with its own code; else from its source's live session, without a
 * code; else the code starts the source's session, and every role of that source follows.
 */
/** A console sign-in's credentials renewed now, for a role on top of it. */
async function renewedSession(sourceId: string): Promise<StoredSession> {
	await renewSignin(sourceId, false);
	const session = await liveSession(sourceId);
	if (!session) throw new UserError(t('profileGone'), 'profile');
	return session;
}

async function refreshRole(role: RoleProfile, code: string | undefined, profiles: readonly Profile[]): Promise<SessionSummary> {
	if (role.direct) return assumeDirect(role, code ?? '');
	const [source, live] = await Promise.all([sourceOf(role, profiles), liveSession(role.sourceProfileId)]);
	if (live) return assumeFromSource(role, live, true);
	// A console sign-in source renews from its sealed token, with no code, and the role follows.
	if (isConsole(source)) return assumeFromSource(role, await renewedSession(source.id), true);
	if (code === undefined) throw new UserError(t('roleSourceCode', source.name), 'code', 'source-expired');
	const { failures } = await startSource(source, code, false);
	const failure = failures.get(role.id);
	if (failure) throw failure;
	const [session, activeProfileId] = await Promise.all([liveSession(role.id), storage.get('activeProfileId')]);
	if (activeProfileId !== role.id) await storage.set({ activeProfileId: role.id });
	if (!session) throw new UserError(t('profileGone'), 'profile');
	return { expiration: session.expiration, obtainedAt: session.obtainedAt };
}

/**
 * Gets a new session for a profile; concurrent callers share the one request in flight. A new MFA
 * session brings every role assumed from it along (one code, every role).
 */
export function refresh(profileId: string, code: string | undefined): Promise<SessionSummary> {
	const running = inFlight.get(profileId);
	if (running) return running;
	const request = storage
		.get('profiles')
		.then(async (profiles) => {
			const profile = profileIn(profiles, profileId);
			if (isRole(profile)) return refreshRole(profile, code, profiles);
			if (isConsole(profile)) return renewSignin(profile.id, true);
			return (await startSource(profile, code ?? '', true)).summary;
		})
		.finally(() => inFlight.delete(profileId));
	inFlight.set(profileId, request);
	return request;
}

/** A new session as a page asks for it: the vault unlocked first when the passphrase comes along; a role assumed from its source's live session needs no code. */
export async function refreshFromPage(request: { profileId: string; code?: string; passphrase?: string }): Promise<SessionSummary> {
	if (request.passphrase !== undefined && (await vaultState()).locked) await unlock(request.passphrase);
	return refresh(request.profileId, request.code);
}
