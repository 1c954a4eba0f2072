import { describe, expect, it } from 'vitest';
import {
	canOpenConsole,
	checkSigninAnswer,
	consoleLoginUrl,
	consoleSessionDuration,
	federationFor,
	federationOf,
	signinTokenUrl,
} from './console-signin';
import { prodAdmin, work } from './example-profile';

const session = {
	accessKeyId: 'ASIAQWERTYUIOPASDFGH',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
	sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=',
	expiration: '2026-11-30T12:00:00Z',
};

describe('console sign-in', () => {
	it("uses AWS's sign-in host of the role's partition, or an emulator's own on loopback, and none elsewhere", () => {
		expect(federationOf(prodAdmin)).toEqual({
			federation: 'https://signin.aws.amazon.com/federation',
			destination: 'https://console.aws.amazon.com/',
		});
		expect(federationOf({ ...prodAdmin, region: 'us-gov-west-1' })?.federation).toBe('https://signin.amazonaws-us-gov.com/federation');
		expect(federationOf({ ...prodAdmin, region: 'cn-north-1' })?.federation).toBe('https://signin.amazonaws.cn/federation');
		expect(federationOf({ ...prodAdmin, endpoint: 'http://127.0.0.1:4566' })).toEqual({
			federation: 'http://127.0.0.1:4566/federation',
			destination: 'http://127.0.0.1:4566/console/',
		});
		expect(federationOf({ ...prodAdmin, endpoint: 'https://sts.example.test' })).toBeUndefined();
		expect(federationFor('aws', 'https://sts.eu-central-1.amazonaws.eu', 'aws-eusc')).toBeUndefined();
	});

	it('is for roles only: an MFA session is refused by the federation endpoint', () => {
		expect(canOpenConsole(prodAdmin)).toBe(true);
		expect(canOpenConsole(work)).toBe(false);
	});

	it('asks for a console session length only for a direct role, as long as its session lasts, within 15 min to 12 h', () => {
		const now = Date.parse('2026-11-30T10:00:00Z');
		expect(consoleSessionDuration({ direct: false }, session.expiration, now)).toBeUndefined();
		expect(consoleSessionDuration({ direct: true }, session.expiration, now)).toBe(7200);
		expect(consoleSessionDuration({ direct: true }, '2026-11-30T10:10:00Z', now)).toBeUndefined();
		expect(consoleSessionDuration({ direct: true }, '2026-12-01T10:00:00Z', now)).toBe(43_200);
	});

	it('sends the session to the federation endpoint only; the tab gets the token', () => {
		const request = new URL(signinTokenUrl('https://signin.aws.amazon.com/federation', session, undefined));
		expect(request.searchParams.get('Action')).toBe('getSigninToken');
		expect(request.searchParams.has('SessionDuration')).toBe(false);
		expect(JSON.parse(request.searchParams.get('Session') ?? '')).toEqual({
			sessionId: session.accessKeyId,
			sessionKey: session.secretAccessKey,
			sessionToken: session.sessionToken,
		});
		expect(new URL(signinTokenUrl('https://x.test/federation', session, 3600)).searchParams.get('SessionDuration')).toBe('3600');
		const login = consoleLoginUrl('https://signin.aws.amazon.com/federation', 'https://console.aws.amazon.com/', 'tok-en_0123456789abcdef');
		expect(login).not.toContain(session.secretAccessKey.slice(0, 8));
		expect(Object.fromEntries(new URL(login).searchParams)).toEqual({
			Action: 'login',
			Issuer: 'MFA Session',
			Destination: 'https://console.aws.amazon.com/',
			SigninToken: 'tok-en_0123456789abcdef',
		});
	});

	it('takes a sign-in token of URL-safe characters only', () => {
		expect(checkSigninAnswer({ SigninToken: 'a'.repeat(40) })).toEqual({ ok: true, value: 'a'.repeat(40) });
		expect(checkSigninAnswer({ SigninToken: 'short' }).ok).toBe(false);
		expect(checkSigninAnswer({ SigninToken: `${'a'.repeat(40)}&Destination=https://evil.test` }).ok).toBe(false);
		expect(checkSigninAnswer({ SigninToken: 42 }).ok).toBe(false);
		expect(checkSigninAnswer(null).ok).toBe(false);
	});
});
