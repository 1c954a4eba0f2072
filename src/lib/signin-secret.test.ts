import { describe, expect, it } from 'vitest';
import { newSealableProofKey, proofKeyFrom } from './dpop-proof';
import { sameDeviceClient } from './signin-request';
import { packSigninSecret, signInAgainReason, signinRefreshAt, signinSecretId, unpackSigninSecret } from './signin-secret';
import { open, seal } from './vault-crypto';

const refreshToken = 'rt-0123456789abcdef-rotated';
const clientId = sameDeviceClient;

describe('the sealed sign-in secret', () => {
	it('keeps the refresh token and its proof key together through a seal and an open', async () => {
		const proofKey = await newSealableProofKey();
		const keyBytes = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
		const box = await seal(keyBytes, packSigninSecret({ clientId, refreshToken, proofKey }), signinSecretId('p1'));
		const back = unpackSigninSecret(await open(keyBytes, box, signinSecretId('p1')));
		expect(back).toEqual({ ok: true, value: { clientId, refreshToken, proofKey } });
		if (back.ok) expect(await proofKeyFrom(back.value.proofKey)).toBeDefined();
	});

	it("is sealed under an id no profile has, so it never opens as the profile's access key", async () => {
		const keyBytes = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
		const box = await seal(keyBytes, packSigninSecret({ clientId, refreshToken, proofKey: '{}' }), signinSecretId('p1'));
		expect(signinSecretId('p1')).toBe('signin:p1');
		await expect(open(keyBytes, box, 'p1')).rejects.toThrow();
	});

	it('refuses a secret access key, a damaged text or a token AWS would not issue, with a clear message', () => {
		const c = `"clientId":"${clientId}"`;
		for (const text of [
			'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
			'{',
			'null',
			`{${c},"refreshToken":"short","proofKey":"{}"}`,
			`{${c},"refreshToken":"rt-0123456789abcdef\\n","proofKey":"{}"}`,
			`{${c},"refreshToken":"${refreshToken}"}`,
			`{${c},"refreshToken":"${refreshToken}","proofKey":"${'x'.repeat(2000)}"}`,
			`{"refreshToken":"${refreshToken}","proofKey":"{}"}`,
			`{"clientId":"arn:aws:signin:::devtools/other","refreshToken":"${refreshToken}","proofKey":"{}"}`,
		]) {
			expect(unpackSigninSecret(text), text).toEqual({ ok: false, error: "This sign-in's sealed token cannot be read: sign in again." });
		}
	});
});

describe('the refresh alarm', () => {
	const now = Date.parse('2026-12-04T10:00:00Z');
	it('rings 5 minutes before the credentials end, as AWS CLI refreshes', () => {
		expect(signinRefreshAt('2026-12-04T10:15:00Z', now)).toBe(Date.parse('2026-12-04T10:10:00Z'));
	});
	it('rings now when less than 5 minutes are left', () => {
		expect(signinRefreshAt('2026-12-04T10:03:00Z', now)).toBe(now);
		expect(signinRefreshAt('2026-12-04T09:00:00Z', now)).toBe(now);
	});
});

describe('why to sign in again', () => {
	it('names the reason the Sign-In gave', () => {
		expect(signInAgainReason('TOKEN_EXPIRED')).toMatch(/^Sign in again: .*12 hours/);
		expect(signInAgainReason('USER_CREDENTIALS_CHANGED')).toMatch(/^Sign in again: the password or the MFA/);
		expect(signInAgainReason('INSUFFICIENT_PERMISSIONS')).toContain('SignInLocalDevelopmentAccess');
		expect(signInAgainReason('OTHER')).toBe('Sign in again: AWS Sign-In refused to refresh this session.');
	});
});
