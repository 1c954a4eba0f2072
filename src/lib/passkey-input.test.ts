import { describe, expect, it } from 'vitest';
import { parsePasskeyName, parsePasskeyRequest } from './passkey-input';

const credentialId = 'TWmY1BjjeR5q5AasXxPDeDx01WjStCuN0ykqbz_ANOU';
const prfOutput = 'nFE91c27gb8Qk33gpKcI42oWp9BUb0vCaVfCfFTJYSQ=';

describe('passkey name', () => {
	it('is trimmed, required and at most 64 characters', () => {
		expect(parsePasskeyName('  YubiKey 5 ')).toEqual({ ok: true, value: 'YubiKey 5' });
		expect(parsePasskeyName('   ')).toEqual({ ok: false, error: 'Give this passkey a name.' });
		expect(parsePasskeyName('x'.repeat(64)).ok).toBe(true);
		expect(parsePasskeyName('x'.repeat(65))).toEqual({ ok: false, error: 'Use at most 64 characters.' });
	});
});

describe('passkey port request', () => {
	it('accepts an unlock and an add of the right shape, keeping only the known fields', () => {
		expect(parsePasskeyRequest({ kind: 'unlock', credentialId, prfOutput, extra: 1 })).toEqual({ kind: 'unlock', credentialId, prfOutput });
		expect(parsePasskeyRequest({ kind: 'add', credentialId, prfOutput, name: 'Key', passphrase: 'pass phrase' })).toEqual({
			kind: 'add',
			credentialId,
			prfOutput,
			name: 'Key',
			passphrase: 'pass phrase',
		});
	});

	it.each([
		['no object', 'unlock'],
		['null', null],
		['an unknown kind', { kind: 'export', credentialId, prfOutput }],
		['a PRF output of 31 bytes', { kind: 'unlock', credentialId, prfOutput: 'nFE91c27gb8Qk33gpKcI42oWp9BUb0vCaVfCfFTJYQ==' }],
		['a PRF output that is not base64', { kind: 'unlock', credentialId, prfOutput: `${prfOutput.slice(0, 42)}!=` }],
		['a credential id in plain base64', { kind: 'unlock', credentialId: `${credentialId}+/=`, prfOutput }],
		['a credential id too short', { kind: 'unlock', credentialId: 'abc', prfOutput }],
		['a credential id as a number', { kind: 'unlock', credentialId: 42, prfOutput }],
		['an add without a passphrase', { kind: 'add', credentialId, prfOutput, name: 'Key' }],
		['an add with a name that is not text', { kind: 'add', credentialId, prfOutput, name: ['Key'], passphrase: 'pass phrase' }],
		['an add with a huge passphrase', { kind: 'add', credentialId, prfOutput, name: 'Key', passphrase: 'x'.repeat(5000) }],
	])('refuses %s', (_what, message) => {
		expect(parsePasskeyRequest(message)).toBeUndefined();
	});
});
