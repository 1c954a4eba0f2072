// The calls to AWS: GetSessionToken, signed with the profile's long-term key, then
// GetCallerIdentity with the new session, so the person sees who they are about to export.
// Every answer is checked before the caller sees it (see lib/sts-answer).
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { classifyEndpoint, endpointOf } from '../lib/endpoint-trust';
import { signingRegionFor } from '../lib/endpoints';
import type { Identity, MfaProfile, Profile, RoleProfile, SessionCredentials } from '../lib/model';
import { checkIdentity, checkSession, type RawSession } from '../lib/sts-answer';

/** How long STS may take before the person is told it did not answer. */
export const stsTimeoutMs = 15_000;

function clientFor(profile: Profile, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
	const endpoint = endpointOf(profile);
	// One attempt: a one-time code must never be sent twice. No HTTP cache: Firefox otherwise keeps the
	// answer, session secret included, in its disk cache (cache2/entries), where the profile scan found it.
	return new STSClient({
		endpoint,
		region: signingRegionFor(endpoint, profile.region),
		credentials,
		maxAttempts: 1,
		requestHandler: { cache: 'no-store' },
	});
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
	const client = clientFor(profile, { accessKeyId: profile.accessKeyId, secretAccessKey });
	try {
		const { Credentials: credentials } = await client.send(
			new GetSessionTokenCommand({
				SerialNumber: profile.mfaSerial,
				TokenCode: tokenCode,
				DurationSeconds: durationSeconds,
			}),
			{ abortSignal: AbortSignal.timeout(stsTimeoutMs) },
		);
		return checked(profile, credentials, durationSeconds);
	} finally {
		client.destroy();
	}
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
	const client = clientFor(role, { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) });
	try {
		const answer = await client.send(
			new AssumeRoleCommand({
				RoleArn: role.roleArn,
				RoleSessionName: role.roleSessionName,
				DurationSeconds: role.durationSeconds,
				...(role.externalId ? { ExternalId: role.externalId } : {}),
				...('session' in signer ? {} : { SerialNumber: signer.serialNumber, TokenCode: signer.tokenCode }),
			}),
			{ abortSignal: AbortSignal.timeout(stsTimeoutMs) },
		);
		const credentials = checked(role, answer.Credentials, role.durationSeconds);
		const arn = answer.AssumedRoleUser?.Arn;
		const identity = checkIdentity({ Account: typeof arn === 'string' ? arn.split(':')[4] : undefined, Arn: arn });
		if (!identity || isAwsEndpoint(role)) return { credentials, identity };
		return { credentials, identity: { ...identity, claimedBy: new URL(endpointOf(role)).host } };
	} finally {
		client.destroy();
	}
}

/** Asks who the temporary credentials act as; undefined when the answer is not a valid identity. */
export async function getCallerIdentity(profile: Profile, session: SessionCredentials): Promise<Identity | undefined> {
	// Only the three keys: the SDK reads `expiration` as a Date, and ours is a string.
	const { accessKeyId, secretAccessKey, sessionToken } = session;
	const client = clientFor(profile, { accessKeyId, secretAccessKey, sessionToken });
	try {
		const answer = await client.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(stsTimeoutMs) });
		const identity = checkIdentity(answer);
		if (!identity || isAwsEndpoint(profile)) return identity;
		return { ...identity, claimedBy: new URL(endpointOf(profile)).host };
	} catch {
		return undefined;
	} finally {
		client.destroy();
	}
}
