// The only module that touches extension storage. Every key is declared once, with its area,
// its default and why it lives there; nothing secret ever goes to `sync`.
import browser from './browser';
import type { CliMode, HelperPrompt, HelperState, WrittenSection } from './lib/helper-protocol';
import {
	defaultPreferences,
	type Preferences,
	type Profile,
	type StoredSession,
	type UnlockFailures,
	type UsedCode,
	type Vault,
} from './lib/model';
import { schemaVersion as currentSchema, type EndpointMove, upgrade } from './migrations';

type Area = 'local' | 'session';

function key<T>(area: Area, fallback: T, _why: string) {
	return { area, fallback };
}

const keys = {
	schemaVersion: key('local', 0, 'must outlive restarts to know which migrations ran'),
	profiles: key<Profile[]>('local', [], 'settings without secrets; kept across restarts'),
	activeProfileId: key<string | undefined>('local', undefined, 'the profile the popup opens on'),
	vault: key<Vault | undefined>('local', undefined, 'only ciphertext; the key to it is never stored on disk'),
	preferences: key<Preferences>('local', defaultPreferences, 'choices remembered across restarts; nothing secret'),
	endpointNotice: key<EndpointMove[] | undefined>(
		'local',
		undefined,
		'written by an upgrade, shown once by the options page after any restart',
	),
	vaultKey: key<string | undefined>('session', undefined, 'memory only: gone when the browser closes, so the vault locks'),
	sessions: key<Record<string, StoredSession>>('session', {}, 'temporary credentials never touch the disk'),
	usedCodes: key<Record<string, UsedCode>>('session', {}, 'only needed while a code could still be valid'),
	copiedDigest: key<string | undefined>('session', undefined, 'a hash of the last copy, so only our own copy is ever cleared'),
	lockAt: key<number | undefined>('session', undefined, 'when an idle vault locks; meaningless after a restart'),
	cliModes: key<Record<string, CliMode>>('local', {}, 'each profile’s command-line choice; nothing secret'),
	helperSections: key<Record<string, WrittenSection>>('local', {}, 'credentials-file sections written, removable after a restart'),
	helperState: key<HelperState>(
		'session',
		{ connected: false, problems: {} },
		'the helper’s connection as last seen; gone with the browser',
	),
	helperAsk: key<HelperPrompt | undefined>('session', undefined, 'a command-line tool waiting for a code; only meaningful now'),
	promptWindow: key<number | undefined>('session', undefined, 'the one window the prompt opens in, reused; windows end with the browser'),
	promptOpening: key<number | undefined>(
		'session',
		undefined,
		'when the extension opened the toolbar popup for an ask, for that popup to see; only meaningful now',
	),
	askTimes: key<Record<string, number[]>>(
		'session',
		{},
		'when each profile was asked for in the last minute, to limit asks; only meaningful now',
	),
	unlockFailures: key<UnlockFailures | undefined>('local', undefined, 'wrong passphrases keep counting across a restart'),
	managedPolicy: key<unknown>(
		'local',
		undefined,
		'the organisation’s policy as last read: it applies from the first request after a restart, while the browser takes seconds to deliver managed storage',
	),
	policyNotices: key<string[]>('session', [], 'sessions the organisation’s policy ended, said until the browser closes'),
};

/** The stored values by key name. */
export type Stored = { [K in keyof typeof keys]: (typeof keys)[K]['fallback'] };
export type StoredKey = keyof Stored;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What the worker last read or wrote of each key, while it lives: one refresh used to read
 * `sessions` 12 times and `profiles` 10 times, each a round trip to the browser. This module is the
 * only writer, so a write replaces the copy, and the browser's report of that write keeps it; any
 * other change the browser reports (the person's own devtools, say) drops it, so the next read asks
 * the browser again. Every reader gets its own copy. The vault's key is not kept here: it is read
 * each time it is needed.
 */
const kept = new Map<StoredKey, { value: Promise<unknown>; written?: string }>();
const neverKept: ReadonlySet<StoredKey> = new Set(['vaultKey']);

/** A written value as the browser reports it back, to tell this module's own writes from others'. */
const asReported = (value: unknown) => JSON.stringify(value) ?? 'undefined';

browser.storage.onChanged.addListener((changes) => {
	for (const [name, change] of Object.entries(changes)) {
		const entry = kept.get(name as StoredKey);
		if (entry && (entry.written === undefined || entry.written !== asReported((change as { newValue?: unknown }).newValue)))
			kept.delete(name as StoredKey);
	}
});

function stored(name: StoredKey): Promise<unknown> {
	const known = kept.get(name);
	if (known) return known.value;
	const read = browser.storage[keys[name].area].get(name).then((found) => found[name]);
	if (neverKept.has(name)) return read;
	const entry = { value: read };
	kept.set(name, entry);
	read.catch(() => kept.get(name) === entry && kept.delete(name));
	return read;
}

/** Reads one key, or its default. */
export async function get<K extends StoredKey>(name: K): Promise<Stored[K]> {
	const { fallback } = keys[name];
	const value: unknown = structuredClone(await stored(name));
	if (isPlainObject(fallback) && isPlainObject(value)) return { ...fallback, ...value } as Stored[K];
	return (value ?? fallback) as Stored[K];
}

/** Writes several keys of one area in one call, so they change together or not at all. */
export async function set(values: Partial<Stored>): Promise<void> {
	const byArea: Record<Area, Record<string, unknown>> = { local: {}, session: {} };
	const removals: Record<Area, string[]> = { local: [], session: [] };
	for (const [name, value] of Object.entries(values)) {
		const { area } = keys[name as StoredKey];
		if (value === undefined) removals[area].push(name);
		else byArea[area][name] = value;
	}
	for (const area of ['local', 'session'] as const) {
		const names = [...Object.keys(byArea[area]), ...removals[area]] as StoredKey[];
		try {
			if (Object.keys(byArea[area]).length > 0) await browser.storage[area].set(byArea[area]);
			if (removals[area].length > 0) await browser.storage[area].remove(removals[area]);
		} catch (error) {
			// Whatever the browser kept of a failed write, the next read asks it.
			for (const name of names) kept.delete(name);
			throw error;
		}
		for (const name of names) {
			const value = byArea[area][name];
			if (!neverKept.has(name)) kept.set(name, { value: Promise.resolve(structuredClone(value)), written: asReported(value) });
		}
	}
}

let sessionChanges: Promise<unknown> = Promise.resolve();

/**
 * Changes the stored sessions one change at a time, each reading them afresh: two changes made
 * together (roles renewed by alarms due in the same second, a late identity, a policy pass) never
 * undo each other. `change` gives the values to write with the sessions, or nothing to leave them;
 * it must not itself wait for another change of the sessions.
 */
export function changeSessions(
	change: (sessions: Stored['sessions']) => Partial<Stored> | undefined | Promise<Partial<Stored> | undefined>,
): Promise<void> {
	const next = sessionChanges.then(async () => {
		const values = await change(await get('sessions'));
		if (values) await set(values);
	});
	sessionChanges = next.catch(() => undefined);
	return next;
}

/** Calls back with the names of the keys that changed, in any area; returns the unsubscribe. */
export function onChanged(callback: (names: StoredKey[]) => void): () => void {
	const listener = (changes: Record<string, unknown>) => {
		const names = Object.keys(changes).filter((name): name is StoredKey => name in keys);
		if (names.length > 0) callback(names);
	};
	browser.storage.onChanged.addListener(listener);
	return () => browser.storage.onChanged.removeListener(listener);
}

/**
 * The organisation's policy as the browser delivers it (`storage.managed`, read-only); nothing when
 * there is none. Firefox without a policy, or a browser without managed storage, rejects the read.
 */
export async function getManaged(): Promise<unknown> {
	return browser.storage.managed.get(null).catch(() => ({}));
}

/** Calls back when the organisation's policy changes (Chrome applies a new policy without a restart). */
export function onManagedChanged(callback: () => void): void {
	browser.storage.onChanged.addListener((_changes, area) => {
		if (area === 'managed') callback();
	});
}

/**
 * Brings stored data up to the current schema: the upgraded keys and the new version are written
 * in one call, then keys the schema no longer has are removed (left over, they would be harmless).
 */
export async function migrate(): Promise<void> {
	const { schemaVersion: version } = await browser.storage.local.get('schemaVersion');
	if (version === currentSchema) return;
	const stored = await browser.storage.local.get(null);
	const upgraded = upgrade(stored);
	if (!upgraded) return;
	kept.clear();
	await browser.storage.local.set(upgraded.data);
	if (upgraded.removed.length > 0) await browser.storage.local.remove(upgraded.removed);
	kept.clear();
}
