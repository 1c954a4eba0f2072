// The one place the polyfill is imported: Chrome now ships `browser` natively and the polyfill is
// frozen, so dropping it later must be a one-file change.
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Storage, Tabs } from 'webextension-polyfill';
