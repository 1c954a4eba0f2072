// Times as credential consumers parse them: the helper's and the exports', not the popup's.

/** "2026-11-23T08:40:32Z": RFC 3339 in UTC to the second, which every AWS tool parses. */
export function toRfc3339Utc(date: Date | string): string {
	const time = typeof date === 'string' ? new Date(date) : date;
	if (Number.isNaN(time.getTime())) throw new RangeError(`Not a time: ${String(date)}`);
	return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
