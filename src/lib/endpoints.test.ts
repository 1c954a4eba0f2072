import { readFileSync } from 'node:fs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { buildRegionTable, excludedRegions, sdkPartitions, servedPartitions } from '../../scripts/aws-regions';
import {
	defaultStsEndpoint,
	type EndpointKind,
	endpointKindsFor,
	hostPermissionPatterns,
	isAwsStsHost,
	isCoveredByHostPermissions,
	partitionOfRegion,
	signingRegionFor,
} from './endpoints';
import { regions } from './region-names';

/** Where the SDK's own STS client sends a request for a region and kind, and the region it signs for. */
async function sdkRequest(region: string, kind: EndpointKind): Promise<{ host: string; signingRegion: string }> {
	let captured: { hostname: string; headers: Record<string, string> } | undefined;
	const client = new STSClient({
		region,
		useGlobalEndpoint: kind === 'global',
		useFipsEndpoint: kind === 'fips',
		credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
		maxAttempts: 1,
		requestHandler: {
			handle: async (request: { hostname: string; headers: Record<string, string> }) => {
				captured = request;
				throw new Error('sent nowhere');
			},
		},
	});
	await client.send(new GetCallerIdentityCommand({})).catch(() => {});
	const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/sts\/aws4_request/.exec(captured?.headers.authorization ?? '');
	return { host: captured?.hostname ?? '', signingRegion: scope?.[1] ?? '' };
}

const offered = regions.flatMap((region) => endpointKindsFor(region.id).map((kind) => ({ region: region.id, kind })));

describe('the region table, against the AWS SDK', () => {
	it.each(offered)('$region, $kind: the same host and signing region as the SDK’s STS client', async ({ region, kind }) => {
		const endpoint = defaultStsEndpoint(region, kind);
		expect({ host: new URL(endpoint).hostname, signingRegion: signingRegionFor(endpoint, region) }).toEqual(await sdkRequest(region, kind));
	});

	it('offers "global" exactly where the SDK sends the region to the global endpoint', async () => {
		for (const { id } of regions) {
			const viaGlobal = await sdkRequest(id, 'global');
			expect(endpointKindsFor(id).includes('global'), id).toBe(viaGlobal.host === 'sts.amazonaws.com');
		}
		expect(endpointKindsFor('af-south-1')).toEqual(['regional']);
		expect(endpointKindsFor('ap-northeast-2')).toEqual(['regional']);
		expect(endpointKindsFor('eu-west-1')).toEqual(['regional', 'global']);
	});

	it('offers every region the SDK knows in the served partitions, save the explicit exclusions', () => {
		for (const partition of sdkPartitions().filter(({ id }) => (servedPartitions as readonly string[]).includes(id))) {
			// The SDK's table also names each partition's endpoint (`aws-global`, `aws-cn-global`), which is no region.
			const known = Object.keys(partition.regions).filter((id) => !id.endsWith('-global') && !(id in excludedRegions));
			const shown = regions.filter((region) => region.partition === partition.id).map((region) => region.id);
			expect(shown.sort(), partition.id).toEqual(known.sort());
		}
		for (const id of ['ap-southeast-6', 'me-west-1', 'sa-west-1', 'eusc-de-east-1']) expect(partitionOfRegion(id), id).toBeDefined();
		expect(partitionOfRegion('eusc-de-east-1')).toBe('aws-eusc');
		expect(partitionOfRegion('us-iso-east-1')).toBeUndefined();
	});

	it('stops the build on a partition nobody decided about, or a served one the SDK dropped', () => {
		const partitions = sdkPartitions();
		const aws = partitions.find(({ id }) => id === 'aws');
		expect(buildRegionTable(partitions).regions.map(({ id }) => id)).toEqual(regions.map(({ id }) => id));
		expect(() => buildRegionTable([...partitions, { ...(aws as (typeof partitions)[0]), id: 'aws-new' }])).toThrow(/aws-new/);
		expect(() => buildRegionTable(partitions.filter(({ id }) => id !== 'aws-eusc'))).toThrow(/aws-eusc/);
	});

	it('names regions with the SDK’s descriptions', () => {
		expect(regions.find((region) => region.id === 'eu-west-1')?.name).toBe('Europe (Ireland)');
		expect(regions.find((region) => region.id === 'eusc-de-east-1')?.name).toBe('AWS European Sovereign Cloud (Germany)');
		expect(regions.every((region) => region.name !== region.id)).toBe(true);
	});
});

describe('endpoints', () => {
	it('gives each region its partition and STS endpoint', () => {
		expect(defaultStsEndpoint('eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com');
		expect(defaultStsEndpoint('cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
		expect(defaultStsEndpoint('eusc-de-east-1')).toBe('https://sts.eusc-de-east-1.amazonaws.eu');
		expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
		expect(partitionOfRegion('mars-1')).toBeUndefined();
		expect(partitionOfRegion('toString')).toBeUndefined();
	});

	it('offers FIPS only where AWS runs an STS FIPS endpoint', () => {
		expect(endpointKindsFor('us-east-1')).toEqual(['regional', 'global', 'fips']);
		expect(endpointKindsFor('us-gov-west-1')).toEqual(['regional', 'fips']);
		expect(endpointKindsFor('ca-central-1')).toEqual(['regional', 'global']);
		expect(endpointKindsFor('cn-north-1')).toEqual(['regional']);
		expect(defaultStsEndpoint('us-east-2', 'fips')).toBe('https://sts-fips.us-east-2.amazonaws.com');
		expect(defaultStsEndpoint('us-gov-west-1', 'fips')).toBe('https://sts.us-gov-west-1.amazonaws.com');
	});

	it('sends a kind the region does not offer to the regional endpoint, as the SDK does for "global"', () => {
		expect(defaultStsEndpoint('af-south-1', 'global')).toBe('https://sts.af-south-1.amazonaws.com');
		expect(defaultStsEndpoint('ca-central-1', 'fips')).toBe('https://sts.ca-central-1.amazonaws.com');
	});

	it('signs for the region an AWS host names, else the profile region', () => {
		expect(signingRegionFor('https://sts.amazonaws.com', 'eu-west-1')).toBe('us-east-1');
		expect(signingRegionFor('https://sts-fips.us-east-2.amazonaws.com', 'us-east-1')).toBe('us-east-2');
		expect(signingRegionFor('https://vpce-0fe5b17a0707d6abc-29p5708s.sts.eu-central-1.vpce.amazonaws.com', 'us-east-1')).toBe(
			'eu-central-1',
		);
		expect(signingRegionFor('https://sts.eu-west-1.api.aws', 'us-east-1')).toBe('eu-west-1');
		expect(signingRegionFor('http://127.0.0.1:4566', 'ap-south-1')).toBe('ap-south-1');
		expect(signingRegionFor('https://sts.example.com', 'ap-south-1')).toBe('ap-south-1');
	});
});

describe('isAwsStsHost', () => {
	const vpce = 'vpce-0fe5b17a0707d6abc-29p5708s';
	it.each([
		'sts.amazonaws.com',
		'sts.us-east-1.amazonaws.com',
		'sts.af-south-1.amazonaws.com',
		'sts.ap-southeast-6.amazonaws.com',
		'sts-fips.us-east-1.amazonaws.com',
		'sts-fips.us-west-2.amazonaws.com',
		'sts.us-gov-west-1.amazonaws.com',
		'sts.us-gov-east-1.amazonaws.com',
		'sts.cn-north-1.amazonaws.com.cn',
		'sts.cn-northwest-1.amazonaws.com.cn',
		'sts.eusc-de-east-1.amazonaws.eu',
		'sts.eu-west-1.api.aws',
		'sts-fips.us-east-1.api.aws',
		'sts.cn-north-1.api.amazonwebservices.com.cn',
		'sts.eusc-de-east-1.api.amazonwebservices.eu',
		`${vpce}.sts.us-east-1.vpce.amazonaws.com`,
		`${vpce}-us-east-1a.sts.us-east-1.vpce.amazonaws.com`,
		'vpce-0123abcd-29p5708s.sts.eu-west-1.vpce.amazonaws.com',
		`${vpce}.sts.us-gov-west-1.vpce.amazonaws.com`,
		`${vpce}.sts.cn-north-1.vpce.amazonaws.com.cn`,
		`${vpce}.sts.eusc-de-east-1.vpce.amazonaws.eu`,
	])('accepts %s', (host) => {
		expect(isAwsStsHost(host)).toBe(true);
	});

	it.each([
		// Other services and other names under AWS's domains.
		'abc.execute-api.us-east-1.amazonaws.com',
		's3.amazonaws.com',
		'sts.evil.amazonaws.com',
		'amazonaws.com',
		'iam.amazonaws.com',
		'sts.us-east-1.amazonaws.com.evil.com',
		'evil.sts.us-east-1.amazonaws.com',
		'sts.us-east-1.amazonaws.com.',
		'STS.US-EAST-1.AMAZONAWS.COM',
		// A real region under another partition's suffix, or no region at all.
		'sts.cn-north-1.amazonaws.com',
		'sts.us-east-1.amazonaws.com.cn',
		'sts.eusc-de-east-1.amazonaws.com',
		'sts.mars-east-1.amazonaws.com',
		'sts.us-iso-east-1.c2s.ic.gov',
		'sts.amazonaws.com.cn',
		'sts-fips.amazonaws.com',
		// FIPS where AWS runs none.
		'sts-fips.eu-west-1.amazonaws.com',
		'sts-fips.ca-central-1.amazonaws.com',
		'sts-fips.cn-north-1.amazonaws.com.cn',
		// VPC endpoints of other services, or malformed.
		`${vpce}.execute-api.us-east-1.vpce.amazonaws.com`,
		`${vpce}.sts.us-east-1.vpce.amazonaws.com.evil.com`,
		`${vpce}.sts.cn-north-1.vpce.amazonaws.com`,
		`${vpce}.sts.mars-east-1.vpce.amazonaws.com`,
		`${vpce}-eu-west-1a.sts.us-east-1.vpce.amazonaws.com`,
		`${vpce}-us-east-1.sts.us-east-1.vpce.amazonaws.com`,
		'vpce-xyz-29p5708s.sts.us-east-1.vpce.amazonaws.com',
		'vpce-0fe5b17a0707d6abc.sts.us-east-1.vpce.amazonaws.com',
		`evil.${vpce}.sts.us-east-1.vpce.amazonaws.com`,
		'sts.us-east-1.vpce.amazonaws.com',
		'localhost',
		'127.0.0.1',
		'sts.example.com',
		'',
	])('refuses %s', (host) => {
		expect(isAwsStsHost(host)).toBe(false);
	});

	it('accepts every endpoint the options page can choose', () => {
		for (const { region, kind } of offered) expect(isAwsStsHost(new URL(defaultStsEndpoint(region, kind)).hostname)).toBe(true);
	});
});

describe('host permissions', () => {
	it('are the served partitions’ DNS suffixes and loopback, as in the manifest', () => {
		const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { host_permissions: string[] };
		expect(manifest.host_permissions).toEqual(hostPermissionPatterns);
		expect(hostPermissionPatterns).toEqual([
			'https://*.amazonaws.com/*',
			'https://*.amazonaws.com.cn/*',
			'https://*.amazonaws.eu/*',
			'http://127.0.0.1/*',
			'http://localhost/*',
			'http://[::1]/*',
		]);
	});

	it('cover every endpoint the options page can choose, and loopback', () => {
		for (const { region, kind } of offered) expect(isCoveredByHostPermissions(defaultStsEndpoint(region, kind))).toBe(true);
		expect(isCoveredByHostPermissions(`https://vpce-0fe5b17a0707d6abc-29p5708s.sts.eu-west-1.vpce.amazonaws.com`)).toBe(true);
		expect(isCoveredByHostPermissions('http://127.0.0.1:4566')).toBe(true);
		expect(isCoveredByHostPermissions('https://sts.example.com')).toBe(false);
		expect(isCoveredByHostPermissions('https://evilamazonaws.com')).toBe(false);
	});

	it('are the ones README’s permission table lists, and README names every served partition', () => {
		const readme = readFileSync('README.md', 'utf8');
		const row = readme.split('\n').find((line) => line.startsWith('| host `https://*.amazonaws'));
		const listed = [...(row?.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]);
		expect(listed).toEqual(hostPermissionPatterns.filter((pattern) => pattern.startsWith('https:')));
		const partitionsParagraph = readme.slice(readme.indexOf('- **Partitions**')).split('\n- ')[0];
		for (const id of servedPartitions) expect(partitionsParagraph).toContain(`\`${id}\``);
	});
});
