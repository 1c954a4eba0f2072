import { describe, expect, it } from 'vitest';
import { checkConsoleInput, signinMoved } from './console-input';
import type { Profile } from './model';

const saved: Profile[] = [
	{
		id: 'a',
		name: 'work',
		accessKeyId: 'AKIAEXAMPLE12345678',
		mfaSerial: 'arn:aws:iam::123456789012:mfa/a',
		durationSeconds: 3600,
		region: 'us-east-1',
	},
];

describe('checkConsoleInput', () => {
	it('makes a console profile of a name and a commercial region, with AWS Sign-In for the region', () => {
		expect(checkConsoleInput({ name: ' console ', region: 'eu-west-1', endpoint: '' }, saved)).toEqual({
			ok: true,
			profile: { kind: 'console', name: 'console', region: 'eu-west-1', durationSeconds: 900 },
		});
	});

	it('refuses a name another profile has, at the name', () => {
		const checked = checkConsoleInput({ name: 'WORK', region: 'us-east-1', endpoint: '' }, saved);
		expect(checked.ok).toBe(false);
		expect(!checked.ok && checked.errors.name).toBeTruthy();
	});

	it('refuses a region where AWS offers no console credentials, unless a Sign-In endpoint is given', () => {
		const china = checkConsoleInput({ name: 'cn', region: 'cn-north-1', endpoint: '' }, saved);
		expect(!china.ok && china.errors.region).toMatch(/cn-north-1/);
		const own = checkConsoleInput({ name: 'cn', region: 'cn-north-1', endpoint: 'http://127.0.0.1:4000' }, saved);
		expect(own).toMatchObject({ ok: true, profile: { endpoint: 'http://127.0.0.1:4000' } });
	});

	it('refuses an unknown region and an endpoint that is not a URL, each at its field', () => {
		const checked = checkConsoleInput({ name: 'x', region: 'moon-1', endpoint: 'not a url' }, saved);
		expect(checked.ok).toBe(false);
		expect(!checked.ok && Object.keys(checked.errors).sort()).toEqual(['endpoint', 'region']);
	});

	it('keeps a confirmed host only with the endpoint it confirms', () => {
		expect(checkConsoleInput({ name: 'x', region: 'us-east-1', endpoint: '', trustedHost: 'evil.example' }, saved)).toMatchObject({
			ok: true,
			profile: { kind: 'console' },
		});
		const checked = checkConsoleInput({ name: 'x', region: 'us-east-1', endpoint: '', trustedHost: 'evil.example' }, saved);
		expect(checked.ok && 'trustedHost' in checked.profile).toBe(false);
	});
});

describe('signinMoved', () => {
	it('is true when the region or the endpoint changes, and false for a rename', () => {
		expect(signinMoved({ region: 'us-east-1' }, { region: 'us-east-1' })).toBe(false);
		expect(signinMoved({ region: 'us-east-1' }, { region: 'eu-west-1' })).toBe(true);
		expect(signinMoved({ region: 'us-east-1' }, { region: 'us-east-1', endpoint: 'http://127.0.0.1:1' })).toBe(true);
	});
});
