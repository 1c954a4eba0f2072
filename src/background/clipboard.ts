// Copying from the background (the copy shortcut) and clearing the clipboard later. Chrome's
// service worker has no DOM, so an offscreen document does the clipboard work; Firefox's event
// page has a DOM and does it itself.

import browser, { type Runtime } from '../browser';
import { digestOf } from '../lib/clipboard-text';
import { portRequests } from '../lib/port-requests';
import { type ClipboardRequest, clipboardPortName, handleClipboardRequest } from '../offscreen/protocol';
import * as storage from '../storage';
import { currentPolicy } from './policy';

/** The alarm that clears the clipboard after a copy. */
export const clearClipboardAlarm = 'clear-clipboard';

const offscreenPath = 'src/offscreen/index.html';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Chrome's offscreen API, where there is one. */
function offscreenApi(): typeof chrome.offscreen | undefined {
	return typeof chrome !== 'undefined' ? chrome.offscreen : undefined;
}

// The offscreen document's port: it dies with the worker, and then the document is made anew.
let port: Runtime.Port | undefined;
const answers = portRequests<boolean>();
const connected: (() => void)[] = [];

/** Takes the port the offscreen document opens; any other port is not the clipboard's. */
export function acceptClipboardPort(candidate: Runtime.Port): void {
	const sender = candidate.sender;
	// Only the offscreen document itself: not a tab or a frame that happens to load its page.
	if (candidate.name !== clipboardPortName || sender?.url !== browser.runtime.getURL(offscreenPath) || sender.tab || sender.frameId) return;
	port = candidate;
	candidate.onMessage.addListener((message: unknown) => {
		const { id, done } = (message ?? {}) as { id?: unknown; done?: unknown };
		answers.settle(id, done === true);
	});
	candidate.onDisconnect.addListener(() => {
		if (port !== candidate) return;
		port = undefined;
		// Whatever it had not answered did not happen: the callers are told so instead of waiting forever.
		answers.settleAll(false);
	});
	for (const resolve of connected.splice(0)) resolve();
}

async function offscreenPort(offscreen: typeof chrome.offscreen): Promise<Runtime.Port> {
	if (port) return port;
	const url = browser.runtime.getURL(offscreenPath);
	const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
	// A document left from an earlier worker has no port to this one: it is replaced.
	if (contexts.length > 0) await offscreen.closeDocument();
	const ready = new Promise<void>((resolve) => connected.push(resolve));
	await offscreen
		.createDocument({
			url: offscreenPath,
			reasons: [chrome.offscreen.Reason.CLIPBOARD],
			justification: 'Copy the session and clear it later',
		})
		.catch((error: Error) => {
			// Two copies at once both try to create it; the second waits for the first one's port.
			if (!/single offscreen document/i.test(error.message)) throw error;
		});
	await ready;
	if (!port) throw new Error('The clipboard document did not connect');
	return port;
}

async function ask(request: DistributiveOmit<ClipboardRequest, 'id'>): Promise<boolean> {
	const offscreen = offscreenApi();
	// Firefox's event page has a DOM and answers itself.
	if (!offscreen) return handleClipboardRequest({ ...request, id: 0 } as ClipboardRequest);
	const target = await offscreenPort(offscreen);
	const { id, answer } = answers.open();
	target.postMessage({ ...request, id });
	return answer;
}

/** Copies text from the background; true when the clipboard took it. The clear is arranged first. */
export async function copyFromBackground(text: string): Promise<boolean> {
	await scheduleClear(await digestOf(text));
	return ask({ target: 'clipboard', action: 'write', text });
}

/** After a copy, arranges for the clipboard to be cleared at the chosen time, if clearing is on. */
export async function scheduleClear(digest: string): Promise<void> {
	const seconds = (await storage.get('preferences')).clearClipboardSeconds;
	if (seconds <= 0) return;
	await storage.set({ copiedDigest: digest });
	await browser.alarms.create(clearClipboardAlarm, { when: Date.now() + seconds * 1000 });
}

/**
 * Clears the clipboard if it still holds the extension's last copy; anything else is left alone.
 * When the organisation forces clearing and the person has not allowed clipboardRead (which a
 * policy cannot grant), the clipboard is cleared whatever it holds: a rule that depends on a
 * prompt the person may decline would not be a rule.
 */
export async function clearClipboardIfUnchanged(): Promise<void> {
	const digest = await storage.get('copiedDigest');
	if (!digest) return;
	await storage.set({ copiedDigest: undefined });
	const allowed = await browser.permissions.contains({ permissions: ['clipboardRead'] });
	if (allowed) await ask({ target: 'clipboard', action: 'clear-if', digest });
	else if ((await currentPolicy()).policy.forceClipboardClearSeconds !== undefined) await ask({ target: 'clipboard', action: 'clear' });
}
