// Copying from the background (the copy shortcut) and clearing the clipboard later. Chrome's
// service worker has no DOM, so an offscreen document does the clipboard work; Firefox's event
// page has a DOM and does it itself.
import browser from '../browser';
import { digestOf } from '../lib/clipboard-text';
import { type ClipboardRequest, handleClipboardRequest } from '../offscreen/protocol';
import * as storage from '../storage';

/** The alarm that clears the clipboard after a copy. */
export const clearClipboardAlarm = 'clear-clipboard';

const offscreenPath = 'src/offscreen/index.html';

/** Chrome's offscreen API, where there is one. */
function offscreenApi(): typeof chrome.offscreen | undefined {
	return typeof chrome !== 'undefined' ? chrome.offscreen : undefined;
}

async function ensureOffscreenDocument(): Promise<void> {
	const offscreen = offscreenApi();
	if (!offscreen) return;
	const url = browser.runtime.getURL(offscreenPath);
	const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
	if (contexts.length > 0) return;
	await offscreen
		.createDocument({
			url: offscreenPath,
			reasons: [chrome.offscreen.Reason.CLIPBOARD],
			justification: 'Copy the session and clear it later',
		})
		.catch((error: Error) => {
			// Two copies at once both try to create it; the second finds it there.
			if (!/single offscreen document/i.test(error.message)) throw error;
		});
}

async function ask(request: ClipboardRequest): Promise<boolean> {
	// Firefox's event page has a DOM and answers itself.
	if (!offscreenApi()) return handleClipboardRequest(request);
	await ensureOffscreenDocument();
	return (await browser.runtime.sendMessage(request)) === true;
}

/** Copies text from the background; true when the clipboard took it. */
export async function copyFromBackground(text: string): Promise<boolean> {
	const copied = await ask({ target: 'clipboard', action: 'write', text });
	if (copied) await scheduleClear(await digestOf(text));
	return copied;
}

/** After a copy, arranges for the clipboard to be cleared at the chosen time, if clearing is on. */
export async function scheduleClear(digest: string): Promise<void> {
	const seconds = (await storage.get('preferences')).clearClipboardSeconds;
	if (seconds <= 0) return;
	await storage.set({ copiedDigest: digest });
	await browser.alarms.create(clearClipboardAlarm, { when: Date.now() + seconds * 1000 });
}

/** Clears the clipboard if it still holds the extension's last copy; anything else is left alone. */
export async function clearClipboardIfUnchanged(): Promise<void> {
	const digest = await storage.get('copiedDigest');
	if (!digest) return;
	await storage.set({ copiedDigest: undefined });
	const allowed = await browser.permissions.contains({ permissions: ['clipboardRead'] });
	if (allowed) await ask({ target: 'clipboard', action: 'clear-if', digest });
}
