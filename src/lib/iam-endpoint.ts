// Where a profile's IAM calls go: IAM is global, one host a partition signed for its one region;
// an emulator at a custom endpoint serves IAM at that endpoint too.
import { classifyEndpoint, endpointOf } from './endpoint-trust';
import { hostPermissionFor, partitionOfRegion } from './endpoints';
import type { MfaProfile } from './model';

const iamHosts: Record<string, [string, string]> = {
	aws: ['iam.amazonaws.com', 'us-east-1'],
	'aws-cn': ['iam.cn-north-1.amazonaws.com.cn', 'cn-north-1'],
	'aws-us-gov': ['iam.us-gov.amazonaws.com', 'us-gov-west-1'],
};

/** The IAM endpoint of a profile and the region its requests are signed for. */
export function iamEndpointOf(profile: Pick<MfaProfile, 'region' | 'endpoint' | 'endpointKind'>): { endpoint: string; region: string } {
	const endpoint = endpointOf(profile);
	if (classifyEndpoint(endpoint) !== 'aws') return { endpoint, region: 'us-east-1' };
	const [host, region] = iamHosts[partitionOfRegion(profile.region) ?? 'aws'] ?? ['iam.amazonaws.com', 'us-east-1'];
	return { endpoint: `https://${host}/`, region };
}

/** The host permission IAM's calls need beyond the STS endpoint's, if any. */
export function iamHostPermission(profile: MfaProfile): string | undefined {
	const { endpoint } = iamEndpointOf(profile);
	return endpoint === endpointOf(profile) ? undefined : hostPermissionFor(endpoint);
}
