// Clipboard work that any document can do, without focus: a `copy` event handler decides what
// lands on the clipboard, and a `paste` into a scratch field reads it back. Chrome's offscreen
// document and Firefox's background page both use it.

/** Puts text on the clipboard (an empty string clears it). Needs the clipboardWrite permission. */
export function writeClipboard(text: string): boolean {
	const onCopy = (event: ClipboardEvent) => {
		event.clipboardData?.setData('text/plain', text);
		event.preventDefault();
	};
	document.addEventListener('copy', onCopy);
	try {
		return document.execCommand('copy');
	} finally {
		document.removeEventListener('copy', onCopy);
	}
}

/** Reads the clipboard's text, or undefined when reading is not allowed (clipboardRead). */
export function readClipboard(): string | undefined {
	const field = document.createElement('textarea');
	document.body.append(field);
	try {
		field.focus();
		return document.execCommand('paste') ? field.value : undefined;
	} finally {
		field.remove();
	}
}

/** SHA-256 of a text in hex: what the extension remembers of a copy instead of the copy itself. */
export async function digestOf(text: string): Promise<string> {
	const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
