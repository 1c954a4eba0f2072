import { describe, expect, it } from 'vitest';
import { askEveryMs, refreshPlan, refreshWindowMs, usableMarginMs } from './refresh-window';

const now = Date.parse('2030-01-01T12:00:00Z');
const endingIn = (ms: number) => new Date(now + ms).toISOString();

describe('refreshPlan', () => {
	it('asks and waits when nothing is held, or what is held is about to end', () => {
		expect(refreshPlan(undefined, undefined, now)).toEqual({ serve: false, ask: true });
		expect(refreshPlan(endingIn(usableMarginMs), now - 1, now)).toEqual({ serve: false, ask: true });
		expect(refreshPlan(endingIn(-1000), undefined, now)).toEqual({ serve: false, ask: true });
		expect(refreshPlan('not a time', undefined, now)).toEqual({ serve: false, ask: true });
	});

	it('serves what it holds without asking outside the window', () => {
		expect(refreshPlan(endingIn(refreshWindowMs + 1), undefined, now)).toEqual({ serve: true, ask: false });
	});

	it('serves and asks in the background inside the window, at most every askEveryMs', () => {
		expect(refreshPlan(endingIn(refreshWindowMs), undefined, now)).toEqual({ serve: true, ask: true });
		expect(refreshPlan(endingIn(60_000), now - askEveryMs, now)).toEqual({ serve: true, ask: true });
		expect(refreshPlan(endingIn(60_000), now - askEveryMs + 1, now)).toEqual({ serve: true, ask: false });
	});
});
