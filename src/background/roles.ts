// Role sessions. A role is assumed with its source's live MFA session (no code), and assumed again
// by an alarm before it ends, for as long as the source lives; or, for a direct role, with the
// source's long-term key, its MFA device and a code of its own (up to 12 h, never silently).
import browser from '../browser';
import { t } from '../i18n';
import {
	type ConsoleProfile,
	isConsole,
	isRole,
	type MfaProfile,
	type Profile,
	type RoleProfile,
	type SessionSummary,
	type StoredSession,
} from '../lib/model';
import { sessionsToEnd } from '../lib/role-input';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { checkReachable, findProfile, freshCode, liveSession, spentCodes, storeSession, stsFailure } from './session-steps';
import { assumeRole } from './sts';
import { lockAfterRefresh, readSecret } from './vault';

const alarmPrefix = 'role-refresh:';

/** How long before a role session ends it is assumed again, and how often a failed attempt is retried. */
export const roleRefreshLeadMs = 5 * 60_000;
const retryMs = 60_000;

/** Whether an alarm is a role's silent refresh. */
export const isRoleRefresh = (name: string) => name.startsWith(alarmPrefix);

/** A role's source profile: an MFA profile or a console sign-in; a role whose source is gone cannot be assumed. */
export async function sourceOf(role: RoleProfile, profiles?: readonly Profile[]): Promise<MfaProfile | ConsoleProfile> {
	const source = (profiles ?? (await storage.get('profiles'))).find((saved) => saved.id === role.sourceProfileId);
	if (!source || isRole(source)) throw new UserError(t('sourceMissing'), 'sourceProfile', 'no-source');
	return source;
}

/** Stores a role session with who it acts as, and sets its silent refresh when it came from the source's session. */
async function stored(
	role: RoleProfile,
	{ credentials, identity }: Awaited<ReturnType<typeof assumeRole>>,
	options: Parameters<typeof storeSession>[2],
): Promise<SessionSummary> {
	const obtainedAt = new Date().toISOString();
	const when = Date.parse(credentials.expiration) - roleRefreshLeadMs;
	await Promise.all([
		storeSession(role.id, { ...credentials, obtainedAt, ...(identity ? { identity } : {}) }, options),
		role.direct ? undefined : browser.alarms.create(`${alarmPrefix}${role.id}`, { when }),
	]);
	return { expiration: credentials.expiration, obtainedAt, ...(identity ? { identity } : {}) };
}

/** AssumeRole signed by the source's live session: no code, no vault. */
export async function assumeFromSource(role: RoleProfile, source: StoredSession, activate: boolean): Promise<SessionSummary> {
	const allowed = await checkReachable(role);
	let answer: Awaited<ReturnType<typeof assumeRole>>;
	try {
		answer = await assumeRole(allowed, { session: source });
	} catch (error) {
		throw await stsFailure(error, role);
	}
	return stored(role, answer, { activate });
}

/** AssumeRole with the source's long-term key, its MFA device and a code: needs the vault open and a code not yet used. */
export async function assumeDirect(role: RoleProfile, rawCode: string): Promise<SessionSummary> {
	const source = await sourceOf(role);
	// A console sign-in has no key to sign AssumeRole with: only its credentials can.
	if (isConsole(source)) throw new UserError(t('sourceConsoleDirect', source.name), 'sourceProfile', 'no-source');
	const allowed = await checkReachable(role);
	const code = await freshCode(source.mfaSerial, rawCode);
	const secretAccessKey = await readSecret(source.id);
	let answer: Awaited<ReturnType<typeof assumeRole>>;
	try {
		answer = await assumeRole(allowed, {
			accessKeyId: source.accessKeyId,
			secretAccessKey,
			serialNumber: source.mfaSerial,
			tokenCode: code,
		});
	} catch (error) {
		throw await stsFailure(error, role, { serial: source.mfaSerial, code });
	}
	const summary = await stored(role, answer, { activate: true, usedCodes: await spentCodes(source.mfaSerial, code) });
	// A new session from the long-term key: "lock after each new session" applies as to an MFA session.
	await lockAfterRefresh();
	return summary;
}

/**
 * Assumes every role of a source that has just got a new session, all at once; the sessions are
 * stored one after another. Returns each role's failure, by role id.
 */
export async function followSource(sourceId: string): Promise<Map<string, UserError>> {
	const source = await liveSession(sourceId);
	const roles = (await storage.get('profiles')).filter(
		(saved): saved is RoleProfile => isRole(saved) && saved.sourceProfileId === sourceId && !saved.direct,
	);
	const failures = new Map<string, UserError>();
	if (!source) return failures;
	const answers = await Promise.allSettled(
		roles.map(async (role) => {
			return assumeRole(await checkReachable(role), { session: source });
		}),
	);
	for (const [index, answer] of answers.entries()) {
		const role = roles[index];
		if (!role) continue;
		if (answer.status === 'fulfilled') await stored(role, answer.value, { activate: false });
		else failures.set(role.id, answer.reason instanceof UserError ? answer.reason : await stsFailure(answer.reason, role));
	}
	return failures;
}

/**
 * The silent refresh: assumes the role again with its source's session while that lives; tries again
 * a minute later after a failure, until the role's own session ends. Then the popup asks for the source's code.
 */
export async function refreshRoleByAlarm(alarmName: string): Promise<void> {
	const roleId = alarmName.slice(alarmPrefix.length);
	const role = await findProfile(roleId).catch(() => undefined);
	if (!role || !isRole(role) || role.direct) return void (await browser.alarms.clear(alarmName));
	const source = await liveSession(role.sourceProfileId, 60_000);
	if (!source) return;
	try {
		await assumeFromSource(role, source, false);
	} catch {
		const current = await liveSession(role.id, retryMs);
		if (current) await browser.alarms.create(alarmName, { when: Date.now() + retryMs });
	}
}

/**
 * Ends the sessions of these profiles and of every role assumed from them, with the roles' silent
 * renewals: what those sessions were made as has changed or is gone.
 */
export async function endSessions(profileIds: readonly string[]): Promise<void> {
	const ending = sessionsToEnd(await storage.get('profiles'), profileIds);
	await storage.changeSessions((sessions) => {
		const kept = Object.fromEntries(Object.entries(sessions).filter(([id]) => !ending.has(id)));
		return Object.keys(kept).length === Object.keys(sessions).length ? undefined : { sessions: kept };
	});
	await Promise.all([...ending].map(stopRoleRefresh));
}

/** Stops a role's silent refresh (its profile deleted). */
export async function stopRoleRefresh(profileId: string): Promise<void> {
	await browser.alarms.clear(`${alarmPrefix}${profileId}`);
}
