import { describe, expect, it } from 'vitest';
import { earlyView, lockedGuess } from './early-view';

describe('the popup’s first view', () => {
	const now = 1_800_000_000_000;
	const profiles = [
		{ id: 'a', name: 'work' },
		{ id: 'b', name: 'home' },
	];

	it('guesses the lock from the idle deadline, and draws the code field alone when it cannot tell', () => {
		expect(lockedGuess(15, now + 1000, now)).toBe(false);
		expect(lockedGuess(15, now, now)).toBe(true);
		expect(lockedGuess(15, undefined, now)).toBe(true);
		expect(lockedGuess(-1, undefined, now)).toBe(true);
		expect(lockedGuess(0, undefined, now)).toBe(false);
	});

	it('reads profiles, the active one and the lock; preferences missing mean the default idle lock', () => {
		expect(earlyView({ profiles, activeProfileId: 'b' }, {}, now, false)).toEqual({
			profiles,
			activeProfileId: 'b',
			locked: true,
			askProfileId: undefined,
		});
		expect(earlyView({ profiles, preferences: { autoLockMinutes: 0 } }, {}, now, false)?.locked).toBe(false);
		expect(earlyView({ profiles, preferences: { autoLockMinutes: 15 } }, { lockAt: now + 60_000 }, now, false)?.locked).toBe(false);
	});

	it('gives nothing for storage that does not look as the worker writes it', () => {
		expect(earlyView({}, {}, now, false)).toBeUndefined();
		expect(earlyView({ profiles: {} }, {}, now, false)).toBeUndefined();
		expect(earlyView({ profiles: [{ id: 1, name: 'x' }] }, {}, now, false)).toBeUndefined();
		expect(earlyView({ profiles: [null] }, {}, now, false)).toBeUndefined();
		expect(earlyView({ profiles, activeProfileId: 3 }, {}, now, false)?.activeProfileId).toBeUndefined();
	});

	it('shows an ask’s profile only in the prompt window or a popup the worker just opened, and only while the ask is current', () => {
		const helperAsk = { profileId: 'b', caller: 'aws s3 ls', at: now - 1000 };
		expect(earlyView({ profiles }, { helperAsk }, now, true)?.askProfileId).toBe('b');
		expect(earlyView({ profiles }, { helperAsk }, now, false)?.askProfileId).toBeUndefined();
		expect(earlyView({ profiles }, { helperAsk, promptOpening: now - 500 }, now, false)?.askProfileId).toBe('b');
		expect(earlyView({ profiles }, { helperAsk, promptOpening: now - 3000 }, now, false)?.askProfileId).toBeUndefined();
		const old = { ...helperAsk, at: now - 10 * 60_000 };
		expect(earlyView({ profiles }, { helperAsk: old }, now, true)?.askProfileId).toBeUndefined();
		expect(earlyView({ profiles }, { helperAsk: { profileId: 7, at: now } }, now, true)?.askProfileId).toBeUndefined();
	});
});
