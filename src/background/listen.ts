// Serves the message table to the extension's own pages and refuses everyone else.
import browser, { type Runtime } from '../browser';
import { t } from '../i18n';
import { isOwnPage } from '../lib/sender';
import { toErrorInfo, UserError } from '../lib/user-error';
import type { Answer, Request } from '../messages';

type Table = Record<string, (payload: never) => Promise<unknown>>;

function isRequest(message: unknown): message is Request {
	return typeof message === 'object' && message !== null && typeof (message as Request).name === 'string';
}

/** Answers requests from the extension's pages with the handler of the same name, once `ready` settles. */
export function listen(table: Table, ready: Promise<unknown>): void {
	browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender): Promise<Answer> => {
		if (!isOwnPage(sender, browser.runtime.id, browser.runtime.getURL('/')) || !isRequest(message) || !Object.hasOwn(table, message.name)) {
			return { ok: false, error: { message: t('refused'), kind: 'refused' } };
		}
		try {
			await ready;
			const handler = table[message.name] as (payload: unknown) => Promise<unknown>;
			return { ok: true, value: await handler(message.payload) };
		} catch (error) {
			if (!(error instanceof UserError))
				console.error('MFA Session: handler failed:', message.name, error instanceof Error ? error.name : '');
			return { ok: false, error: toErrorInfo(error) };
		}
	});
}
