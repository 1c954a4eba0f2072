// The calls to AWS: GetSessionToken, signed with the profile's long-term key, then
// GetCallerIdentity with the new session, so the person sees who they are about to export.
import { GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultStsEndpoint, signingRegionFor } from '../lib/endpoints';
import type { SessionCredentials } from '../lib/export-formats';
import type { Identity, Profile } from '../lib/model';

/** How long STS may take before the person is told it did not answer. */
export const stsTimeoutMs = 15_000;

/** The endpoint a profile talks to: its custom URL, else AWS's STS endpoint for its region. */
export function endpointOf(profile: Profile): string {
	return profile.endpoint ?? defaultStsEndpoint(profile.region, profile.endpointKind);
}

function clientFor(profile: Profile, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
	const endpoint = endpointOf(profile);
	// One attempt: a one-time code must never be sent twice.
	return new STSClient({ endpoint, region: signingRegionFor(endpoint, profile.region), credentials, maxAttempts: 1 });
}

/** Calls GetSessionToken once and returns the session. */
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
		const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
		if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration) {
			throw Object.assign(new Error('GetSessionToken answered without credentials'), { name: 'IncompleteResponse' });
		}
		return {
			accessKeyId: AccessKeyId,
			secretAccessKey: SecretAccessKey,
			sessionToken: SessionToken,
			expiration: Expiration.toISOString(),
		};
	} finally {
		client.destroy();
	}
}

/** Asks who the temporary credentials act as; undefined when STS cannot say (the session stands anyway). */
export async function getCallerIdentity(profile: Profile, session: SessionCredentials): Promise<Identity | undefined> {
	// Only the three keys: the SDK reads `expiration` as a Date, and ours is a string.
	const { accessKeyId, secretAccessKey, sessionToken } = session;
	const client = clientFor(profile, { accessKeyId, secretAccessKey, sessionToken });
	try {
		const { Account, Arn } = await client.send(new GetCallerIdentityCommand({}), { abortSignal: AbortSignal.timeout(stsTimeoutMs) });
		return Account && Arn ? { account: Account, arn: Arn } : undefined;
	} catch {
		return undefined;
	} finally {
		client.destroy();
	}
}
