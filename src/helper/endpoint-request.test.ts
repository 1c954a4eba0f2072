import { describe, expect, it } from 'vitest';
import { checkEndpointRequest, type EndpointRequest, isLoopbackHost, sameToken } from './endpoint-request';

const secret = { path: '/credentials', port: 41234, token: 'a'.repeat(43) };
const good = { method: 'GET', url: '/credentials', headers: { host: '127.0.0.1:41234', authorization: secret.token } };

describe('checkEndpointRequest', () => {
	it('answers a GET on its path with its token and a loopback Host', () => {
		expect(checkEndpointRequest(good, secret)).toEqual({ ok: true });
		for (const host of ['localhost:41234', '[::1]:41234', 'LOCALHOST:41234'])
			expect(checkEndpointRequest({ ...good, headers: { ...good.headers, host } }, secret)).toEqual({ ok: true });
	});

	it('refuses each wrong part with its own status and code', () => {
		const cases = [
			[{ ...good, method: 'POST' }, 405, 'MethodRefused'],
			[{ ...good, method: 'HEAD' }, 405, 'MethodRefused'],
			[{ ...good, url: '/credentials?x=1' }, 404, 'NotFound'],
			[{ ...good, url: '/' }, 404, 'NotFound'],
			[{ ...good, headers: { host: good.headers.host } }, 403, 'TokenMissing'],
			[{ ...good, headers: { ...good.headers, authorization: '' } }, 403, 'TokenMissing'],
			[{ ...good, headers: { ...good.headers, authorization: `${secret.token}x` } }, 403, 'TokenRefused'],
			[{ ...good, headers: { ...good.headers, authorization: 'b'.repeat(43) } }, 403, 'TokenRefused'],
			[{ ...good, headers: { ...good.headers, authorization: [secret.token, secret.token] } }, 403, 'TokenMissing'],
			[{ ...good, headers: { ...good.headers, host: 'attacker.example:41234' } }, 403, 'HostRefused'],
			[{ ...good, headers: { ...good.headers, host: '127.0.0.1:80' } }, 403, 'HostRefused'],
			[{ ...good, headers: { ...good.headers, host: undefined } }, 403, 'HostRefused'],
			[{ ...good, headers: { ...good.headers, origin: 'https://example.com' } }, 403, 'OriginRefused'],
			[{ ...good, headers: { ...good.headers, origin: 'null' } }, 403, 'OriginRefused'],
		] satisfies [EndpointRequest, number, string][];
		for (const [request, status, code] of cases) {
			const refusal = checkEndpointRequest(request, secret);
			expect(refusal, JSON.stringify(request)).toMatchObject({ ok: false, status, code });
			expect(JSON.stringify(refusal)).not.toContain(secret.token);
		}
	});
});

describe('isLoopbackHost', () => {
	it('takes only loopback names at the port, never a name that could resolve elsewhere', () => {
		expect(isLoopbackHost('127.0.0.1:9', 9)).toBe(true);
		expect(isLoopbackHost('127.0.0.1', 9)).toBe(false);
		expect(isLoopbackHost('127.0.0.1.nip.io:9', 9)).toBe(false);
		expect(isLoopbackHost('localhost.:9', 9)).toBe(false);
		expect(isLoopbackHost('[::1]:9', 9)).toBe(true);
		expect(isLoopbackHost('[::ffff:7f00:1]:9', 9)).toBe(false);
	});
});

describe('sameToken', () => {
	it('is true only for the same text', () => {
		expect(sameToken('abc', 'abc')).toBe(true);
		expect(sameToken('abd', 'abc')).toBe(false);
		expect(sameToken('ab', 'abc')).toBe(false);
	});
});
