import { describe, expect, it } from 'vitest';
import { childEnvironment, shadowingVariables } from './child-environment';

const endpoint = { kind: 'endpoint', uri: 'http://127.0.0.1:41234/credentials', token: 'secret-token' } as const;
const session = {
	kind: 'static',
	accessKeyId: 'ASIAEXAMPLE000000001',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'TOKEN1',
	expiration: '2030-01-01T00:00:00Z',
} as const;

describe('childEnvironment', () => {
	it('gives the endpoint and the region, and keeps everything else of the parent', () => {
		const { env, removed } = childEnvironment({ PATH: '/usr/bin', HOME: '/home/a', AWS_CONFIG_FILE: '/c' }, endpoint, 'eu-west-1');
		expect(env).toEqual({
			PATH: '/usr/bin',
			HOME: '/home/a',
			AWS_CONFIG_FILE: '/c',
			AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.uri,
			AWS_CONTAINER_AUTHORIZATION_TOKEN: endpoint.token,
			AWS_REGION: 'eu-west-1',
			AWS_DEFAULT_REGION: 'eu-west-1',
		});
		expect(removed).toEqual([]);
	});

	it('takes out every variable that would come first, and names those that were set', () => {
		const parent = {
			PATH: '/usr/bin',
			AWS_ACCESS_KEY_ID: 'AKIAOLD',
			AWS_SECRET_ACCESS_KEY: 'old',
			AWS_PROFILE: 'other',
			AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/t',
		};
		const { env, removed } = childEnvironment(parent, endpoint, undefined);
		expect(removed).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']);
		expect(env).toEqual({
			PATH: '/usr/bin',
			AWS_CONTAINER_CREDENTIALS_FULL_URI: endpoint.uri,
			AWS_CONTAINER_AUTHORIZATION_TOKEN: endpoint.token,
		});
	});

	it('gives the static variables with --no-endpoint, and no endpoint of an outer exec', () => {
		const parent = {
			AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/x',
			AWS_CONTAINER_AUTHORIZATION_TOKEN: 'outer',
			AWS_REGION: 'us-east-2',
		};
		const { env, removed } = childEnvironment(parent, session, undefined);
		expect(env).toEqual({
			AWS_ACCESS_KEY_ID: session.accessKeyId,
			AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
			AWS_SESSION_TOKEN: session.sessionToken,
			AWS_CREDENTIAL_EXPIRATION: session.expiration,
			AWS_REGION: 'us-east-2',
		});
		expect(removed).toEqual(['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN']);
	});

	it('names each shadowing variable once', () => {
		expect(new Set(shadowingVariables).size).toBe(shadowingVariables.length);
	});
});
