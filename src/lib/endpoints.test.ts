import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	defaultStsEndpoint,
	endpointKindsFor,
	hostPermissionPatterns,
	isCoveredByHostPermissions,
	partitionOfRegion,
	signingRegionFor,
} from './endpoints';
import { regions } from './region-names';

describe('endpoints', () => {
	it('gives each region its partition and STS endpoint', () => {
		expect(defaultStsEndpoint('eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com');
		expect(defaultStsEndpoint('cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
		expect(partitionOfRegion('us-gov-west-1')).toBe('aws-us-gov');
		expect(partitionOfRegion('mars-1')).toBeUndefined();
		expect(partitionOfRegion('toString')).toBeUndefined();
		expect(regions.find((region) => region.id === 'eu-west-1')?.name).toBe('Ireland');
	});

	it('offers the global endpoint only in the commercial partition and FIPS where AWS runs it', () => {
		expect(endpointKindsFor('us-east-1')).toEqual(['regional', 'global', 'fips']);
		expect(endpointKindsFor('eu-west-1')).toEqual(['regional', 'global']);
		expect(endpointKindsFor('us-gov-west-1')).toEqual(['regional', 'fips']);
		expect(endpointKindsFor('cn-north-1')).toEqual(['regional']);
		expect(defaultStsEndpoint('us-east-1', 'global')).toBe('https://sts.amazonaws.com');
		expect(defaultStsEndpoint('us-east-2', 'fips')).toBe('https://sts-fips.us-east-2.amazonaws.com');
		expect(defaultStsEndpoint('us-gov-west-1', 'fips')).toBe('https://sts.us-gov-west-1.amazonaws.com');
	});

	it('signs for the region an AWS host names, else the profile region', () => {
		expect(signingRegionFor('https://sts.amazonaws.com', 'eu-west-1')).toBe('us-east-1');
		expect(signingRegionFor('https://sts-fips.us-east-2.amazonaws.com', 'us-east-1')).toBe('us-east-2');
		expect(signingRegionFor('https://vpce-0abc-xyz.sts.eu-central-1.vpce.amazonaws.com', 'us-east-1')).toBe('eu-central-1');
		expect(signingRegionFor('http://127.0.0.1:4566', 'ap-south-1')).toBe('ap-south-1');
	});

	it('matches the manifest, which covers every default endpoint and loopback', () => {
		const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { host_permissions: string[] };
		expect(manifest.host_permissions).toEqual(hostPermissionPatterns);
		for (const region of regions) expect(isCoveredByHostPermissions(defaultStsEndpoint(region.id))).toBe(true);
		expect(isCoveredByHostPermissions('http://127.0.0.1:4566')).toBe(true);
		expect(isCoveredByHostPermissions('https://sts.example.com')).toBe(false);
		expect(isCoveredByHostPermissions('https://evilamazonaws.com')).toBe(false);
	});
});
