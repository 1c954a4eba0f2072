// What the container-credentials endpoint answers while the running host is busy. Every request asks
// the host, which answers at once from its memory while it serves a live session, so a session the
// extension ended (or a closed browser) is never served again. In a session's last minute the host
// asks the extension instead and waits for it (the popup prompt, for an MFA session); the SDKs give up
// after a second or two, so meanwhile the endpoint answers with the session it holds, while that lives.

/** How long a request waits for the host before it is answered from the held session. */
export const hostWaitMs = 300;

/** A session this close to its end is not handed out: a request signed with it could arrive after it. */
export const usableMarginMs = 5_000;

/** Whether the held session may answer a request while the host is still asking the extension. */
export function heldUsable(heldExpiration: string | undefined, now: number): boolean {
	return heldExpiration !== undefined && Date.parse(heldExpiration) - now > usableMarginMs;
}
