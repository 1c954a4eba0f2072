// Ordered upgrades of the local storage area: migrations[n] turns schema n into schema n + 1.
// Each is a small pure function, so a test can feed it data of an older shape.

import { classifyEndpoint } from './lib/endpoint-trust';
import { type EndpointKind, endpointKindsFor } from './lib/endpoints';
import { defaultPreferences } from './lib/model';

/** The schema the code reads and writes. */
export const schemaVersion = 4;

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
	// 2 -> 3: endpoint kinds follow the SDK's rules. A profile that saved "global" for a region the
	// global endpoint does not serve (its sessions fail in opt-in regions), or "fips" where AWS runs
	// no STS FIPS endpoint, moves to regional; the options page says so once (`endpointNotice`).
	({ profiles, ...rest }) => {
		if (!Array.isArray(profiles)) return { ...rest, ...(profiles === undefined ? {} : { profiles }) };
		const moved: EndpointMove[] = [];
		const next = profiles.map((profile: unknown) => {
			if (typeof profile !== 'object' || profile === null) return profile;
			const { endpointKind, ...kept } = profile as Record<string, unknown>;
			const region = String(kept.region);
			if ((endpointKind !== 'global' && endpointKind !== 'fips') || endpointKindsFor(region).includes(endpointKind)) return profile;
			// With a custom endpoint the kind was never used: nothing changes for the person, nothing to say.
			if (kept.endpoint === undefined) moved.push({ name: String(kept.name), region, kind: endpointKind });
			return kept;
		});
		return { ...rest, profiles: next, ...(moved.length > 0 ? { endpointNotice: moved } : {}) };
	},
	// 3 -> 4: the idle lock is never "never" by default any more: a vault that never locked locks
	// after 15 idle minutes (a person may choose "never" again); and an identity learnt from a host
	// that is not AWS's is forgotten, since only AWS's answer may cap a profile's sessions.
	({ preferences, profiles, ...rest }) => ({
		...rest,
		...(isRecord(preferences)
			? { preferences: preferences.autoLockMinutes === 0 ? { ...preferences, autoLockMinutes: 15 } : preferences }
			: {}),
		...(Array.isArray(profiles)
			? {
					profiles: profiles.map((profile: unknown) => {
						if (!isRecord(profile) || typeof profile.endpoint !== 'string' || profile.identityArn === undefined) return profile;
						if (classifyEndpoint(profile.endpoint) === 'aws') return profile;
						const { identityArn: _claimed, ...kept } = profile;
						return kept;
					}),
				}
			: {}),
	}),
];

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A profile the last upgrade moved to the regional endpoint, for the options page to explain. */
export interface EndpointMove {
	name: string;
	region: string;
	kind: Exclude<EndpointKind, 'regional'>;
}

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
