import { describe, expect, it } from 'vitest';
import { badgeText } from './badge-text';
import { toRfc3339Utc } from './rfc3339';
import { formatClock, formatDuration, formatTimeLeft } from './time-format';

describe('time formats', () => {
	it('writes durations in hours and minutes', () => {
		expect(formatDuration(43_200)).toBe('12 h');
		expect(formatDuration(5_400)).toBe('1 h 30 min');
		expect(formatDuration(900)).toBe('15 min');
		expect(formatDuration(8)).toBe('8 s');
	});

	it('says how long is left, rounding down to the minute', () => {
		expect(formatTimeLeft(42 * 60_000 + 59_000)).toBe('42 min left');
		expect(formatTimeLeft(59_000)).toBe('less than a minute left');
	});

	it('writes a 24-hour clock', () => {
		expect(formatClock(new Date(2026, 10, 23, 8, 5))).toBe('08:05');
	});

	it('writes RFC 3339 UTC without fractions, from emulator times with microseconds too', () => {
		expect(toRfc3339Utc('2026-11-22T08:40:32.050698Z')).toBe('2026-11-22T08:40:32Z');
		expect(toRfc3339Utc(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('2026-01-02T03:04:05Z');
		expect(() => toRfc3339Utc('soon')).toThrow(RangeError);
	});

	it('fits the time left in a badge', () => {
		expect(badgeText(11 * 3_600_000 + 5 * 60_000)).toBe('11h');
		expect(badgeText(42 * 60_000)).toBe('42m');
		expect(badgeText(1)).toBe('1m');
		expect(badgeText(0)).toBe('!');
	});
});
