// What the pages draw from: the public state (never a secret), and notices said once.
import { classifyEndpoint, endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import type { ForeignEndpoint, PublicState, SessionSummary } from '../lib/model';
import * as storage from '../storage';
import { policyToShow } from './policy';
import { missingHostPermission } from './session-steps';
import { vaultState } from './vault';

/** Everything a page shows: profiles, sessions without their secrets, preferences, the vault and the policy. */
export async function getState(): Promise<PublicState> {
	const [
		profiles,
		activeProfileId,
		sessions,
		preferences,
		vault,
		{ policy, problems, pending },
		policyNotices,
		keyInfo,
		rotation,
		rotationReport,
		signinProblems,
	] = await Promise.all([
		storage.get('profiles'),
		storage.get('activeProfileId'),
		storage.get('sessions'),
		storage.get('preferences'),
		vaultState(),
		// Never managed storage itself: on a browser that just started it answers only seconds later.
		policyToShow(),
		storage.get('policyNotices'),
		storage.get('keyInfo'),
		storage.get('rotation'),
		storage.get('rotationReport'),
		storage.get('signinProblems'),
	]);
	const summaries: Record<string, SessionSummary> = {};
	for (const [id, { expiration, obtainedAt, identity, note }] of Object.entries(sessions))
		summaries[id] = { expiration, obtainedAt, identity, note };
	const foreignEndpoints: Record<string, ForeignEndpoint> = {};
	for (const profile of profiles) {
		const endpoint = endpointOf(profile);
		if (classifyEndpoint(endpoint) !== 'aws')
			foreignEndpoints[profile.id] = { host: new URL(endpoint).host, confirmed: !unconfirmedHost(profile) };
	}
	// Every profile's permission asked at once, not one after another: the popup waits for this answer.
	const missing = await Promise.all(profiles.map(async (profile) => [profile.id, await missingHostPermission(profile)] as const));
	const missingHosts = Object.fromEntries(missing.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
	const policyState = { policy, policyProblems: problems, policyNotices, policyPending: pending };
	const keys = { keyInfo, rotation, rotationReport, signinProblems };
	return { profiles, activeProfileId, sessions: summaries, preferences, foreignEndpoints, missingHosts, ...policyState, ...vault, ...keys };
}

/** The profiles the last upgrade moved to the regional endpoint; said once, so taking them clears them. */
export async function takeEndpointNotice() {
	const notice = (await storage.get('endpointNotice')) ?? [];
	if (notice.length > 0) await storage.set({ endpointNotice: undefined });
	return notice;
}
