// Chrome's offscreen document: the service worker has no DOM, so clipboard work happens here.
// It answers only the service worker's clipboard requests and ignores every other message.
import browser, { type Runtime } from '../browser';
import { handleClipboardRequest, isClipboardRequest } from './protocol';

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
	if (sender.id !== browser.runtime.id || !isClipboardRequest(message)) return undefined;
	return handleClipboardRequest(message);
});
