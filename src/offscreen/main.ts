// Chrome's offscreen document: the service worker has no DOM, so clipboard work happens here.
// It answers only the service worker's clipboard requests and ignores every other message.
import browser, { type Runtime } from '../browser';
import { digestOf, readClipboard, writeClipboard } from '../lib/clipboard-text';
import { type ClipboardRequest, isClipboardRequest } from './protocol';

async function handle(request: ClipboardRequest): Promise<boolean> {
	if (request.action === 'write') return writeClipboard(request.text);
	const current = readClipboard();
	if (current === undefined || (await digestOf(current)) !== request.digest) return false;
	return writeClipboard('');
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
	if (sender.id !== browser.runtime.id || !isClipboardRequest(message)) return undefined;
	return handle(message);
});
