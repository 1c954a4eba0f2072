import { describe, expect, it } from 'vitest';
import { classifyEndpoint, endpointOf, unconfirmedHost } from './endpoint-trust';
import { isAwsStsHost } from './endpoints';

describe("AWS's STS hosts", () => {
	it.each([
		'sts.amazonaws.com',
		'sts.us-east-1.amazonaws.com',
		'sts-fips.us-east-1.amazonaws.com',
		'sts.us-gov-west-1.amazonaws.com',
		'sts.cn-north-1.amazonaws.com.cn',
		'vpce-0a1b2c3d4e5f67890-abcdefgh.sts.eu-west-1.vpce.amazonaws.com',
		'vpce-0a1b2c3d4e5f67890-abcdefgh-eu-west-1a.sts.eu-west-1.vpce.amazonaws.com',
	])('%s is one', (host) => expect(isAwsStsHost(host)).toBe(true));

	it.each([
		'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
		's3.amazonaws.com',
		'sts.evil.amazonaws.com',
		'sts.us-east-1.amazonaws.com.evil.test',
		'sts.cn-north-1.amazonaws.com',
		'sts.us-east-1.amazonaws.com.cn',
		'sts.us-east-1.vpce.amazonaws.com',
		'vpce-1.sts.us-east-1.amazonaws.com',
		'sts-fips.eu-west-1.amazonaws.com',
		'evil-sts.us-east-1.amazonaws.com',
		'sts.us-east-1.amazonaws.co',
		'',
	])('%s is not', (host) => expect(isAwsStsHost(host)).toBe(false));
});

describe('endpoint trust', () => {
	it('classifies AWS, loopback and everything else; a port or http makes an AWS name custom', () => {
		expect(classifyEndpoint('https://sts.eu-west-1.amazonaws.com')).toBe('aws');
		expect(classifyEndpoint('http://127.0.0.1:4566')).toBe('loopback');
		expect(classifyEndpoint('http://localhost:5000')).toBe('loopback');
		expect(classifyEndpoint('https://sts.example.test')).toBe('custom');
		expect(classifyEndpoint('https://sts.amazonaws.com:8443')).toBe('custom');
		expect(classifyEndpoint('https://a1b2.execute-api.us-east-1.amazonaws.com')).toBe('custom');
	});

	it('needs a confirmation for the exact custom host and port, never for AWS or loopback', () => {
		const profile = { region: 'eu-west-1' };
		expect(endpointOf(profile)).toBe('https://sts.eu-west-1.amazonaws.com');
		expect(unconfirmedHost(profile)).toBeUndefined();
		expect(unconfirmedHost({ ...profile, endpoint: 'http://127.0.0.1:4566' })).toBeUndefined();
		expect(unconfirmedHost({ ...profile, endpoint: 'https://proxy.example.test:8443' })).toBe('proxy.example.test:8443');
		expect(
			unconfirmedHost({ ...profile, endpoint: 'https://proxy.example.test:8443', trustedHost: 'proxy.example.test:8443' }),
		).toBeUndefined();
		expect(unconfirmedHost({ ...profile, endpoint: 'https://proxy.example.test:8443', trustedHost: 'proxy.example.test' })).toBe(
			'proxy.example.test:8443',
		);
	});
});
