// Unit tests run in Node, without the browser's i18n API: this stands in for it with the English
// messages and the browser's substitution rules, so tests see the texts a person would.
import messages from '../public/_locales/en/messages.json';

interface Message {
	message: string;
	placeholders?: Record<string, { content: string }>;
}

/** `$1`…`$9` become the substitutions and `$$` a dollar sign, as in the browser. */
function substitute(text: string, substitutions: readonly string[]): string {
	return text.replace(/\$(\$|[1-9])/g, (_match, what: string) => (what === '$' ? '$' : (substitutions[Number(what) - 1] ?? '')));
}

/** `chrome.i18n.getMessage` over the English messages: `$NAME$` through its placeholder's content. */
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

const scope = globalThis as unknown as { chrome?: unknown };
if (scope.chrome === undefined) scope.chrome = { i18n: { getMessage } };
