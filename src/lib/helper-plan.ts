// What the credentials file should hold, worked out from what is live and what was written: a
// section stays only while the very session it carries is live, under its profile's name, in its
// profile's "file" mode. Anything else in it could still sign requests at AWS after the extension
// has ended that session (by the policy, an edit, an import, a delete, its expiry, a restart).

import { type CliMode, servable, type WrittenSection } from './helper-protocol';
import { isLive, type SessionCredentials } from './model';
import { reservedNameReason } from './section-names';

/** What the planner needs of a profile. */
export interface PlannedProfile {
	id: string;
	name: string;
}

/** The credentials-file edits that bring the file in step with the live sessions. */
export interface SectionPlan {
	/** Sections to remove: their session is no longer live, or their profile is gone, renamed or in another mode. */
	remove: { profileId: string; name: string }[];
	/** Sections to write: a live session not in the file yet, or replacing another session of the same profile. */
	write: { profileId: string; name: string; credentials: SessionCredentials }[];
	/** Profiles in file mode whose name the AWS tools would not read as a profile, and why: nothing is written for them. */
	refused: { profileId: string; reason: string }[];
	/** When the first session the file will then carry expires: the moment to plan again. */
	nextExpiry?: number;
}

/** Plans the credentials-file edits from the profiles, their modes, their sessions and the sections written. */
export function planSections(input: {
	profiles: readonly PlannedProfile[];
	modes: Readonly<Record<string, CliMode>>;
	sessions: Readonly<Record<string, SessionCredentials>>;
	written: Readonly<Record<string, WrittenSection>>;
	now: number;
}): SectionPlan {
	const { profiles, modes, sessions, written, now } = input;
	const plan: SectionPlan = { remove: [], write: [], refused: [] };
	const wanted = new Map<string, { name: string; credentials: SessionCredentials }>();
	for (const profile of profiles) {
		const session = sessions[profile.id];
		if (modes[profile.id] !== 'file') continue;
		// A name saved before such names were refused: its section (an earlier version's) goes, none is written.
		const reason = reservedNameReason(profile.name);
		if (reason) plan.refused.push({ profileId: profile.id, reason });
		else if (isLive(session, now)) wanted.set(profile.id, { name: profile.name, credentials: session });
	}
	for (const [profileId, section] of Object.entries(written)) {
		const want = wanted.get(profileId);
		// A section of the same name is replaced in one write, so no moment passes without one.
		if (want?.name !== section.name) plan.remove.push({ profileId, name: section.name });
	}
	for (const [profileId, want] of wanted) {
		const section = written[profileId];
		if (section?.name !== want.name || section.accessKeyId !== want.credentials.accessKeyId)
			plan.write.push({ profileId, name: want.name, credentials: want.credentials });
	}
	const expiries = [...wanted.values()].map((want) => Date.parse(want.credentials.expiration));
	if (expiries.length > 0) plan.nextExpiry = Math.min(...expiries);
	return plan;
}

/** What the helper serves to `credential_process` for a profile, as the worker last told it. */
export interface ServedSession {
	name: string;
	accessKeyId: string;
}

/** The `serve` and `forget` requests that bring the helper's served sessions in step with storage. */
export interface ServePlan {
	/** Sessions to serve, each after forgetting what the helper served for that profile before. */
	serve: { profileId: string; name: string; credentials: SessionCredentials }[];
	/** Profiles whose served session goes: the profile is gone, renamed or in another mode, or its session changed or ended. */
	forget: string[];
}

/**
 * Plans what the helper serves. A session is served only while the helper would hand it out (more
 * than its margin left), so a tool asking in the session's last minute reaches the person; a session
 * already served under the same key is not sent again.
 */
export function planServing(input: {
	profiles: readonly PlannedProfile[];
	modes: Readonly<Record<string, CliMode>>;
	sessions: Readonly<Record<string, SessionCredentials>>;
	served: ReadonlyMap<string, ServedSession>;
	now: number;
}): ServePlan {
	const { profiles, modes, sessions, served, now } = input;
	const serve: ServePlan['serve'] = [];
	for (const profile of profiles) {
		const session = sessions[profile.id];
		if (modes[profile.id] !== 'process' || session === undefined || !servable(session.expiration, now)) continue;
		if (served.get(profile.id)?.accessKeyId !== session.accessKeyId)
			serve.push({ profileId: profile.id, name: profile.name, credentials: session });
	}
	const forget: string[] = [];
	for (const [profileId, serving] of served) {
		if (serve.some((planned) => planned.profileId === profileId)) continue;
		const profile = profiles.find((saved) => saved.id === profileId);
		if (profile?.name !== serving.name || modes[profileId] !== 'process' || sessions[profileId]?.accessKeyId !== serving.accessKeyId)
			forget.push(profileId);
	}
	return { serve, forget };
}
