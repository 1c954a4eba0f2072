// The calls to AWS: GetSessionToken, signed with the profile's long-term key, then
// GetCallerIdentity with the new session, so the person sees who they are about to export.
// Every answer is checked before the caller sees it (see lib/sts-answer).
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { classifyEndpoint, endpointOf } from '../lib/endpoint-trust';
import { signingRegionFor } from '../lib/endpoints';
import type { SessionCredentials } from '../lib/export-formats';
import type { Identity, Profile } from '../lib/model';
import { checkIdentity, checkSession } from '../lib/sts-answer';

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
	profile: Profile,
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
		// No credentials at all: an answer that is not STS's (a portal page that happens to be XML).
		if (!credentials) throw Object.assign(new Error('GetSessionToken answered without credentials'), { name: 'IncompleteResponse' });
		const checked = checkSession(credentials, { fromAws: isAwsEndpoint(profile), durationSeconds, now: Date.now() });
		if (!checked.ok) throw Object.assign(new Error(`Invalid ${checked.error} in the answer`), { name: 'InvalidSessionAnswer' });
		return checked.value;
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
