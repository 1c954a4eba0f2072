// What the service worker asks of the clipboard document, and how any document with a DOM answers it.
import { digestOf, readClipboard, writeClipboard } from '../lib/clipboard-text';

/** The port the offscreen document opens to the service worker: requests travel on it and nowhere else. */
export const clipboardPortName = 'clipboard';

export type ClipboardRequest =
	| { target: 'clipboard'; id: number; action: 'write'; text: string }
	/** Clears the clipboard only if it still holds the text with this digest. */
	| { target: 'clipboard'; id: number; action: 'clear-if'; digest: string }
	/** Clears the clipboard whatever it holds: only when the organisation forces clearing without clipboardRead. */
	| { target: 'clipboard'; id: number; action: 'clear' };

export function isClipboardRequest(message: unknown): message is ClipboardRequest {
	return typeof message === 'object' && message !== null && (message as { target?: unknown }).target === 'clipboard';
}

/** Carries out a clipboard request; true when the clipboard changed as asked. */
export async function handleClipboardRequest(request: ClipboardRequest): Promise<boolean> {
	if (request.action === 'write') return writeClipboard(request.text);
	if (request.action === 'clear') return writeClipboard('');
	const current = readClipboard();
	if (current === undefined || (await digestOf(current)) !== request.digest) return false;
	return writeClipboard('');
}
