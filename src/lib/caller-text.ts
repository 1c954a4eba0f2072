// The command line of a `credential_process` caller, as the prompt shows it. It comes from the
// caller's parent process, which can say anything: it is cleaned and cut before anyone reads it.

/** The most of a command line the prompt shows, in characters. */
export const maxCallerChars = 120;

/**
 * The caller's command line with nothing that could disguise it: control characters and line
 * breaks become spaces; format characters (bidi overrides and isolates, zero-width characters),
 * surrogates, private-use and unassigned code points are dropped; runs of spaces become one; a
 * longer text is cut to `max` characters (`maxCallerChars` unless said) with an ellipsis.
 */
export function callerText(raw: string, max = maxCallerChars): string {
	const cleaned = raw
		.replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ')
		.replace(/[\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu, '')
		.replace(/\s+/g, ' ')
		.trim();
	const characters = [...cleaned];
	return characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : cleaned;
}
