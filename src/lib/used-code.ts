// AWS accepts each MFA code once. Remembering the last code sent per device lets the extension
// refuse a repeat at once, instead of spending a round trip on a certain "invalid code".
import type { UsedCode } from './model';

/**
 * How long a code is remembered. A code is shown for 30 s, and STS also accepts it for a step on
 * either side of its own, so a repeat within 90 s is still certain to be refused.
 */
export const codeMemoryMs = 90_000;

/** Whether `code` was already sent for this device and is still within its validity. */
export function wasJustUsed(last: UsedCode | undefined, code: string, now: number): boolean {
	return last !== undefined && last.code === code && now - last.at < codeMemoryMs;
}

/** The record after sending `code` for a device at `now`, with codes past their validity dropped. */
export function rememberCode(used: Record<string, UsedCode>, serial: string, code: string, now: number): Record<string, UsedCode> {
	return { ...forgetOldCodes(used, now), [serial]: { code, at: now } };
}

/** Drops remembered codes that can no longer be valid, so the record stays small. */
export function forgetOldCodes(used: Record<string, UsedCode>, now: number): Record<string, UsedCode> {
	return Object.fromEntries(Object.entries(used).filter(([, entry]) => now - entry.at < codeMemoryMs));
}
