// What the popup can draw before the service worker answers: read by the page itself from the
// stored keys that hold no secret. It only chooses what to draw first; every decision (what is sent,
// whether the vault is locked, which profile an ask is for) is the worker's answer, which replaces it.
import type { Profile } from './model';

/** The first view: the profiles, the one to show, whether to draw the passphrase field. */
export interface EarlyView {
	profiles: Profile[];
	activeProfileId: string | undefined;
	/** A guess only: the worker's answer decides. */
	locked: boolean;
	/** The profile of a waiting ask, when this page was most likely opened for it. */
	askProfileId: string | undefined;
}

/** The local keys the first view reads: none holds a secret. */
export const earlyLocalKeys = ['profiles', 'activeProfileId', 'preferences'];
/** The session keys the first view reads: deadlines and an ask, never the vault key or the sessions. */
export const earlySessionKeys = ['lockAt', 'helperAsk', 'promptOpening'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Whether the vault is most likely locked. The worker sets `lockAt` right after it keeps the vault key,
 * and removes both together; it keeps no `lockAt` when the idle lock is off (0) or locks after each
 * session (-1). So a deadline still ahead means unlocked, one past means locked, and none means locked
 * under an idle lock; with the idle lock off it cannot be told, and the code field alone is drawn.
 */
export function lockedGuess(autoLockMinutes: unknown, lockAt: unknown, now: number): boolean {
	if (typeof lockAt === 'number') return now >= lockAt;
	return autoLockMinutes !== 0;
}

/**
 * The first view from what storage holds, or undefined when it does not look as the worker writes it
 * (then the page waits for the worker). `prompt` says the page's address marks it as the prompt window.
 */
export function earlyView(
	local: Record<string, unknown>,
	session: Record<string, unknown>,
	now: number,
	prompt: boolean,
): EarlyView | undefined {
	const { profiles, activeProfileId, preferences } = local;
	if (
		!Array.isArray(profiles) ||
		!profiles.every((profile) => isRecord(profile) && typeof profile.id === 'string' && typeof profile.name === 'string')
	)
		return undefined;
	const autoLock = isRecord(preferences) && 'autoLockMinutes' in preferences ? preferences.autoLockMinutes : 15;
	const { helperAsk: ask, promptOpening: opening } = session;
	// The toolbar popup opened for an ask finds the worker's mark, taken within 3 s.
	const forAsk = prompt || (typeof opening === 'number' && now - opening < 3_000);
	// As the worker shows an ask: only while the tool could still be waiting.
	const current = isRecord(ask) && typeof ask.profileId === 'string' && typeof ask.at === 'number' && now - ask.at < 10 * 60_000;
	const askProfileId = forAsk && current ? (ask.profileId as string) : undefined;
	return {
		profiles: profiles as Profile[],
		activeProfileId: typeof activeProfileId === 'string' ? activeProfileId : undefined,
		locked: lockedGuess(autoLock, session.lockAt, now),
		askProfileId,
	};
}
