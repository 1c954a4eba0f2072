// The pages' side of the one message table: `send` is typed from the handlers themselves, by a
// type-only import, so a page cannot call a handler that does not exist or pass the wrong payload.

import type { handlers } from './background/handlers';
import { t } from './i18n';
import { type ErrorInfo, UserError } from './lib/user-error';
import browser from './page-browser';

type Handlers = typeof handlers;

/** What a handler answers a page, by its name. */
export type Reply<K extends keyof Handlers> = Awaited<ReturnType<Handlers[K]>>;

/** A request from a page to the service worker. */
export interface Request {
	name: string;
	payload: unknown;
}

/** The service worker's answer: a value, or an error to re-throw. */
export type Answer = { ok: true; value: unknown } | { ok: false; error: ErrorInfo };

/** Calls a background handler and returns its result, or throws its `UserError`. */
export async function send<K extends keyof Handlers>(name: K, ...payload: Parameters<Handlers[K]>): Promise<Reply<K>> {
	const request: Request = { name, payload: payload[0] };
	let answer: Answer | undefined;
	try {
		answer = (await browser.runtime.sendMessage(request)) as Answer | undefined;
	} catch {
		// The service worker stopped (or was updated) while the request was open.
		answer = undefined;
	}
	if (!answer) throw new UserError(t('noAnswer'), undefined, 'no-answer');
	if (!answer.ok) throw UserError.from(answer.error);
	return answer.value as Reply<K>;
}
