// Console sign-in profiles in the worker: the sign-in the options page made is sealed and stored,
// and its 15-minute credentials are renewed with the sealed refresh token, by an alarm 5 minutes
// before they end or at once when a tool or the popup asks. The token rotates on every use, so the
// new one is sealed before anything else is written: a crash between the two leaves a sealed token
// that still renews, never a session whose token was already spent.
import browser from '../browser';
import { t } from '../i18n';
import { type ConsoleInput, checkConsoleInput, signinMoved } from '../lib/console-input';
import { endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import { checkCredentials } from '../lib/helper-protocol';
import { type ConsoleProfile, isConsole, type SessionSummary, type StoredSession } from '../lib/model';
import { presetOf, profileRefusal } from '../lib/policy-rules';
import { endsSession, isPrincipalArn } from '../lib/signin-answer';
import { packSigninSecret, signInAgainReason, signinRefreshAt, signinSecretId, unpackSigninSecret } from '../lib/signin-secret';
import { refreshSignin } from '../lib/signin-token';
import { type Field, UserError } from '../lib/user-error';
import * as storage from '../storage';
import { currentPolicy, refusedByPolicy } from './policy';
import { endSessions, followSource } from './roles';
import { checkReachable, findProfile, storeSession } from './session-steps';
import { openVaultFor, readSecret, removeSecret, storeSecret } from './vault';

const alarmPrefix = 'signin-refresh:';

/** Whether an alarm is a console sign-in's renewal. */
export const isSigninRefresh = (name: string) => name.startsWith(alarmPrefix);

/** A renewal that failed on the network is tried again this much later, while the credentials last. */
const retryMs = 60_000;

async function consoleProfile(profileId: string): Promise<ConsoleProfile> {
	const profile = await findProfile(profileId);
	if (!isConsole(profile)) throw new UserError(t('checkProfile'), 'profile', 'invalid');
	return profile;
}

async function setProblem(profileId: string, reason: string | undefined): Promise<void> {
	const problems = await storage.get('signinProblems');
	if (problems[profileId] === reason) return;
	const { [profileId]: _old, ...others } = problems;
	await storage.set({ signinProblems: reason === undefined ? others : { ...others, [profileId]: reason } });
}

async function keep(profile: ConsoleProfile, session: StoredSession, activate: boolean) {
	await storeSession(profile.id, session, { activate });
	await setProblem(profile.id, undefined);
	await browser.alarms.create(`${alarmPrefix}${profile.id}`, { when: signinRefreshAt(session.expiration, Date.now()) });
}

/** Validates and stores a console sign-in profile; a new region or endpoint forgets the sign-in made for the old one. */
export async function saveConsoleProfile(request: ConsoleInput): Promise<ConsoleProfile> {
	const profiles = await storage.get('profiles');
	const checked = checkConsoleInput(request, profiles);
	if (!checked.ok) {
		const [field, message] = Object.entries(checked.errors)[0] ?? ['profile', t('checkProfile')];
		throw new UserError(message, field as Field, 'invalid');
	}
	const { policy } = await currentPolicy();
	if (presetOf(checked.profile.name, policy)) throw refusedByPolicy({ field: 'name', message: t('policyLockedField') }, policy);
	const refusal = profileRefusal(checked.profile, policy);
	if (refusal) throw refusedByPolicy(refusal, policy);
	const unconfirmed = unconfirmedHost(checked.profile);
	if (unconfirmed) throw new UserError(t('endpointConfirm', unconfirmed), 'endpoint', 'unconfirmed-endpoint');
	const previous = profiles.find((saved) => saved.id === request.id);
	if (request.id !== undefined && !previous) throw new UserError(t('profileDeletedMeanwhile'), 'profile');
	if (previous && !isConsole(previous)) throw new UserError(t('checkProfile'), 'profile', 'invalid');
	const moved = previous !== undefined && signinMoved(previous, checked.profile);
	const profile: ConsoleProfile = {
		id: previous?.id ?? crypto.randomUUID(),
		...checked.profile,
		...(previous?.signedInAs && !moved ? { signedInAs: previous.signedInAs } : {}),
	};
	const current = await storage.get('profiles');
	const activeProfileId = (await storage.get('activeProfileId')) ?? profile.id;
	await storage.set({ profiles: [...current.filter((saved) => saved.id !== profile.id), profile], activeProfileId });
	if (moved) {
		await forgetSignin(profile.id);
		await endSessions([profile.id]);
	}
	return profile;
}

/** What the options page sends once AWS Sign-In redeemed the code: the secret to seal, the first credentials, who signed in. */
export interface SigninRequest {
	profileId: string;
	clientId: string;
	refreshToken: string;
	proofKey: string;
	credentials: object;
	subject: string;
	/** The vault's passphrase (and its confirmation, for a new vault) when it is locked or not made yet. */
	passphrase?: string;
	confirmation?: string;
}

/** Seals a new sign-in's token and key, then stores its credentials and who signed in. */
export async function storeSignin(request: SigninRequest): Promise<SessionSummary> {
	const profile = await checkReachable(await consoleProfile(request.profileId));
	await openVaultFor(request);
	const secret = unpackSigninSecret(packSigninSecret(request as Parameters<typeof packSigninSecret>[0]));
	const credentials = checkCredentials(request.credentials);
	if (!secret.ok) throw new UserError(secret.error, 'profile', 'invalid');
	if (!credentials.ok || !isPrincipalArn(request.subject)) throw new UserError(t('signinBadAnswer', 'accessToken'), 'profile', 'invalid');
	await storeSecret(signinSecretId(profile.id), packSigninSecret(secret.value));
	const profiles = await storage.get('profiles');
	await storage.set({ profiles: profiles.map((saved) => (saved.id === profile.id ? { ...saved, signedInAs: request.subject } : saved)) });
	const session = { ...credentials.value, obtainedAt: new Date().toISOString() };
	await keep(profile, session, true);
	// Roles on top of the sign-in follow it, as they follow a new MFA session; a refusal is said when one is used.
	await followSource(profile.id);
	return { expiration: session.expiration, obtainedAt: session.obtainedAt };
}

async function renewNow(profileId: string, activate: boolean): Promise<SessionSummary> {
	const profile = await checkReachable(await consoleProfile(profileId));
	const opened = await readSecret(signinSecretId(profile.id)).catch((error: unknown) => {
		// No sealed sign-in yet (or forgotten with the vault's secrets): only a sign-in helps.
		if (error instanceof UserError && error.field === 'secretAccessKey')
			throw new UserError(t('signinNeeded', profile.name), 'profile', 'sign-in');
		throw error;
	});
	const secret = unpackSigninSecret(opened);
	if (!secret.ok) throw new UserError(secret.error, 'profile', 'sign-in');
	const outcome = await refreshSignin(endpointOf(profile), secret.value);
	if (!outcome.ok) {
		if (!endsSession(outcome.refusal)) throw new UserError(outcome.error, 'profile', 'sign-in-unreachable');
		const reason = signInAgainReason(outcome.refusal);
		await setProblem(profile.id, reason);
		throw new UserError(reason, 'profile', 'sign-in');
	}
	// The rotated token first: from this answer on, the old one is refused.
	await storeSecret(signinSecretId(profile.id), packSigninSecret(outcome.value.secret));
	const session = { ...outcome.value.credentials, obtainedAt: new Date().toISOString() };
	await keep(profile, session, activate);
	return { expiration: session.expiration, obtainedAt: session.obtainedAt };
}

// Promises, not secrets: a second token request with the same refresh token would be refused.
const renewing = new Map<string, Promise<SessionSummary>>();

/** Fresh credentials for a console sign-in from its sealed token; callers at once share one token request. */
export function renewSignin(profileId: string, activate: boolean): Promise<SessionSummary> {
	const running = renewing.get(profileId);
	if (running) return running;
	const request = renewNow(profileId, activate).finally(() => renewing.delete(profileId));
	renewing.set(profileId, request);
	return request;
}

/** The alarm's renewal; a network failure is tried again while the credentials last, a refusal is said in the popup. */
export async function renewByAlarm(alarmName: string): Promise<void> {
	const profileId = alarmName.slice(alarmPrefix.length);
	try {
		await renewSignin(profileId, false);
	} catch (error) {
		const kind = error instanceof UserError ? error.kind : undefined;
		const session = (await storage.get('sessions'))[profileId];
		if (kind !== 'sign-in' && session && Date.parse(session.expiration) > Date.now() + retryMs)
			await browser.alarms.create(alarmName, { when: Date.now() + retryMs });
	}
}

/** Forgets a console sign-in: its sealed token and key, its renewal and its stated problem. */
export async function forgetSignin(profileId: string): Promise<void> {
	await removeSecret(signinSecretId(profileId));
	await browser.alarms.clear(`${alarmPrefix}${profileId}`);
	await setProblem(profileId, undefined);
}
