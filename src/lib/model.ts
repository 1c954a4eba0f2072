// The shapes the extension stores and passes between its pages and its service worker.
import type { EndpointKind } from './endpoints';
import type { ExportFormat } from './export-formats';
import type { KeyInfo } from './key-age';
import type { RotationJournal, RotationReport } from './key-rotation';
import type { SlottedVault } from './key-slots';
import type { Policy } from './policy';

/** Temporary credentials as STS issued them; `expiration` is an ISO 8601 time. */
export interface SessionCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: string;
}

/** Whether a session is present and not yet expired at `now`; one whose expiration cannot be read is not. */
export function isLive<S extends { expiration: string }>(session: S | undefined, now: number): session is S {
	return session !== undefined && Date.parse(session.expiration) > now;
}

/** The profile the popup, the badge and the shortcuts act on: the chosen one, else the first. */
export function activeProfile(profiles: readonly Profile[], activeProfileId: string | undefined): Profile | undefined {
	return profiles.find((saved) => saved.id === activeProfileId) ?? profiles[0];
}

/** What every profile has: a name, a region and an endpoint, a session length. */
interface ProfileBase {
	id: string;
	name: string;
	durationSeconds: number;
	region: string;
	/** A custom STS endpoint (VPC endpoint, emulator); AWS's endpoint for the region when absent. */
	endpoint?: string;
	/** Which AWS endpoint serves the region when there is no custom one; regional when absent. */
	endpointKind?: EndpointKind;
	/** A custom endpoint's host (with port) that the person confirmed on the options page; never from a file. */
	trustedHost?: string;
	/** Set up by the organisation's policy: its settings are the policy's, the key is the person's. */
	managed?: boolean;
}

/** One IAM user with its MFA device. Holds no secret: the secret key is sealed in the vault. */
export interface MfaProfile extends ProfileBase {
	/** Absent for MFA profiles, as every profile saved before roles existed. */
	kind?: undefined;
	accessKeyId: string;
	mfaSerial: string;
	/** The IAM identity the key belongs to, learnt from AWS's answer: root users get one hour at most. */
	identityArn?: string;
}

/** A role assumed with the credentials of an MFA profile (its source); no secret of its own. */
export interface RoleProfile extends ProfileBase {
	kind: 'role';
	roleArn: string;
	/** The id of the MFA profile whose session (or, when direct, whose key and device) assumes the role. */
	sourceProfileId: string;
	externalId?: string;
	roleSessionName: string;
	/** AssumeRole signed with the source's long-term key, with its MFA device and a code of its own: up to 12 h. */
	direct?: boolean;
}

/**
 * An AWS console sign-in (`aws login`): no key and no device. Its refresh token and proof key are
 * sealed together in the vault under `signin:<id>` (lib/signin-secret); who signed in is kept here.
 */
export interface ConsoleProfile extends ProfileBase {
	kind: 'console';
	/** The principal ARN the last sign-in's idToken named; absent until the first sign-in. */
	signedInAs?: string;
}

/** A saved profile: an IAM user's MFA session, a role on top of one, or a console sign-in. */
export type Profile = MfaProfile | RoleProfile | ConsoleProfile;

/** A profile's saved fields without its id, of a kind the profile form saves. */
export type ProfileFields = Omit<MfaProfile, 'id'> | Omit<RoleProfile, 'id'>;

/** Whether a profile is a role profile. */
export const isRole = <T extends { kind?: 'role' | 'console' }>(profile: T): profile is T & { kind: 'role' } => profile.kind === 'role';

/** Whether a profile is an IAM user's MFA profile (with its key and device). */
export const isMfa = <T extends { kind?: 'role' | 'console' }>(profile: T): profile is T & { kind?: undefined } =>
	profile.kind === undefined;

/** Whether a profile is a console sign-in. */
export const isConsole = <T extends { kind?: 'role' | 'console' }>(profile: T): profile is T & { kind: 'console' } =>
	profile.kind === 'console';

/** The vault: a passphrase check plus each profile's secret access key, sealed under its id. */
export type Vault = SlottedVault;

/** What a page may know about an added passkey: how to ask for it and what to call it, nothing secret. */
export interface PasskeySummary {
	id: string;
	name: string;
	credentialId: string;
	addedAt: string;
}

/** Temporary credentials as kept in session storage, with when they were obtained. */
export interface StoredSession extends SessionCredentials {
	obtainedAt: string;
	identity?: Identity;
	/** Said once with the session, e.g. that a root user's session was capped at one hour. */
	note?: string;
}

/** Who the temporary credentials act as, from GetCallerIdentity. */
export interface Identity {
	account: string;
	arn: string;
	/** The host that answered, when it is not AWS's: what it says is its own claim. */
	claimedBy?: string;
}

/** The last code sent for an MFA device, so the same code is not sent twice. */
export interface UsedCode {
	code: string;
	at: number;
}

/** Wrong passphrases in a row, and when the next attempt is allowed. */
export interface UnlockFailures {
	count: number;
	retryAt: number;
}

/** What a page may know about a session without asking for its secrets. */
export interface SessionSummary {
	expiration: string;
	obtainedAt: string;
	identity?: Identity;
	note?: string;
}

/** Everything the popup and options page render, free of secrets. */
export interface PublicState {
	/** What IAM told of each profile's key, and a rotation's journal and last report (ids only). */
	keyInfo: Record<string, KeyInfo>;
	rotation?: RotationJournal;
	rotationReport?: RotationReport;
	profiles: Profile[];
	activeProfileId: string | undefined;
	hasVault: boolean;
	locked: boolean;
	passkeys: PasskeySummary[];
	sessions: Record<string, SessionSummary>;
	preferences: Preferences;
	/** Profiles whose endpoint is not AWS's STS: its host, and whether it may be used yet. */
	foreignEndpoints: Record<string, ForeignEndpoint>;
	/** Profiles whose STS host the extension may not call yet, with that host: the options page asks for it. */
	missingHosts: Record<string, string>;
	/** Console sign-ins that must be made again, with the reason the popup says. */
	signinProblems: Record<string, string>;
	/** The organisation's rules in force, what in them could not be applied, and what they changed. */
	policy: Policy;
	policyProblems: string[];
	policyNotices: string[];
	/** True on the very first run until managed storage has answered: what the policy could refuse waits for it. */
	policyPending: boolean;
}

/** A non-AWS endpoint as the popup shows it, every time its profile is used. */
export interface ForeignEndpoint {
	host: string;
	/** False for a custom host nobody confirmed on the options page: the worker will refuse it. */
	confirmed: boolean;
}

/** Choices a person makes once; none of them is secret. */
export interface Preferences {
	/** The format the popup copies and the options page shows first. */
	exportFormat: ExportFormat;
	/** Whether env formats also set AWS_REGION and AWS_DEFAULT_REGION. */
	includeRegion: boolean;
	/** Minutes of idleness before the vault locks; 0 for never (until the browser closes), -1 after each new session. */
	autoLockMinutes: number;
	/** Seconds after a copy when the clipboard is cleared, if it still holds the copy; 0 for never. */
	clearClipboardSeconds: number;
	/** Minutes before a session ends to show a notification; 0 for none. */
	warnMinutesBefore: number;
	/** Days after which an access key is shown as due for rotation. */
	keyAgeWarnDays: number;
}

export const defaultPreferences: Preferences = {
	exportFormat: 'bash',
	includeRegion: false,
	autoLockMinutes: 15,
	clearClipboardSeconds: 0,
	warnMinutesBefore: 0,
	keyAgeWarnDays: 90,
};

/** The warning times a person can choose, in minutes before the session ends. */
export const warnChoices: readonly number[] = [0, 5, 10, 15, 30, 60];

/** The delays a person can choose for clearing the clipboard, in seconds. */
export const clearClipboardChoices: readonly number[] = [0, 30, 60, 120, 300];

/** The auto-lock choice that locks the vault as soon as a new session is stored. */
export const lockAfterEachSession = -1;

/** The idle times a person can choose for the auto-lock, in minutes (0: never, -1: after each new session). */
export const autoLockChoices: readonly number[] = [lockAfterEachSession, 5, 15, 30, 60, 240, 0];

/** The default session length for IAM users, as in STS. */
export const defaultDurationSeconds = 43_200;

/** The default region, as in the AWS CLI's examples and STS's global endpoint. */
export const defaultRegion = 'us-east-1';
