// Who may talk to the service worker: only this extension's own pages.

/** The parts of a message sender that decide whether it is one of our pages. */
export interface SenderInfo {
	id?: string;
	url?: string;
	tab?: unknown;
	frameId?: number;
}

/**
 * Whether a sender is one of this extension's own pages. A content script would carry this
 * extension's id but a web page's URL, and another extension carries its own id: only a
 * document served from this extension's origin passes.
 */
export function isOwnPage(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
	if (sender.id !== extensionId || !sender.url) return false;
	try {
		// Compared by scheme and host: extension schemes have an opaque `origin` in some engines.
		const [page, own] = [new URL(sender.url), new URL(extensionOrigin)];
		return page.protocol === own.protocol && page.host === own.host;
	} catch {
		return false;
	}
}
