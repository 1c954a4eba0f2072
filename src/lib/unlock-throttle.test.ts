import { describe, expect, it } from 'vitest';
import { maxDelayMs, recordFailure, unlockDelayMs, waitLeftMs } from './unlock-throttle';

describe('unlock throttle', () => {
	it('lets the first wrong passphrases through and then doubles the wait up to a cap', () => {
		expect([0, 1, 2].map(unlockDelayMs)).toEqual([0, 0, 0]);
		expect([3, 4, 5].map(unlockDelayMs)).toEqual([2_000, 4_000, 8_000]);
		expect(unlockDelayMs(40)).toBe(maxDelayMs);
	});

	it('counts failures and says how long is left', () => {
		let failures = recordFailure(undefined, 0);
		failures = recordFailure(failures, 0);
		expect(waitLeftMs(failures, 0)).toBe(0);
		failures = recordFailure(failures, 1_000);
		expect(failures.count).toBe(3);
		expect(waitLeftMs(failures, 1_500)).toBe(1_500);
		expect(waitLeftMs(failures, 3_000)).toBe(0);
	});
});
