// Regions, partitions and the STS endpoint that serves each of them.

export type Partition = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface Region {
	id: string;
	name: string;
	partition: Partition;
}

const region = (id: string, name: string, partition: Partition = 'aws'): Region => ({ id, name, partition });

/** Every region a person can choose, commercial first, then GovCloud and China. */
export const regions: readonly Region[] = [
	region('us-east-1', 'N. Virginia'),
	region('us-east-2', 'Ohio'),
	region('us-west-1', 'N. California'),
	region('us-west-2', 'Oregon'),
	region('af-south-1', 'Cape Town'),
	region('ap-east-1', 'Hong Kong'),
	region('ap-east-2', 'Taipei'),
	region('ap-south-1', 'Mumbai'),
	region('ap-south-2', 'Hyderabad'),
	region('ap-southeast-1', 'Singapore'),
	region('ap-southeast-2', 'Sydney'),
	region('ap-southeast-3', 'Jakarta'),
	region('ap-southeast-4', 'Melbourne'),
	region('ap-southeast-5', 'Malaysia'),
	region('ap-southeast-7', 'Thailand'),
	region('ap-northeast-1', 'Tokyo'),
	region('ap-northeast-2', 'Seoul'),
	region('ap-northeast-3', 'Osaka'),
	region('ca-central-1', 'Canada Central'),
	region('ca-west-1', 'Calgary'),
	region('eu-central-1', 'Frankfurt'),
	region('eu-central-2', 'Zurich'),
	region('eu-west-1', 'Ireland'),
	region('eu-west-2', 'London'),
	region('eu-west-3', 'Paris'),
	region('eu-south-1', 'Milan'),
	region('eu-south-2', 'Spain'),
	region('eu-north-1', 'Stockholm'),
	region('il-central-1', 'Tel Aviv'),
	region('me-south-1', 'Bahrain'),
	region('me-central-1', 'UAE'),
	region('mx-central-1', 'Mexico'),
	region('sa-east-1', 'São Paulo'),
	region('us-gov-west-1', 'GovCloud US-West', 'aws-us-gov'),
	region('us-gov-east-1', 'GovCloud US-East', 'aws-us-gov'),
	region('cn-north-1', 'Beijing', 'aws-cn'),
	region('cn-northwest-1', 'Ningxia', 'aws-cn'),
];

/** The partition a region belongs to, or undefined for a region not in the list. */
export function partitionOfRegion(id: string): Partition | undefined {
	return regions.find((entry) => entry.id === id)?.partition;
}

/** AWS's regional STS endpoint for a region (regional endpoints work in every region, opt-in ones included). */
export function defaultStsEndpoint(regionId: string): string {
	const suffix = partitionOfRegion(regionId) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
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
