// Pages follow what is stored through `storage.onChanged`, by the storage module's own key names
// (a type-only import: the pages never load the worker's storage code).
import browser from '../page-browser';
import type { StoredKey, UnseenByPages } from '../storage';

const unseen: Record<UnseenByPages, true> = { lockAt: true, usedCodes: true };

/**
 * Calls `fn` when one of `names` changes, in any area, or with 'shown' when any key changes that
 * alters what a page shows; returns the unsubscribe.
 */
export function onStorageChange(names: readonly StoredKey[] | 'shown', fn: () => void): () => void {
	const listener = (changes: Record<string, unknown>) => {
		const changed = Object.keys(changes);
		if (names === 'shown' ? changed.some((name) => !Object.hasOwn(unseen, name)) : names.some((name) => changed.includes(name))) fn();
	};
	browser.storage.onChanged.addListener(listener);
	return () => browser.storage.onChanged.removeListener(listener);
}
