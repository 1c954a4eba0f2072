// The pages' one view of the extension: the public state, re-read whenever storage changes.
import { useEffect, useState } from 'preact/hooks';
import type { PublicState } from '../lib/model';
import { send } from '../messages';
import { onChanged } from '../storage';

/** The current public state, or undefined until the service worker has answered once. */
export function useExtensionState(): PublicState | undefined {
	const [state, setState] = useState<PublicState>();
	useEffect(() => {
		let live = true;
		const reload = () => {
			send('getState').then(
				(next) => live && setState(next),
				() => {},
			);
		};
		reload();
		const stop = onChanged(reload);
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
