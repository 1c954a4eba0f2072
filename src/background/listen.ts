// Serves the message table to the extension's own pages and refuses everyone else.
import browser, { type Runtime } from '../browser';
import { toErrorInfo, UserError } from '../lib/user-error';
import type { Answer, Request } from '../messages';

type Table = Record<string, (payload: never) => Promise<unknown>>;

function isOwnPage(sender: Runtime.MessageSender): boolean {
	// A content script would carry this extension's id too, but a web page's URL: only our own
	// chrome-extension:// pages pass.
	return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
}

function isRequest(message: unknown): message is Request {
	return typeof message === 'object' && message !== null && typeof (message as Request).name === 'string';
}

/** Answers requests from the extension's pages with the handler of the same name. */
export function listen(table: Table): void {
	browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender): Promise<Answer> => {
		if (!isOwnPage(sender) || !isRequest(message) || !Object.hasOwn(table, message.name)) {
			return { ok: false, error: { message: 'Refused: only MFA Session’s own pages may ask this.', kind: 'refused' } };
		}
		try {
			const handler = table[message.name] as (payload: unknown) => Promise<unknown>;
			return { ok: true, value: await handler(message.payload) };
		} catch (error) {
			if (!(error instanceof UserError))
				console.error('MFA Session: handler failed:', message.name, error instanceof Error ? error.name : '');
			return { ok: false, error: toErrorInfo(error) };
		}
	});
}
