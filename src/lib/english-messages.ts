// `chrome.i18n.getMessage` over the English messages, for where the browser's API is absent:
// unit tests, and the command-line helper, which speaks to a terminal.
import messages from '../../public/_locales/en/messages.json';

interface Message {
	message: string;
	placeholders?: Record<string, { content: string }>;
}

/** `$1`…`$9` become the substitutions and `$$` a dollar sign, as in the browser. */
function substitute(text: string, substitutions: readonly string[]): string {
	return text.replace(/\$(\$|[1-9])/g, (_match, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** The English message for a key: `$NAME$` through its placeholder's content, as the browser fills it. */
export function getMessage(key: string, substitutions?: string | string[]): string {
	const entry = (messages as Record<string, Message>)[key];
	if (!entry) return '';
	const values = substitutions === undefined ? [] : [substitutions].flat();
	const contents = new Map(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
	return entry.message.replace(/\$(\$|[1-9]|[A-Za-z0-9_@]+\$)/g, (match, what: string) => {
		if (what === '$' || /^[1-9]$/.test(what)) return substitute(match, values);
		const content = contents.get(what.slice(0, -1).toLowerCase());
		return content === undefined ? match : substitute(content, values);
	});
}

/** Makes `t` answer in English where no browser provides `chrome.i18n`. */
export function installEnglishMessages(): void {
	const scope = globalThis as unknown as { chrome?: { i18n?: unknown } };
	if (scope.chrome?.i18n === undefined) scope.chrome = { ...scope.chrome, i18n: { getMessage } };
}
