// Regions, partitions and AWS's STS endpoints, all read from the table the build derives from the
// AWS SDK's partition data and STS endpoint rules (scripts/aws-regions.ts).
import { partitions, regions as table } from 'virtual:aws-regions';

/** A partition id, such as `aws`, `aws-us-gov`, `aws-cn` or `aws-eusc`. */
export type Partition = string;

/** Which of AWS's STS endpoints a profile uses. */
export type EndpointKind = 'regional' | 'global' | 'fips';

const regionById = new Map(table.map((region) => [region.id, region]));
const partitionById = new Map(partitions.map((partition) => [partition.id, partition]));

/** Every region a person can choose, partition by partition, with its partition. */
export const offeredRegions: readonly { id: string; partition: Partition }[] = table.map(({ id, partition }) => ({ id, partition }));

/** Whether the extension serves a partition (the partitions of the generated table). */
export function isServedPartition(id: string): boolean {
	return partitionById.has(id);
}

/** The partition a region belongs to, or undefined for a region not in the list. */
export function partitionOfRegion(id: string): Partition | undefined {
	return regionById.get(id)?.partition;
}

/**
 * The endpoint kinds a region offers: regional everywhere; global where the SDK's rules send the
 * region to the global endpoint (the regions enabled by default when it was the only one); FIPS
 * where AWS runs an STS FIPS endpoint.
 */
export function endpointKindsFor(regionId: string): EndpointKind[] {
	return [...(regionById.get(regionId)?.kinds ?? ['regional'])];
}

function hostFor(regionId: string, kind: EndpointKind): string | undefined {
	const region = regionById.get(regionId);
	const partition = region && partitionById.get(region.partition);
	if (!region || !partition) return undefined;
	if (kind === 'global' && region.kinds.includes('global') && partition.global) return partition.global.host;
	const template = (kind === 'fips' && region.kinds.includes('fips') && partition.hosts.fips) || partition.hosts.regional;
	return template.replace('{region}', regionId);
}

/**
 * AWS's STS endpoint for a region: regional by default (it works in every region, opt-in ones
 * included). A kind the region does not offer gets the regional endpoint, as the SDK does for "global".
 */
export function defaultStsEndpoint(regionId: string, kind: EndpointKind = 'regional'): string {
	return `https://${hostFor(regionId, kind) ?? `sts.${regionId}.amazonaws.com`}`;
}

/**
 * AWS Sign-In's host for console credentials (`aws login`) in a region: commercial regions only, as
 * AWS's launch of the feature says (the SDK's rules name China and GovCloud hosts, which AWS does not offer it on).
 */
export function defaultSigninEndpoint(regionId: string): string | undefined {
	return partitionOfRegion(regionId) === 'aws' ? `https://${regionId}.signin.aws.amazon.com` : undefined;
}

/** Whether a host name is AWS Sign-In's host of a commercial region. */
export function isAwsSigninHost(hostname: string): boolean {
	const region = /^([a-z0-9-]+)\.signin\.aws\.amazon\.com$/.exec(hostname)?.[1];
	return region !== undefined && partitionOfRegion(region) === 'aws';
}

// Every public STS host name of AWS, with the region a request to it is signed for.
const stsHosts = new Map<string, string>();
for (const region of table) {
	const partition = partitionById.get(region.partition);
	if (!partition) continue;
	const fips = region.kinds.includes('fips');
	for (const variant of ['regional', 'dualStack', ...(fips ? (['fips', 'dualStackFips'] as const) : [])] as const) {
		const template = partition.hosts[variant];
		if (template) stsHosts.set(template.replace('{region}', region.id), region.id);
	}
	if (partition.global) stsHosts.set(partition.global.host, partition.global.signingRegion);
}

// An interface VPC endpoint of STS: `vpce-<endpoint id>-<suffix>[-<zone>].sts.<region>.vpce.<DNS suffix>`.
const vpcEndpoint = /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})-[0-9a-z]{8}(?:-([a-z0-9-]+))?\.sts\.([a-z0-9-]+)\.vpce\.([a-z0-9.-]+)$/;

/** The region requests to an AWS STS host are signed for, or undefined for any other host. */
export function stsHostRegion(hostname: string): string | undefined {
	const known = stsHosts.get(hostname);
	if (known) return known;
	const [, zone, regionId = '', suffix] = vpcEndpoint.exec(hostname) ?? [];
	const partition = partitionById.get(partitionOfRegion(regionId) ?? '');
	if (!partition || suffix !== partition.dnsSuffix) return undefined;
	if (zone !== undefined && !new RegExp(`^${regionId}[a-z]$`).test(zone)) return undefined;
	return regionId;
}

/**
 * Whether a host name is one of AWS's own STS hosts: the global, regional, FIPS and dual-stack
 * endpoints of every offered region, and STS interface VPC endpoints (regional or zonal names).
 * Expects a URL's `hostname` (lower case, no port, no trailing dot).
 */
export function isAwsStsHost(hostname: string): boolean {
	return stsHostRegion(hostname) !== undefined;
}

/**
 * The region to sign for at an endpoint. AWS's STS hosts name their region, or sign for the
 * partition's global region; anything else (an emulator, a private DNS name) uses the profile's.
 */
export function signingRegionFor(endpoint: string, profileRegion: string): string {
	return stsHostRegion(new URL(endpoint).hostname) ?? profileRegion;
}

/** Host patterns granted at install: loopback only, so emulators, the demo and the tests need no prompt. */
export const grantedHostPatterns: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'];

/**
 * AWS's hosts, asked for one STS host at a time when a profile is saved (never at install): one
 * pattern per served partition's DNS suffix bounds what may be asked for.
 */
export const awsHostPatterns: readonly string[] = [...new Set(partitions.map(({ dnsSuffix }) => `https://*.${dnsSuffix}/*`))];

/**
 * The host permission an endpoint needs, exactly its host (`https://sts.eu-west-1.amazonaws.com/*`),
 * or undefined when the manifest grants it already (loopback). Match patterns carry no port.
 */
export function hostPermissionFor(endpoint: string): string | undefined {
	const url = new URL(endpoint);
	const pattern = `${url.protocol}//${url.hostname}/*`;
	return grantedHostPatterns.includes(pattern) ? undefined : pattern;
}
