import { describe, expect, it } from 'vitest';
import { checkRequest } from './request-check';

describe('checkRequest', () => {
	it('passes a payload with every field of its kind, and optional ones left out', () => {
		expect(checkRequest('refresh', { profileId: 'p1', code: '123456' })).toEqual({ ok: true, value: { profileId: 'p1', code: '123456' } });
		expect(checkRequest('exportSession', { profileId: 'p1', format: 'bash', copy: true })).toMatchObject({ ok: true });
		expect(checkRequest('importSettings', { text: '{}', plan: { added: [] } })).toMatchObject({ ok: true });
		expect(checkRequest('saveConfigProfiles', { profiles: [] })).toMatchObject({ ok: true });
	});

	it('names the field that is missing or of another kind', () => {
		expect(checkRequest('deleteProfile', {})).toEqual({ ok: false, error: 'deleteProfile: profileId is not a string' });
		expect(checkRequest('refresh', { profileId: 'p1', code: 123456 })).toEqual({ ok: false, error: 'refresh: code is not a string' });
		expect(checkRequest('exportSession', { profileId: 'p1', format: 'bash', copy: 'yes' })).toEqual({
			ok: false,
			error: 'exportSession: copy is not a boolean',
		});
		expect(checkRequest('importSettings', { text: '{}', plan: [] })).toEqual({ ok: false, error: 'importSettings: plan is not an object' });
		expect(checkRequest('saveConfigProfiles', { profiles: {} })).toMatchObject({ ok: false });
	});

	it('refuses a payload that is not an object where fields are expected', () => {
		for (const payload of [undefined, null, 'p1', ['p1']])
			expect(checkRequest('chooseProfile', payload)).toEqual({ ok: false, error: 'chooseProfile: the payload is not an object' });
		expect(checkRequest('setPreferences', [])).toEqual({ ok: false, error: 'setPreferences: the payload is not an object' });
		expect(checkRequest('saveProfile', { name: 'work' })).toMatchObject({ ok: true });
	});

	it('gives a request without fields nothing, whatever was sent', () => {
		expect(checkRequest('lock', { anything: true })).toEqual({ ok: true, value: undefined });
		expect(checkRequest('getState', undefined)).toEqual({ ok: true, value: undefined });
	});
});
