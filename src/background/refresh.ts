// Turning a code into a session: one STS call at a time per profile, nothing lost on failure.

import browser from '../browser';
import { t } from '../i18n';
import { endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import { hostPermissionFor } from '../lib/endpoints';
import type { SessionCredentials } from '../lib/export-formats';
import type { Profile, SessionSummary } from '../lib/model';
import { profileRefusal } from '../lib/policy-rules';
import { describeStsFailure } from '../lib/sts-errors';
import { rememberCode, wasJustUsed } from '../lib/used-code';
import type { Field } from '../lib/user-error';
import { UserError } from '../lib/user-error';
import { capDurationForIdentity, parseMfaCode, rootMaxDurationSeconds } from '../lib/validate';
import * as storage from '../storage';
import { currentPolicy, refusedByPolicy } from './policy';
import { getCallerIdentity, getSessionToken, stsTimeoutMs } from './sts';
import { lockAfterRefresh, readSecret } from './vault';

// Promises, not secrets: if the worker stops, the callers' message channels close with it and
// each page reports that the extension did not answer.
const inFlight = new Map<string, Promise<SessionSummary>>();

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

/** Finds a saved profile or says it is gone. */
export async function findProfile(profileId: string): Promise<Profile> {
	const profile = (await storage.get('profiles')).find((saved) => saved.id === profileId);
	if (!profile) throw new UserError(t('profileGone'), 'profile');
	return profile;
}

async function exchange(profileId: string, rawCode: string): Promise<SessionSummary> {
	const profile = await findProfile(profileId);
	if (profile.accessKeyId === '') throw new UserError(t('presetIncomplete', profile.name), 'accessKeyId', 'incomplete');
	const { policy } = await currentPolicy();
	// The session length is capped rather than refused: a saved profile may predate the limit.
	const refusal = profileRefusal({ ...profile, durationSeconds: 0 }, policy);
	if (refusal) throw refusedByPolicy(refusal, policy);
	// Checked again here, not only when the form was saved: a settings file or an older version
	// may have put a host on the profile that nobody confirmed.
	const unconfirmed = unconfirmedHost(profile);
	if (unconfirmed) throw new UserError(t('endpointUnconfirmed', unconfirmed), 'endpoint', 'unconfirmed-endpoint');
	const missing = await missingHostPermission(profile);
	if (missing) throw new UserError(t('hostPermissionMissing', missing), 'endpoint', 'no-host-permission');
	const code = parseMfaCode(rawCode);
	if (!code.ok) throw new UserError(code.error, 'code', 'invalid-code');
	if (wasJustUsed((await storage.get('usedCodes'))[profile.mfaSerial], code.value, Date.now())) {
		throw new UserError(t('codeJustUsed'), 'code', 'reused-code');
	}
	const secretAccessKey = await readSecret(profile.id);
	const allowed = Math.min(profile.durationSeconds, policy.maxSessionSeconds ?? profile.durationSeconds);
	const duration = capDurationForIdentity(allowed, profile.identityArn);
	let credentials: SessionCredentials;
	try {
		credentials = await getSessionToken(profile, secretAccessKey, code.value, duration.seconds);
	} catch (error) {
		const failure = describeStsFailure(error, { endpoint: endpointOf(profile), timeoutMs: stsTimeoutMs });
		if (failure.kind === 'wrong-code') {
			await storage.set({ usedCodes: rememberCode(await storage.get('usedCodes'), profile.mfaSerial, code.value, Date.now()) });
		}
		throw new UserError(failure.message, failure.field && stsFields[failure.field], failure.kind);
	}
	const obtainedAt = new Date().toISOString();
	const [sessions, usedCodes, activeProfileId] = await Promise.all([
		storage.get('sessions'),
		storage.get('usedCodes'),
		storage.get('activeProfileId'),
	]);
	// One write per area: the session, the used code and the active profile change together.
	await storage.set({
		sessions: { ...sessions, [profile.id]: { ...credentials, obtainedAt } },
		usedCodes: rememberCode(usedCodes, profile.mfaSerial, code.value, Date.now()),
		...(activeProfileId === profile.id ? {} : { activeProfileId: profile.id }),
	});
	// Who the session acts as follows a moment later; the pages show it when it lands.
	void learnIdentity(profile, credentials);
	await lockAfterRefresh();
	return { expiration: credentials.expiration, obtainedAt };
}

/**
 * Asks STS who the new session acts as, and keeps it with the session; a root user's keys are
 * remembered on the profile, so their next sessions ask for one hour only, and the session says so.
 * Only AWS's own answer is remembered: another host's claim is shown as its claim and changes nothing.
 */
async function learnIdentity(profile: Profile, credentials: SessionCredentials): Promise<void> {
	const identity = await getCallerIdentity(profile, credentials);
	if (!identity) return;
	const fromAws = identity.claimedBy === undefined;
	const isRoot = fromAws && identity.arn.endsWith(':root');
	const note = isRoot && profile.durationSeconds > rootMaxDurationSeconds ? t('rootSessionNote') : undefined;
	const [sessions, profiles] = await Promise.all([storage.get('sessions'), storage.get('profiles')]);
	const session = sessions[profile.id];
	// A newer session, or a deleted profile, wins over this late answer.
	if (session?.accessKeyId !== credentials.accessKeyId) return;
	await storage.set({
		sessions: { ...sessions, [profile.id]: { ...session, identity, ...(note ? { note } : {}) } },
		...(!fromAws || identity.arn === profile.identityArn
			? {}
			: { profiles: profiles.map((saved) => (saved.id === profile.id ? { ...saved, identityArn: identity.arn } : saved)) }),
	});
}

/** Gets a new session for a profile; concurrent callers share the one request in flight. */
export function refresh(profileId: string, code: string): Promise<SessionSummary> {
	const running = inFlight.get(profileId);
	if (running) return running;
	const request = exchange(profileId, code).finally(() => inFlight.delete(profileId));
	inFlight.set(profileId, request);
	return request;
}
