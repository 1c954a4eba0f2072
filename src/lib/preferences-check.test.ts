import { describe, expect, it } from 'vitest';
import { defaultPreferences } from './model';
import { checkPreferences } from './preferences-check';

describe('preference checks', () => {
	it('accepts every default and every offered choice', () => {
		expect(checkPreferences(defaultPreferences)).toEqual({ ok: true, value: defaultPreferences });
		expect(checkPreferences({ autoLockMinutes: -1, clearClipboardSeconds: 300, warnMinutesBefore: 60, keyAgeWarnDays: 365 }).ok).toBe(true);
		expect(checkPreferences({}).ok).toBe(true);
	});

	it.each([
		[{ autoLockMinutes: 'never' }, 'autoLock'],
		[{ autoLockMinutes: Number.NaN }, 'autoLock'],
		[{ autoLockMinutes: 7 }, 'autoLock'],
		[{ clearClipboardSeconds: '30' }, 'clearClipboard'],
		[{ warnMinutesBefore: -5 }, 'warning'],
		[{ exportFormat: 'zsh' }, 'session'],
		[{ includeRegion: 'yes' }, 'session'],
		[{ keyAgeWarnDays: 45 }, 'keyAge'],
	])('refuses %j at its field', (change, field) => {
		expect(checkPreferences(change)).toMatchObject({ ok: false, field, name: Object.keys(change)[0] });
	});

	it('refuses a key it does not know, by name, and anything that is not an object', () => {
		expect(checkPreferences({ autoUnlock: true })).toMatchObject({
			ok: false,
			error: expect.stringContaining('“autoUnlock” is not a preference'),
		});
		expect(checkPreferences({ __proto__: { autoLockMinutes: 0 }, constructor: 1 }).ok).toBe(false);
		for (const odd of [null, 'x', [], 3]) expect(checkPreferences(odd).ok).toBe(false);
	});
});
