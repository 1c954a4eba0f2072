// The calls to AWS: GetSessionToken, signed with the profile's long-term key, then
// GetCallerIdentity with the new session, so the person sees who they are about to export.
// Every answer is checked before the caller sees it (see lib/sts-answer).
import { classifyEndpoint, endpointOf } from '../lib/endpoint-trust';
import { signingRegionFor } from '../lib/endpoints';
import type { Identity, MfaProfile, Profile, RoleProfile, SessionCredentials } from '../lib/model';
import { checkIdentity, checkSession, type RawSession } from '../lib/sts-answer';
import { queryCall, type SigningKeys } from './query';

/** How long STS may take before the person is told it did not answer. */
export const stsTimeoutMs = 15_000;

/**
 * One STS call, once: a one-time code must never be sent twice. What the answer holds is checked
 * by the caller (see lib/sts-answer).
 */
function stsCall(profile: Profile, keys: SigningKeys, action: string, params: Record<string, string> = {}) {
	const endpoint = endpointOf(profile);
	const target = {
		endpoint,
		region: signingRegionFor(endpoint, profile.region),
		service: 'sts',
		version: '2011-06-15',
		timeoutMs: stsTimeoutMs,
	} as const;
	return queryCall(target, keys, action, params);
}

const record = (value: unknown): Record<string, unknown> =>
	typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

/** The Credentials element as the checks read it: the expiry as a time, when it is written as one. */
function credentialsOf(result: unknown): RawSession | undefined {
	const credentials = record(result).Credentials;
	if (typeof credentials !== 'object' || credentials === null) return undefined;
	const raw = credentials as RawSession;
	const expiration = raw.Expiration;
	const timestamp = typeof expiration === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(expiration);
	return { ...raw, Expiration: timestamp ? new Date(expiration) : undefined };
}

/** Whether the profile's endpoint is AWS's own STS, whose answers and texts are AWS's. */
export const isAwsEndpoint = (profile: Profile) => classifyEndpoint(endpointOf(profile)) === 'aws';

/** Calls GetSessionToken once and returns the session, refusing an answer STS could not have sent. */
export async function getSessionToken(
	profile: MfaProfile,
	secretAccessKey: string,
	tokenCode: string,
	durationSeconds: number,
): Promise<SessionCredentials> {
	const result = await stsCall(profile, { accessKeyId: profile.accessKeyId, secretAccessKey }, 'GetSessionToken', {
		SerialNumber: profile.mfaSerial,
		TokenCode: tokenCode,
		DurationSeconds: String(durationSeconds),
	});
	return checked(profile, credentialsOf(result), durationSeconds);
}

/** Refuses an answer STS could not have sent: none at all (a portal page that happens to be XML), or odd values. */
function checked(profile: Profile, credentials: RawSession | undefined, durationSeconds: number): SessionCredentials {
	if (!credentials) throw Object.assign(new Error('STS answered without credentials'), { name: 'IncompleteResponse' });
	const result = checkSession(credentials, { fromAws: isAwsEndpoint(profile), durationSeconds, now: Date.now() });
	if (!result.ok) throw Object.assign(new Error(`Invalid ${result.error} in the answer`), { name: 'InvalidSessionAnswer' });
	return result.value;
}

/** How AssumeRole is signed: a live session of the source, or its long-term key with the MFA device and a code. */
export type RoleSigner =
	| { session: SessionCredentials }
	| { accessKeyId: string; secretAccessKey: string; serialNumber: string; tokenCode: string };

/** Calls AssumeRole once; the role session and who it acts as (the assumed-role ARN from the answer). */
export async function assumeRole(role: RoleProfile, signer: RoleSigner): Promise<{ credentials: SessionCredentials; identity?: Identity }> {
	const keys = 'session' in signer ? signer.session : signer;
	const { accessKeyId, secretAccessKey } = keys;
	const sessionToken = 'session' in signer ? signer.session.sessionToken : undefined;
	const result = await stsCall(role, { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, 'AssumeRole', {
		RoleArn: role.roleArn,
		RoleSessionName: role.roleSessionName,
		DurationSeconds: String(role.durationSeconds),
		...(role.externalId ? { ExternalId: role.externalId } : {}),
		...('session' in signer ? {} : { SerialNumber: signer.serialNumber, TokenCode: signer.tokenCode }),
	});
	const credentials = checked(role, credentialsOf(result), role.durationSeconds);
	const arn = record(record(result).AssumedRoleUser).Arn;
	const identity = checkIdentity({ Account: typeof arn === 'string' ? arn.split(':')[4] : undefined, Arn: arn });
	if (!identity || isAwsEndpoint(role)) return { credentials, identity };
	return { credentials, identity: { ...identity, claimedBy: new URL(endpointOf(role)).host } };
}

/** Asks who the credentials (a session's, or a new long-term key's) act as; undefined when the answer is not a valid identity. */
export async function getCallerIdentity(
	profile: Profile,
	session: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
): Promise<Identity | undefined> {
	const { accessKeyId, secretAccessKey, sessionToken } = session;
	try {
		const identity = checkIdentity(
			record(await stsCall(profile, { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, 'GetCallerIdentity')),
		);
		if (!identity || isAwsEndpoint(profile)) return identity;
		return { ...identity, claimedBy: new URL(endpointOf(profile)).host };
	} catch {
		return undefined;
	}
}
