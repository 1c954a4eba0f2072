// Regions, partitions and the STS endpoint that serves each of them.

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

/** Every region a person can choose, commercial first, then GovCloud and China, with its partition. */
export const regionPartitions: Readonly<Record<string, Partition>> = {
	'us-east-1': 'aws',
	'us-east-2': 'aws',
	'us-west-1': 'aws',
	'us-west-2': 'aws',
	'af-south-1': 'aws',
	'ap-east-1': 'aws',
	'ap-east-2': 'aws',
	'ap-south-1': 'aws',
	'ap-south-2': 'aws',
	'ap-southeast-1': 'aws',
	'ap-southeast-2': 'aws',
	'ap-southeast-3': 'aws',
	'ap-southeast-4': 'aws',
	'ap-southeast-5': 'aws',
	'ap-southeast-7': 'aws',
	'ap-northeast-1': 'aws',
	'ap-northeast-2': 'aws',
	'ap-northeast-3': 'aws',
	'ca-central-1': 'aws',
	'ca-west-1': 'aws',
	'eu-central-1': 'aws',
	'eu-central-2': 'aws',
	'eu-west-1': 'aws',
	'eu-west-2': 'aws',
	'eu-west-3': 'aws',
	'eu-south-1': 'aws',
	'eu-south-2': 'aws',
	'eu-north-1': 'aws',
	'il-central-1': 'aws',
	'me-south-1': 'aws',
	'me-central-1': 'aws',
	'mx-central-1': 'aws',
	'sa-east-1': 'aws',
	'us-gov-west-1': 'aws-us-gov',
	'us-gov-east-1': 'aws-us-gov',
	'cn-north-1': 'aws-cn',
	'cn-northwest-1': 'aws-cn',
};

/** The partition a region belongs to, or undefined for a region not in the list. */
export function partitionOfRegion(id: string): Partition | undefined {
	return Object.hasOwn(regionPartitions, id) ? regionPartitions[id] : undefined;
}

/** Which of AWS's STS endpoints a profile uses. */
export type EndpointKind = 'regional' | 'global' | 'fips';

/** Regions with a FIPS 140 STS endpoint of their own (GovCloud's regional endpoints are FIPS already). */
const fipsRegions = new Set(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'ca-west-1']);

/** The endpoint kinds a region offers: regional everywhere; global in the commercial partition; FIPS where AWS runs it. */
export function endpointKindsFor(regionId: string): EndpointKind[] {
	const partition = partitionOfRegion(regionId);
	const kinds: EndpointKind[] = ['regional'];
	if (partition === 'aws') kinds.push('global');
	if (fipsRegions.has(regionId) || partition === 'aws-us-gov') kinds.push('fips');
	return kinds;
}

/** AWS's STS endpoint for a region: regional by default (it works in every region, opt-in ones included). */
export function defaultStsEndpoint(regionId: string, kind: EndpointKind = 'regional'): string {
	const partition = partitionOfRegion(regionId);
	if (kind === 'global' && partition === 'aws') return 'https://sts.amazonaws.com';
	if (kind === 'fips' && fipsRegions.has(regionId)) return `https://sts-fips.${regionId}.amazonaws.com`;
	const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
	return `https://sts.${regionId}.${suffix}`;
}

/**
 * The region to sign for at an endpoint. AWS hosts name their region; the global endpoint signs
 * for us-east-1; anything else (an emulator, a VPC endpoint without a region) uses the profile's.
 */
export function signingRegionFor(endpoint: string, profileRegion: string): string {
	const host = new URL(endpoint).hostname;
	if (host === 'sts.amazonaws.com' || host === 'sts-fips.amazonaws.com') return 'us-east-1';
	const named = /(?:^|\.)sts(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(host);
	return named?.[1] ?? profileRegion;
}

/** Host patterns the manifest grants: AWS's STS hosts in every partition, and loopback for emulators. */
export const hostPermissionPatterns: readonly string[] = [
	'https://*.amazonaws.com/*',
	'https://*.amazonaws.com.cn/*',
	'http://127.0.0.1/*',
	'http://localhost/*',
	'http://[::1]/*',
];

/** Whether the manifest's host permissions already cover an endpoint (so no prompt is needed). */
export function isCoveredByHostPermissions(endpoint: string): boolean {
	const url = new URL(endpoint);
	return hostPermissionPatterns.some((pattern) => {
		const match = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern);
		if (!match) return false;
		const [, scheme, host = ''] = match;
		if (`${scheme}:` !== url.protocol) return false;
		if (host.startsWith('*.')) return url.hostname.endsWith(host.slice(1));
		return url.hostname === host;
	});
}

/**
 * Whether a host name is one of AWS's own STS endpoints: global, regional or FIPS in a known
 * region of its partition, or an STS interface (VPC) endpoint. Any other host, under
 * amazonaws.com or not, is someone else's.
 */
export function isAwsStsHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	if (host === 'sts.amazonaws.com') return true;
	const match = /^(vpce-[a-z0-9]+(?:-[a-z0-9]+)*\.)?sts(-fips)?\.([a-z0-9-]+)\.(vpce\.)?(amazonaws\.com(?:\.cn)?)$/.exec(host);
	if (!match) return false;
	const [, vpcePrefix, fips, region = '', vpce, suffix] = match;
	const partition = partitionOfRegion(region);
	if (!partition || Boolean(vpcePrefix) !== Boolean(vpce)) return false;
	if (fips && !endpointKindsFor(region).includes('fips')) return false;
	return suffix === (partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com');
}
