// A growing wait after repeated wrong passphrases, so guessing at the lock screen is slow. (The
// vault's PBKDF2 cost is what slows guessing offline; this only guards the extension's own door.)
import type { UnlockFailures } from './model';

/** Wrong passphrases allowed before any wait. */
export const freeAttempts = 3;

/** The longest wait between two attempts. */
export const maxDelayMs = 5 * 60_000;

/** How long to wait after `failures` wrong passphrases in a row: 0, then 2 s, 4 s, 8 s… up to 5 min. */
export function unlockDelayMs(failures: number): number {
	if (failures < freeAttempts) return 0;
	return Math.min(maxDelayMs, 2_000 * 2 ** (failures - freeAttempts));
}

/** The record after one more wrong passphrase at `now`. */
export function recordFailure(previous: UnlockFailures | undefined, now: number): UnlockFailures {
	const count = (previous?.count ?? 0) + 1;
	return { count, retryAt: now + unlockDelayMs(count) };
}

/** Milliseconds left before another attempt is allowed; 0 when one may be made now. */
export function waitLeftMs(failures: UnlockFailures | undefined, now: number): number {
	return Math.max(0, (failures?.retryAt ?? 0) - now);
}
