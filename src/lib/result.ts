/** A checked value, or the message to show at its field. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: string };
