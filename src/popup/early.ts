// The popup's first view, read from storage by the page as soon as its script runs, beside the
// worker's `getState`: the code field is drawn from it without waiting for the worker.
import { useLayoutEffect, useState } from 'preact/hooks';
import { type EarlyView, earlyLocalKeys, earlySessionKeys, earlyView } from '../lib/early-view';
import browser from '../page-browser';

const prompt = new URLSearchParams(location.search).has('prompt');

const first: Promise<EarlyView | undefined> = Promise.all([
	browser.storage.local.get(earlyLocalKeys),
	browser.storage.session.get(earlySessionKeys),
]).then(
	([local, session]) => earlyView(local, session, Date.now(), prompt),
	() => undefined,
);

/** The first view, once storage has answered; undefined before, or when it could not be read. */
export function useEarlyView(): EarlyView | undefined {
	const [view, setView] = useState<EarlyView>();
	useLayoutEffect(() => void first.then(setView), []);
	return view;
}
