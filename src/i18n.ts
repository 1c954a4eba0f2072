// The pages' strings, from `_locales/<language>/messages.json` through the browser's i18n API, so
// the extension can be translated without touching the code.
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

const api = (globalThis as unknown as { chrome?: { i18n?: { getMessage(key: string, substitutions?: string[]): string } } }).chrome?.i18n;

/** The message for a key in the browser's language, with its placeholders filled in order. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
	return api?.getMessage(key, substitutions.map(String)) || key;
}
