// The one call to AWS: GetSessionToken, signed with the profile's long-term key.
import { GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts';
import { defaultStsEndpoint, signingRegionFor } from '../lib/endpoints';
import type { SessionCredentials } from '../lib/export-formats';
import type { Profile } from '../lib/model';

/** How long STS may take before the person is told it did not answer. */
export const stsTimeoutMs = 15_000;

/** The endpoint a profile talks to: its custom URL, else AWS's STS endpoint for its region. */
export function endpointOf(profile: Profile): string {
	return profile.endpoint ?? defaultStsEndpoint(profile.region);
}

/** Calls GetSessionToken once (a one-time code must never be retried) and returns the session. */
export async function getSessionToken(profile: Profile, secretAccessKey: string, tokenCode: string): Promise<SessionCredentials> {
	const endpoint = endpointOf(profile);
	const client = new STSClient({
		endpoint,
		region: signingRegionFor(endpoint, profile.region),
		credentials: { accessKeyId: profile.accessKeyId, secretAccessKey },
		maxAttempts: 1,
	});
	try {
		const { Credentials: credentials } = await client.send(
			new GetSessionTokenCommand({
				SerialNumber: profile.mfaSerial,
				TokenCode: tokenCode,
				DurationSeconds: profile.durationSeconds,
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
