// Serves the message table to the extension's own pages and refuses everyone else.
import browser, { type Runtime } from '../browser';
import { t } from '../i18n';
import { checkRequest, type RequestName, requestShapes } from '../lib/request-check';
import { isOwnPage } from '../lib/sender';
import { toErrorInfo, UserError } from '../lib/user-error';
import type { Answer, Request } from '../messages';

type Table = Record<RequestName, (payload: never) => Promise<unknown>>;

function isRequest(message: unknown): message is Request & { name: RequestName } {
	return typeof message === 'object' && message !== null && Object.hasOwn(requestShapes, (message as Request).name);
}

/** Answers requests from the extension's pages with the handler of the same name, once `ready` settles and the payload is checked. */
export function listen(table: Table, ready: Promise<unknown>): void {
	browser.runtime.onMessage.addListener(async (message: unknown, sender: Runtime.MessageSender): Promise<Answer> => {
		if (!isOwnPage(sender, browser.runtime.id, browser.runtime.getURL('/')) || !isRequest(message)) {
			return { ok: false, error: { message: t('refused'), kind: 'refused' } };
		}
		const payload = checkRequest(message.name, message.payload);
		if (!payload.ok) return { ok: false, error: { message: t('requestRefused', payload.error), kind: 'invalid' } };
		try {
			await ready;
			const handler = table[message.name] as (payload: unknown) => Promise<unknown>;
			return { ok: true, value: await handler(payload.value) };
		} catch (error) {
			if (!(error instanceof UserError))
				console.error('MFA Session: handler failed:', message.name, error instanceof Error ? error.name : '');
			return { ok: false, error: toErrorInfo(error) };
		}
	});
}
