// Ordered upgrades of the local storage area: migrations[n] turns schema n into schema n + 1.
// Each is a small pure function, so a test can feed it data of an older shape.

/** The schema the code reads and writes. */
export const schemaVersion = 1;

/** Stored data of any version, as read from storage before migrating. */
export type RawStorage = Record<string, unknown>;

/** Upgrade steps; never edit a released one, append a new one. */
export const migrations: ReadonlyArray<(data: RawStorage) => RawStorage> = [
	// 0 -> 1: the first schema; nothing older was ever written.
	(data) => data,
];
