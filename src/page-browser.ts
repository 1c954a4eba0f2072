// The extension API for pages. Pages only make promise-based calls that every MV3 browser offers
// natively (`browser` in Firefox, `chrome` in Chrome), so they skip the polyfill and its weight;
// the service worker goes through the polyfill in `browser.ts`.
import type { Browser } from 'webextension-polyfill';

const native = globalThis as unknown as { browser?: Browser; chrome?: Browser };

const api = (native.browser?.runtime ? native.browser : native.chrome) as Browser;

export default api;
