// Ordered upgrades of the local storage area: migrations[n] turns schema n into schema n + 1.
// Each is a small pure function, so a test can feed it data of an older shape.
import { defaultPreferences } from './lib/model';

/** The schema the code reads and writes. */
export const schemaVersion = 2;

/** Stored data of any version, as read from storage before migrating. */
export type RawStorage = Record<string, unknown>;

/** Upgrade steps; never edit a released one, append a new one. */
export const migrations: ReadonlyArray<(data: RawStorage) => RawStorage> = [
	// 0 -> 1: the first schema; nothing older was ever written.
	(data) => data,
	// 1 -> 2: the loose preference keys move into one `preferences` object, which gains the
	// region and clipboard options.
	({ exportFormat, autoLockMinutes, ...rest }) => ({
		...rest,
		preferences: {
			...defaultPreferences,
			// Schema 1 locked never unless told to; a later default must not change that choice.
			autoLockMinutes: 0,
			...(typeof exportFormat === 'string' ? { exportFormat } : {}),
			...(typeof autoLockMinutes === 'number' ? { autoLockMinutes } : {}),
		},
	}),
];

/**
 * The data to write and the keys to remove to bring stored data to the current schema, or
 * undefined when it is current. Empty storage (a new install) starts at the current schema.
 */
export function upgrade(stored: RawStorage): { data: RawStorage; removed: string[] } | undefined {
	const empty = Object.keys(stored).length === 0;
	const from = typeof stored.schemaVersion === 'number' ? stored.schemaVersion : empty ? schemaVersion : 0;
	if (from >= schemaVersion && stored.schemaVersion !== undefined) return undefined;
	let data = stored;
	for (const step of migrations.slice(from)) data = step(data);
	return { data: { ...data, schemaVersion }, removed: Object.keys(stored).filter((name) => !(name in data)) };
}
