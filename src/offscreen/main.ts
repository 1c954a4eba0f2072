// Chrome's offscreen document: the service worker has no DOM, so clipboard work happens here.
// It opens one port to the service worker and answers clipboard requests only on it, so the
// text to copy never goes through a broadcast that every extension page would receive.
import browser from '../browser';
import { clipboardPortName, handleClipboardRequest, isClipboardRequest } from './protocol';

const port = browser.runtime.connect({ name: clipboardPortName });
port.onMessage.addListener(async (message: unknown) => {
	if (!isClipboardRequest(message)) return;
	port.postMessage({ id: message.id, done: await handleClipboardRequest(message) });
});
