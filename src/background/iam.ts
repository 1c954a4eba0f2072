// IAM's access-key actions through the worker's one Query caller (no IAM client is bundled).
import { iamEndpointOf } from '../lib/iam-endpoint';
import type { MfaProfile } from '../lib/model';
import { queryCall, type SigningKeys } from './query';
import { stsTimeoutMs } from './sts';

export type { SigningKeys } from './query';

/** Calls one IAM action once; its Result element, or an error named by IAM's code with IAM's message. */
export function iamCall(profile: MfaProfile, keys: SigningKeys, action: string, params: Record<string, string> = {}) {
	return queryCall({ ...iamEndpointOf(profile), service: 'iam', version: '2010-05-08', timeoutMs: stsTimeoutMs }, keys, action, params);
}
