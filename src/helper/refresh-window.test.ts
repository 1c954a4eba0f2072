import { describe, expect, it } from 'vitest';
import { heldFresh, heldFreshMs, heldUsable, usableMarginMs } from './refresh-window';

const now = Date.parse('2030-01-01T12:00:00Z');
const endingIn = (ms: number) => new Date(now + ms).toISOString();

describe('heldUsable', () => {
	it('hands out a held session until its last seconds', () => {
		expect(heldUsable(endingIn(usableMarginMs + 1), now)).toBe(true);
		expect(heldUsable(endingIn(60_000), now)).toBe(true);
	});

	it('never one about to end, ended, missing or unreadable', () => {
		expect(heldUsable(endingIn(usableMarginMs), now)).toBe(false);
		expect(heldUsable(endingIn(-1000), now)).toBe(false);
		expect(heldUsable(undefined, now)).toBe(false);
		expect(heldUsable('not a time', now)).toBe(false);
	});
});

describe('heldFresh', () => {
	it('answers from the host answer of the last second only, and only with a usable session', () => {
		expect(heldFresh(endingIn(60_000), now - heldFreshMs + 1, now)).toBe(true);
		expect(heldFresh(endingIn(60_000), now - heldFreshMs, now)).toBe(false);
		expect(heldFresh(endingIn(60_000), undefined, now)).toBe(false);
		expect(heldFresh(endingIn(usableMarginMs), now, now)).toBe(false);
	});
});
