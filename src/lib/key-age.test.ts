import { describe, expect, it } from 'vitest';
import { keyAgeDays, keyAgeVerdict } from './key-age';
import { consoleKeysUrl, lastFour } from './key-links';

const now = Date.parse('2026-12-04T12:00:00Z');

describe('key age', () => {
	it('counts whole days, and refuses what is not a date', () => {
		expect(keyAgeDays('2026-08-26T09:15:00Z', now)).toBe(100);
		expect(keyAgeDays('2026-12-04T11:59:59Z', now)).toBe(0);
		expect(keyAgeDays('yesterday', now)).toBeUndefined();
		expect(keyAgeDays('2027-02-01T00:00:00Z', now)).toBeUndefined();
	});

	it("warns past the person's limit", () => {
		expect(keyAgeVerdict(90, 90, {})).toEqual({ state: 'ok', ageDays: 90, limitDays: 90, byPolicy: false });
		expect(keyAgeVerdict(100, 90, {})).toEqual({ state: 'warn', ageDays: 100, limitDays: 90, byPolicy: false });
		expect(keyAgeVerdict(100, 180, {}).state).toBe('ok');
	});

	it("takes the organisation's stricter maximum, warns past it, and refuses after its grace", () => {
		const policy = { maxAccessKeyAgeDays: 60, accessKeyAgeGraceDays: 14 };
		expect(keyAgeVerdict(50, 90, policy)).toEqual({ state: 'ok', ageDays: 50, limitDays: 60, byPolicy: true, refuseAfterDays: 74 });
		expect(keyAgeVerdict(61, 90, policy).state).toBe('warn');
		expect(keyAgeVerdict(74, 90, policy).state).toBe('warn');
		expect(keyAgeVerdict(75, 90, policy)).toMatchObject({ state: 'refuse', byPolicy: true });
		expect(keyAgeVerdict(61, 90, { maxAccessKeyAgeDays: 60 }).state).toBe('refuse');
	});

	it("keeps the person's stricter limit under a looser maximum, whose warning is then the organisation's", () => {
		const policy = { maxAccessKeyAgeDays: 180, accessKeyAgeGraceDays: 0 };
		expect(keyAgeVerdict(40, 30, policy)).toEqual({ state: 'warn', ageDays: 40, limitDays: 30, byPolicy: false, refuseAfterDays: 180 });
		expect(keyAgeVerdict(181, 30, policy)).toMatchObject({ state: 'refuse', byPolicy: true });
		expect(keyAgeVerdict(170, 365, policy)).toMatchObject({ state: 'ok', limitDays: 180, byPolicy: true });
	});

	it("names a key by its last four characters and links the user's console page", () => {
		expect(lastFour('AKIAIOSFODNN7EXAMPLE')).toBe('…MPLE');
		expect(consoleKeysUrl('arn:aws:iam::123456789012:user/team/alice')).toBe(
			'https://console.aws.amazon.com/iam/home#/users/details/alice?section=security_credentials',
		);
		expect(consoleKeysUrl('arn:aws-cn:iam::123456789012:user/chen')).toMatch(/^https:\/\/console\.amazonaws\.cn\/iam\//);
		expect(consoleKeysUrl(undefined)).toBe('https://console.aws.amazon.com/iam/home#/security_credentials');
	});
});
