// When the container-credentials endpoint asks the running host for a newer session. The SDKs come
// back for credentials before the served ones expire (botocore from 15 minutes before, the JS SDK
// from 5), so the endpoint answers at once from what it holds and, inside that window, looks for a
// newer session in the background, at most every `askEveryMs`: one ask for any number of callers.

/** botocore's advisory refresh window, the widest of the SDKs'. */
export const refreshWindowMs = 15 * 60_000;

/** Inside the window, the host is asked again at most this often. */
export const askEveryMs = 30_000;

/** A session this close to its end is not handed out: a request signed with it could arrive after it. */
export const usableMarginMs = 5_000;

/** Whether to answer from the held session, and whether to ask the host for a newer one. */
export function refreshPlan(
	heldExpiration: string | undefined,
	lastAskAt: number | undefined,
	now: number,
): { serve: boolean; ask: boolean } {
	const left = heldExpiration === undefined ? Number.NaN : Date.parse(heldExpiration) - now;
	if (!(left > usableMarginMs)) return { serve: false, ask: true };
	const due = lastAskAt === undefined || now - lastAskAt >= askEveryMs;
	return { serve: true, ask: left <= refreshWindowMs && due };
}
