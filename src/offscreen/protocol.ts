// What the service worker asks of the clipboard document.

export type ClipboardRequest =
	| { target: 'clipboard'; action: 'write'; text: string }
	/** Clears the clipboard only if it still holds the text with this digest. */
	| { target: 'clipboard'; action: 'clear-if'; digest: string };

export function isClipboardRequest(message: unknown): message is ClipboardRequest {
	return typeof message === 'object' && message !== null && (message as { target?: unknown }).target === 'clipboard';
}
