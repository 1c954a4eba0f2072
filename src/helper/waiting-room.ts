// The `credential_process` callers waiting for a profile's session, the profiles recently denied and
// the asks recently sent. Any local process can call, so each entry leaves when it is done and how
// many there can be is bounded: callers cannot make the host keep memory or ask the extension without end.
import { t } from '../i18n';

/** After a Deny, callers for that profile are refused at once for this long: no prompt storm. */
export const denyQuietMs = 10_000;

/** At most this many profiles wait at once; a caller for one more is refused at once. */
export const maxWaitingProfiles = 16;

/** The extension is asked about one profile at most this often a minute… */
export const asksPerProfilePerMinute = 6;

/** …and about all profiles together at most this often. */
export const asksPerMinute = 60;

const minuteMs = 60_000;

type Refusal = { ok: false; error: string };

interface Waiter {
	resolve: (answer: unknown) => void;
	timer: NodeJS.Timeout;
}

/** The callers' side of the host: `ask` is called when the extension is to be asked about a profile. */
export function waitingRoom(ask: (profile: string, caller: string) => void) {
	const waiting = new Map<string, Waiter[]>();
	const denied = new Map<string, { until: number; message: string }>();
	// When each ask of the last minute was sent, oldest first: at most `asksPerMinute` entries.
	const asked: { profile: string; at: number }[] = [];

	const forgetOld = (now: number) => {
		for (const [profile, refusal] of denied) if (refusal.until <= now) denied.delete(profile);
		while (asked.length > 0 && (asked[0]?.at ?? now) <= now - minuteMs) asked.shift();
	};

	/** Why the extension may not be asked about this profile now, if it may not. */
	const askRefusal = (profile: string): Refusal | undefined => {
		if (waiting.size >= maxWaitingProfiles) return { ok: false, error: t('helperTooManyWaiting', maxWaitingProfiles) };
		const forProfile = asked.filter((entry) => entry.profile === profile).length;
		if (forProfile >= asksPerProfilePerMinute || asked.length >= asksPerMinute) {
			return { ok: false, error: t('helperTooManyAsks', profile) };
		}
		return undefined;
	};

	const settle = (profile: string, answer: unknown) => {
		for (const waiter of waiting.get(profile) ?? []) {
			clearTimeout(waiter.timer);
			waiter.resolve(answer);
		}
		waiting.delete(profile);
	};

	return {
		/** Waits for the profile's session; the first caller asks the extension, the others join it. */
		wait(profile: string, caller: string, waitSeconds: number): Promise<unknown> {
			const now = Date.now();
			forgetOld(now);
			const refusal = denied.get(profile);
			if (refusal) return Promise.resolve({ ok: false, error: refusal.message });
			const list = waiting.get(profile);
			if (!list) {
				const refused = askRefusal(profile);
				if (refused) return Promise.resolve(refused);
			}
			return new Promise((resolve) => {
				const timer = setTimeout(() => {
					const left = (waiting.get(profile) ?? []).filter((waiter) => waiter.timer !== timer);
					if (left.length > 0) waiting.set(profile, left);
					else waiting.delete(profile);
					resolve({ ok: false, error: t('helperTimedOut', profile, waitSeconds) });
				}, waitSeconds * 1000);
				if (list) list.push({ resolve, timer });
				else {
					waiting.set(profile, [{ resolve, timer }]);
					asked.push({ profile, at: now });
					// One ask however many callers wait: the extension is asked by the first.
					ask(profile, caller);
				}
			});
		},
		/** Answers every caller waiting for the profile. */
		settle,
		/** Refuses the profile's callers now and for a short while. */
		deny(profile: string, message: string) {
			const now = Date.now();
			forgetOld(now);
			denied.set(profile, { until: now + denyQuietMs, message });
			settle(profile, { ok: false, error: message });
		},
		/** The profile has a session again: its callers are no longer refused. */
		served(profile: string) {
			denied.delete(profile);
		},
		/** Answers every waiting caller of every profile. */
		settleAll(answer: unknown) {
			for (const profile of [...waiting.keys()]) settle(profile, answer);
		},
		/** How many entries are kept now (for tests). */
		sizes() {
			forgetOld(Date.now());
			return { waiting: waiting.size, denied: denied.size, asked: asked.length };
		},
	};
}
