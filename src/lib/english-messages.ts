// `chrome.i18n.getMessage` over the English messages, for where the browser's API is absent:
// unit tests, and the command-line helper, which speaks to a terminal.

interface Message {
	message: string;
	placeholders?: Record<string, { content: string }>;
}

/** A messages.json file as the browser reads it. */
export type Messages = Record<string, Message>;

/** `$1`…`$9` become the substitutions and `$$` a dollar sign, as in the browser. */
function substitute(text: string, substitutions: readonly string[]): string {
	return text.replace(/\$(\$|[1-9])/g, (_match, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** The message for a key: `$NAME$` through its placeholder's content, as the browser fills it. */
export function lookupMessage(messages: Messages, key: string, substitutions?: string | string[]): string {
	const entry = messages[key];
	if (!entry) return '';
	const values = substitutions === undefined ? [] : [substitutions].flat();
	const contents = new Map(Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
	return entry.message.replace(/\$(\$|[1-9]|[A-Za-z0-9_@]+\$)/g, (match, what: string) => {
		if (what === '$' || /^[1-9]$/.test(what)) return substitute(match, values);
		const content = contents.get(what.slice(0, -1).toLowerCase());
		return content === undefined ? match : substitute(content, values);
	});
}

/** Makes `t` answer from these messages where no browser provides `chrome.i18n`; they are loaded at the first use. */
export function installMessages(load: () => Messages): void {
	const scope = globalThis as unknown as { chrome?: { i18n?: unknown } };
	if (scope.chrome?.i18n !== undefined) return;
	let messages: Messages | undefined;
	const getMessage = (key: string, substitutions?: string | string[]) => {
		messages ??= load();
		return lookupMessage(messages, key, substitutions);
	};
	scope.chrome = { ...scope.chrome, i18n: { getMessage } };
}
