// What the container-credentials endpoint answers from the session it last got. Requests ask the host
// (at most once a second), which answers at once from its memory while it serves a live session, so
// a session the extension ended (or a closed browser) is not served again a second later. In a session's last minute the host
// asks the extension instead and waits for it (the popup prompt, for an MFA session); the SDKs give up
// after a second or two, so meanwhile the endpoint answers with the session it holds, while that lives.

/** For this long after the host answered, requests are answered from that answer without asking again. */
export const heldFreshMs = 1_000;

/** How long a request waits for the host before it is answered from the held session. */
export const hostWaitMs = 300;

/** A session this close to its end is not handed out: a request signed with it could arrive after it. */
export const usableMarginMs = 5_000;

/** Whether the held session may answer a request while the host is still asking the extension. */
export function heldUsable(heldExpiration: string | undefined, now: number): boolean {
	return heldExpiration !== undefined && Date.parse(heldExpiration) - now > usableMarginMs;
}

/** Whether the host answered so recently that its answer serves this request as it is. */
export function heldFresh(heldExpiration: string | undefined, answeredAt: number | undefined, now: number): boolean {
	return answeredAt !== undefined && now - answeredAt < heldFreshMs && heldUsable(heldExpiration, now);
}
