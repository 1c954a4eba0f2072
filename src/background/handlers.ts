// The message table: every request a page can make, as a plain async function. Pages get their
// types from here through `send`, by a type-only import.
import browser from '../browser';
import { t } from '../i18n';
import { type ExportFormat, isExportFormat } from '../lib/export-formats';
import { autoLockChoices, clearClipboardChoices, type Preferences, type PublicState, type SessionSummary, warnChoices } from '../lib/model';
import { parseSettingsJson, settingsToJson } from '../lib/settings-file';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { scheduleClear } from './clipboard';
import { scheduleExpiryWarnings } from './expiry-warning';
import { exportText } from './export';
import { helperHandlers } from './helper-sync';
import { deleteProfile, type SaveProfileRequest, saveProfile } from './profiles';
import { findProfile, refresh } from './refresh';
import { changePassphrase, forgetSecrets, lock, touchVault, unlock, vaultState } from './vault';

async function getState(): Promise<PublicState> {
	const [profiles, activeProfileId, sessions, preferences, vault] = await Promise.all([
		storage.get('profiles'),
		storage.get('activeProfileId'),
		storage.get('sessions'),
		storage.get('preferences'),
		vaultState(),
	]);
	const summaries: Record<string, SessionSummary> = {};
	for (const [id, { expiration, obtainedAt, identity, note }] of Object.entries(sessions))
		summaries[id] = { expiration, obtainedAt, identity, note };
	return { profiles, activeProfileId, sessions: summaries, preferences, ...vault };
}

/** Changes some preferences, each checked against its choices. */
async function setPreferences(change: Partial<Preferences>): Promise<void> {
	const { exportFormat, includeRegion, autoLockMinutes, clearClipboardSeconds, warnMinutesBefore } = change;
	if (exportFormat !== undefined && !isExportFormat(exportFormat)) throw new UserError(t('chooseFormat'), 'session');
	if (includeRegion !== undefined && typeof includeRegion !== 'boolean') throw new UserError(t('chooseIncludeRegion'), 'session');
	if (autoLockMinutes !== undefined && !autoLockChoices.includes(autoLockMinutes)) throw new UserError(t('chooseIdleTime'), 'autoLock');
	if (clearClipboardSeconds !== undefined && !clearClipboardChoices.includes(clearClipboardSeconds)) {
		throw new UserError(t('chooseClearDelay'), 'clearClipboard');
	}
	if (warnMinutesBefore !== undefined && !warnChoices.includes(warnMinutesBefore)) throw new UserError(t('chooseWarningTime'), 'warning');
	const current = await storage.get('preferences');
	const next: Preferences = {
		exportFormat: exportFormat ?? current.exportFormat,
		includeRegion: includeRegion ?? current.includeRegion,
		autoLockMinutes: autoLockMinutes ?? current.autoLockMinutes,
		clearClipboardSeconds: clearClipboardSeconds ?? current.clearClipboardSeconds,
		warnMinutesBefore: warnMinutesBefore ?? current.warnMinutesBefore,
	};
	await storage.set({ preferences: next });
	if (warnMinutesBefore !== undefined) await scheduleExpiryWarnings();
	if (autoLockMinutes !== undefined && !(await vaultState()).locked) await touchVault();
}

/** Adds the profiles of a settings file (same name: settings replaced, secret kept) and its preferences. */
async function importSettings(request: { text: string }): Promise<{ added: number; updated: number }> {
	const parsed = parseSettingsJson(String(request.text));
	if (!parsed.ok) throw new UserError(parsed.error, 'settingsFile');
	const profiles = await storage.get('profiles');
	let added = 0;
	const merged = [...profiles];
	for (const settings of parsed.value.profiles) {
		const at = merged.findIndex((saved) => saved.name.toLowerCase() === settings.name.toLowerCase());
		if (at >= 0) merged[at] = { id: merged[at]?.id ?? crypto.randomUUID(), ...settings };
		else {
			merged.push({ id: crypto.randomUUID(), ...settings });
			added += 1;
		}
	}
	await storage.set({ profiles: merged, preferences: parsed.value.preferences });
	return { added, updated: parsed.value.profiles.length - added };
}

/** Every request the extension's pages may make, by name. */
export const handlers = {
	getState,
	saveProfile: (request: SaveProfileRequest) => saveProfile(request),
	deleteProfile: async (request: { profileId: string }) => deleteProfile(request.profileId),
	unlock: async (request: { passphrase: string }) => unlock(request.passphrase),
	lock: async () => lock(),
	changePassphrase,
	forgetSecrets: async () => forgetSecrets(),
	setPreferences,
	exportSettings: async () => settingsToJson(await storage.get('profiles'), await storage.get('preferences')),
	importSettings,
	refresh: async (request: { profileId: string; code: string; passphrase?: string }) => {
		if (request.passphrase !== undefined && (await vaultState()).locked) await unlock(request.passphrase);
		return refresh(request.profileId, request.code);
	},
	exportSession: (request: { profileId: string; format: ExportFormat }) => exportText(request.profileId, request.format),
	noteCopied: (request: { digest: string }) => scheduleClear(String(request.digest)),
	commandShortcuts: async () =>
		(await browser.commands.getAll()).map(({ name, description, shortcut }) => ({ name, description, shortcut })),
	chooseProfile: async (request: { profileId: string }) => {
		await storage.set({ activeProfileId: (await findProfile(request.profileId)).id });
	},
	...helperHandlers,
};
