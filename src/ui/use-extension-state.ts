// The pages' one view of the extension: the public state, re-read whenever storage changes.
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import type { PublicState } from '../lib/model';
import { send } from '../messages';
import { onStorageChange } from './storage-change';

// Asked for as soon as the page's script runs, before the first render, so the answer is on its
// way while Preact draws the loading state.
let first: Promise<PublicState> | undefined = send('getState');
first.catch(() => {});

/** The current public state, or undefined until the service worker has answered once. */
export function useExtensionState(): PublicState | undefined {
	const [state, setState] = useState<PublicState>();
	// A layout effect runs right after the first render, not a frame later, so the first answer is
	// shown the moment it arrives.
	useLayoutEffect(() => {
		let live = true;
		let latest = 0;
		const reload = (request: Promise<PublicState> = send('getState')) => {
			// Several storage changes in a row each ask; only the newest answer is shown.
			const ticket = ++latest;
			request.then(
				(next) => live && ticket === latest && setState(next),
				() => {},
			);
		};
		reload(first);
		first = undefined;
		// Not for the keys whose change alters nothing a page shows (storage.ts, UnseenByPages).
		const stop = onStorageChange('shown', () => reload());
		return () => {
			live = false;
			stop();
		};
	}, []);
	return state;
}

/** The current time, updated every `intervalMs`, for countdowns. */
export function useNow(intervalMs = 15_000): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), intervalMs);
		return () => clearInterval(timer);
	}, [intervalMs]);
	return now;
}
