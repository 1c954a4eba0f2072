// The extension API for the service worker: the promise-based `browser` namespace that Firefox has
// always had and Chrome has from 148 (manifest.json's minimum_chrome_version), its message listeners
// answering with the promise they return. webextension-polyfill, which did the same on older Chrome,
// gives only its types here: on these browsers it only stepped aside, at 3.9 KB gzip.
import type { Browser } from 'webextension-polyfill';

const browser = (globalThis as unknown as { browser: Browser }).browser;

export default browser;
export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
