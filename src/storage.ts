// The only module that touches extension storage. Every key is declared once, with its area,
// its default and why it lives there; nothing secret ever goes to `sync`.
import browser from './browser';
import type { CliMode, HelperPrompt, HelperState, WrittenSection } from './lib/helper-protocol';
import type { KeyInfo } from './lib/key-age';
import type { RotationJournal, RotationReport } from './lib/key-rotation';
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

/** A key's area and its default; the comment above each key says why it lives in that area. */
function key<T>(area: Area, fallback: T) {
	return { area, fallback };
}

const keys = {
	/** Must outlive restarts to know which migrations ran. */
	schemaVersion: key('local', 0),
	/** Settings without secrets; kept across restarts. */
	profiles: key<Profile[]>('local', []),
	/** The profile the popup opens on. */
	activeProfileId: key<string | undefined>('local', undefined),
	/** Only ciphertext; the key to it is never stored on disk. */
	vault: key<Vault | undefined>('local', undefined),
	/** Choices remembered across restarts; nothing secret. */
	preferences: key<Preferences>('local', defaultPreferences),
	/** Written by an upgrade, shown once by the options page after any restart. */
	endpointNotice: key<EndpointMove[] | undefined>('local', undefined),
	/** Memory only: gone when the browser closes, so the vault locks. */
	vaultKey: key<string | undefined>('session', undefined),
	/** Temporary credentials never touch the disk. */
	sessions: key<Record<string, StoredSession>>('session', {}),
	/** Only needed while a code could still be valid. */
	usedCodes: key<Record<string, UsedCode>>('session', {}),
	/** A hash of the last copy, so only our own copy is ever cleared. */
	copiedDigest: key<string | undefined>('session', undefined),
	/** When an idle vault locks; meaningless after a restart. */
	lockAt: key<number | undefined>('session', undefined),
	/** Each profile’s command-line choice; nothing secret. */
	cliModes: key<Record<string, CliMode>>('local', {}),
	/** Credentials-file sections written, removable after a restart. */
	helperSections: key<Record<string, WrittenSection>>('local', {}),
	/** The helper’s connection as last seen; gone with the browser. */
	helperState: key<HelperState>('session', { connected: false, problems: {} }),
	/** A command-line tool waiting for a code; only meaningful now. */
	helperAsk: key<HelperPrompt | undefined>('session', undefined),
	/** The one window the prompt opens in, reused; windows end with the browser. */
	promptWindow: key<number | undefined>('session', undefined),
	/** When the extension opened the toolbar popup for an ask, for that popup to see; only meaningful now. */
	promptOpening: key<number | undefined>('session', undefined),
	/** When each profile was asked for in the last minute, to limit asks; only meaningful now. */
	askTimes: key<Record<string, number[]>>('session', {}),
	/** Wrong passphrases keep counting across a restart. */
	unlockFailures: key<UnlockFailures | undefined>('local', undefined),
	/**
	 * The organisation’s policy as last read: it applies from the first request after a restart,
	 * while the browser takes seconds to deliver managed storage.
	 */
	managedPolicy: key<unknown>('local', undefined),
	/** Sessions the organisation’s policy ended, said until the browser closes. */
	policyNotices: key<string[]>('session', []),
	/** Each key's creation date as IAM told it, shown across restarts; ids and dates only. */
	keyInfo: key<Record<string, KeyInfo>>('local', {}),
	/** A key rotation's step in progress must outlive a crash, so the next start finishes or reports it; ids only. */
	rotation: key<RotationJournal | undefined>('local', undefined),
	/** Why a console sign-in must be made again (AWS Sign-In's refusal), said in the popup after any restart; no token. */
	signinProblems: key<Record<string, string>>('local', {}),
	/** What the last rotation did, said on the options page after any restart. */
	rotationReport: key<RotationReport | undefined>('local', undefined),
};

/** The stored values by key name. */
export type Stored = { [K in keyof typeof keys]: (typeof keys)[K]['fallback'] };
export type StoredKey = keyof Stored;

/**
 * Keys whose change alters nothing a page shows: the idle deadline pushed back on every use of the
 * vault (the lock itself removes the vault key), and the codes already used. Re-reading the state
 * for them would put a whole `getState` in the middle of every refresh.
 */
export type UnseenByPages = Extract<StoredKey, 'lockAt' | 'usedCodes'>;

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

/**
 * A written value as the browser reports it back, to tell this module's own writes from others':
 * JSON with every object's keys sorted, since Chrome reports objects with their keys in its own order.
 */
function asReported(value: unknown): string {
	return (
		JSON.stringify(value, (_key, inner: unknown) =>
			isPlainObject(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner,
		) ?? 'undefined'
	);
}

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

/**
 * Writes several keys of one area in one call, so they change together or not at all. `onAsked` is
 * called once the last of the browser calls has been made (the worker's copy then holds every value).
 */
export async function set(values: Partial<Stored>, onAsked?: () => void): Promise<void> {
	const byArea: Record<Area, Record<string, unknown>> = { local: {}, session: {} };
	const removals: Record<Area, string[]> = { local: [], session: [] };
	for (const [name, value] of Object.entries(values)) {
		const { area } = keys[name as StoredKey];
		if (value === undefined) removals[area].push(name);
		else byArea[area][name] = value;
	}
	const areas = (['local', 'session'] as const).filter((area) => Object.keys(byArea[area]).length + removals[area].length > 0);
	if (areas.length === 0) onAsked?.();
	for (const area of areas) {
		const names = [...Object.keys(byArea[area]), ...removals[area]] as StoredKey[];
		// The copy changes as the write is made, so that the browser's report of it, which may come
		// before the write's own answer, finds the copy already equal to what it reports.
		for (const name of names) {
			const value = byArea[area][name];
			if (!neverKept.has(name)) kept.set(name, { value: Promise.resolve(structuredClone(value)), written: asReported(value) });
		}
		const last = area === areas.at(-1);
		try {
			if (Object.keys(byArea[area]).length > 0) {
				const writing = browser.storage[area].set(byArea[area]);
				if (last && removals[area].length === 0) onAsked?.();
				await writing;
			}
			if (removals[area].length > 0) {
				const removing = browser.storage[area].remove(removals[area]);
				if (last) onAsked?.();
				await removing;
			}
		} catch (error) {
			// Whatever the browser kept of a failed write, the next read asks it.
			for (const name of names) kept.delete(name);
			throw error;
		}
	}
}

let sessionChanges: Promise<unknown> = Promise.resolve();

/**
 * Changes the stored sessions one change at a time, each reading them afresh: two changes made
 * together (roles renewed by alarms due in the same second, a late identity, a policy pass) never
 * undo each other. `change` gives the values to write with the sessions, or nothing to leave them;
 * it must not itself wait for another change of the sessions.
 *
 * By default the promise settles once the browser has written the values. With `until: 'asked'` it
 * settles once `change` has decided and the write has been handed to the browser, which carries it
 * out even if the worker stops; reads in the worker see the new values from then on. A refusal from
 * `change` still rejects; a write the browser fails afterwards is dropped from the worker's copy, so
 * the next read shows what the browser kept.
 */
export function changeSessions(
	change: (sessions: Stored['sessions']) => Partial<Stored> | undefined | Promise<Partial<Stored> | undefined>,
	until: 'written' | 'asked' = 'written',
): Promise<void> {
	let asked: () => void = () => undefined;
	const handedOver = new Promise<void>((resolve) => {
		asked = resolve;
	});
	const next = sessionChanges.then(async () => {
		const values = await change(await get('sessions'));
		if (values) await set(values, asked);
		else asked();
	});
	sessionChanges = next.catch(() => undefined);
	return until === 'written' ? next : Promise.race([handedOver, next]);
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
