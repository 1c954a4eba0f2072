// The pages' strings, from `_locales/<language>/messages.json` through the browser's i18n API, so
// the extension can be translated without touching the code.
import type messages from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

type I18n = { getMessage(key: string, substitutions?: string[]): string };

/** The message for a key in the browser's language, with its placeholders filled in order. */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
	// Looked up at each call, not at load: unit tests install their stand-in after modules load.
	const api = (globalThis as unknown as { chrome?: { i18n?: I18n } }).chrome?.i18n;
	return api?.getMessage(key, substitutions.map(String)) || key;
}
