// The message table: every request a page can make, by name, each a plain async function of the
// module that does it. Pages get their types from here through `send`, by a type-only import;
// listen.ts checks each payload against lib/request-check.ts before the handler runs.
import type { RequestName } from '../lib/request-check';
import * as storage from '../storage';
import { commandShortcuts } from './commands';
import { openConsole } from './console';
import { exportSession, noteCopy } from './export';
import { helperHandlers } from './helper-sync';
import { dismissPolicyNotices } from './policy';
import { setPreferences } from './preferences';
import { chooseProfile, deleteProfile, saveConfigProfiles, saveProfile } from './profiles';
import { refreshFromPage } from './refresh';
import { resumeRotation, rotateKey } from './rotate';
import { exportSettings, importSettings, previewSettings } from './settings-file';
import { saveConsoleProfile, storeSignin } from './signin';
import { getState, takeEndpointNotice } from './state';
import { changePassphrase, forgetSecrets, lock, removePasskey, unlock } from './vault';

/** Every request the extension's pages may make, by name. */
export const handlers = {
	getState,
	saveProfile,
	saveConfigProfiles,
	/** A console sign-in profile: a name and a region, no key. */
	saveConsoleProfile,
	/** Seals the sign-in the options page made and keeps its first credentials. */
	storeSignin,
	deleteProfile: async (request: { profileId: string }) => deleteProfile(request.profileId),
	unlock: async (request: { passphrase: string }) => unlock(request.passphrase),
	lock: async () => lock(),
	changePassphrase,
	forgetSecrets: async () => forgetSecrets(),
	removePasskey: async (request: { id: string }) => removePasskey(request.id),
	setPreferences,
	exportSettings,
	dismissPolicyNotices: async () => dismissPolicyNotices(),
	previewSettings,
	importSettings,
	refresh: refreshFromPage,
	exportSession,
	noteCopy,
	commandShortcuts,
	chooseProfile,
	takeEndpointNotice,
	/** A new key for an MFA profile, through its live session; the old one deleted unless kept. */
	rotateKey,
	/** Finishes or reports a rotation left half-way. */
	resumeRotation: async (request: { code?: string }) => resumeRotation(request.code),
	dismissRotationReport: async () => storage.set({ rotationReport: undefined }),
	openConsole: async (request: { profileId: string }) => openConsole(request.profileId),
	...helperHandlers,
} satisfies Record<RequestName, (payload: never) => Promise<unknown>>;

/** Every message has its payload check in lib/request-check.ts, and every check its message. */
export const everyRequestChecked: Record<Exclude<keyof typeof handlers, RequestName>, never> = {};
