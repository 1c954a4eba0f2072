// The message table: every request a page can make, as a plain async function. Pages get their
// types from here through `send`, by a type-only import.
import browser from '../browser';
import { t } from '../i18n';
import { digestOf } from '../lib/clipboard-text';
import { classifyEndpoint, endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import type { ExportFormat } from '../lib/export-formats';
import { applyImport, type ImportPlan, planImport } from '../lib/import-plan';
import { type ForeignEndpoint, isRole, type Preferences, type PublicState, type SessionSummary } from '../lib/model';
import { forbiddenPreferences, presetOf, profileRefusal } from '../lib/policy-rules';
import { checkPreferences, preferenceField } from '../lib/preferences-check';
import { parseSettingsJson, settingsToJson } from '../lib/settings-file';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { scheduleClear } from './clipboard';
import { openConsole } from './console';
import { scheduleExpiryWarnings } from './expiry-warning';
import { exportText } from './export';
import { helperHandlers } from './helper-sync';
import { currentPolicy, policyToShow, refusedByPolicy } from './policy';
import { deleteProfile, type SaveProfileRequest, saveConfigProfiles, saveProfile } from './profiles';
import { findProfile, missingHostPermission, refresh } from './refresh';
import { endSessions } from './roles';
import { resumeRotation, rotateKey } from './rotate';
import { changePassphrase, forgetSecrets, lock, removePasskey, removeSecret, touchVault, unlock, vaultState } from './vault';

async function getState(): Promise<PublicState> {
	const [
		profiles,
		activeProfileId,
		sessions,
		preferences,
		vault,
		{ policy, problems, pending },
		policyNotices,
		keyInfo,
		rotation,
		rotationReport,
	] = await Promise.all([
		storage.get('profiles'),
		storage.get('activeProfileId'),
		storage.get('sessions'),
		storage.get('preferences'),
		vaultState(),
		// Never managed storage itself: on a browser that just started it answers only seconds later.
		policyToShow(),
		storage.get('policyNotices'),
		storage.get('keyInfo'),
		storage.get('rotation'),
		storage.get('rotationReport'),
	]);
	const summaries: Record<string, SessionSummary> = {};
	for (const [id, { expiration, obtainedAt, identity, note }] of Object.entries(sessions))
		summaries[id] = { expiration, obtainedAt, identity, note };
	const foreignEndpoints: Record<string, ForeignEndpoint> = {};
	for (const profile of profiles) {
		const endpoint = endpointOf(profile);
		if (classifyEndpoint(endpoint) !== 'aws')
			foreignEndpoints[profile.id] = { host: new URL(endpoint).host, confirmed: !unconfirmedHost(profile) };
	}
	// Every profile's permission asked at once, not one after another: the popup waits for this answer.
	const missing = await Promise.all(profiles.map(async (profile) => [profile.id, await missingHostPermission(profile)] as const));
	const missingHosts = Object.fromEntries(missing.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
	const policyState = { policy, policyProblems: problems, policyNotices, policyPending: pending };
	const keys = { keyInfo, rotation, rotationReport };
	return { profiles, activeProfileId, sessions: summaries, preferences, foreignEndpoints, missingHosts, ...policyState, ...vault, ...keys };
}

/** Changes some preferences, each checked against its choices; an unknown one is refused. */
async function setPreferences(change: Partial<Preferences>): Promise<void> {
	const checked = checkPreferences(change);
	if (!checked.ok) throw new UserError(checked.error, checked.field);
	const { policy } = await currentPolicy();
	const [forbidden] = forbiddenPreferences(checked.value, policy);
	if (forbidden) throw refusedByPolicy({ field: preferenceField(forbidden), message: t('policyPreferenceLocked') }, policy);
	await storage.set({ preferences: { ...(await storage.get('preferences')), ...checked.value } });
	if (checked.value.warnMinutesBefore !== undefined) await scheduleExpiryWarnings();
	if (checked.value.autoLockMinutes !== undefined && !(await vaultState()).locked) await touchVault();
}

/**
 * Preferences a file may not set: those that need a permission the person has not granted (only a
 * click can ask for it), and switching the idle lock off.
 */
async function notImportable(preferences: Partial<Preferences>): Promise<(keyof Preferences)[]> {
	const needs: [keyof Preferences, 'clipboardRead' | 'notifications'][] = [
		['clearClipboardSeconds', 'clipboardRead'],
		['warnMinutesBefore', 'notifications'],
	];
	const missing: (keyof Preferences)[] = preferences.autoLockMinutes === 0 ? ['autoLockMinutes'] : [];
	for (const [name, permission] of needs) {
		if (Number(preferences[name] ?? 0) > 0 && !(await browser.permissions.contains({ permissions: [permission] }))) missing.push(name);
	}
	return missing;
}

/** Reads a settings file and works out what importing it would change; nothing changes yet. */
async function previewSettings(request: { text: string }) {
	const { policy } = await currentPolicy();
	if (!policy.allowSettingsImport) throw refusedByPolicy({ field: 'settingsFile', message: t('policyImportOff') }, policy);
	const parsed = parseSettingsJson(String(request.text), await storage.get('profiles'));
	if (!parsed.ok) throw new UserError(parsed.error, 'settingsFile');
	// A profile roles are assumed from stays an MFA profile, as on the options page.
	const saved = await storage.get('profiles');
	const sources = new Set([
		...saved.filter(isRole).map((role) => saved.find((profile) => profile.id === role.sourceProfileId)?.name.toLowerCase()),
		...parsed.value.profiles.filter(isRole).map((role) => role.sourceProfile.toLowerCase()),
	]);
	const madeRole = parsed.value.profiles.find((settings) => isRole(settings) && sources.has(settings.name.toLowerCase()));
	if (madeRole) throw new UserError(t('importSourceMadeRole', madeRole.name), 'settingsFile');
	for (const profile of parsed.value.profiles) {
		const refusal = presetOf(profile.name, policy) ? { message: t('policyLockedField') } : profileRefusal(profile, policy);
		if (refusal) throw refusedByPolicy({ field: 'settingsFile', message: `${profile.name}: ${refusal.message}` }, policy);
	}
	const skipped = [...(await notImportable(parsed.value.preferences)), ...forbiddenPreferences(parsed.value.preferences, policy)];
	const plan = planImport(await storage.get('profiles'), await storage.get('preferences'), parsed.value, skipped);
	return { parsed: parsed.value, plan };
}

/**
 * Imports a settings file exactly as its preview showed it: if anything saved changed since, the
 * import is refused and the person sees a new preview. Sessions of profiles whose endpoint, key
 * or device changed end; secrets stay with their profiles.
 */
async function importSettings(request: { text: string; plan: ImportPlan }): Promise<{ added: number; updated: number }> {
	const { parsed, plan } = await previewSettings(request);
	if (JSON.stringify(plan) !== JSON.stringify(request.plan)) throw new UserError(t('settingsChangedSincePreview'), 'settingsFile');
	const ending = new Set(plan.changed.filter((change) => change.endsSession).map((change) => change.name.toLowerCase()));
	const [profiles, preferences] = await Promise.all([storage.get('profiles'), storage.get('preferences')]);
	const merged = applyImport(profiles, parsed.profiles, () => crypto.randomUUID());
	const applied = Object.fromEntries(
		Object.entries(parsed.preferences).filter(([name]) => !plan.skipped.includes(name as keyof Preferences)),
	);
	await storage.set({ profiles: merged, preferences: { ...preferences, ...applied } });
	const changed = profiles.filter((profile) => ending.has(profile.name.toLowerCase()));
	await endSessions(changed.map((profile) => profile.id));
	// An MFA profile the file makes a role keeps no key.
	for (const profile of changed)
		if (!isRole(profile) && merged.some((next) => next.id === profile.id && isRole(next))) await removeSecret(profile.id);
	await scheduleExpiryWarnings();
	if (!(await vaultState()).locked) await touchVault();
	return { added: plan.added.length, updated: plan.changed.length };
}

/** Every request the extension's pages may make, by name. */
export const handlers = {
	getState,
	saveProfile: (request: SaveProfileRequest) => saveProfile(request),
	saveConfigProfiles,
	deleteProfile: async (request: { profileId: string }) => deleteProfile(request.profileId),
	unlock: async (request: { passphrase: string }) => unlock(request.passphrase),
	lock: async () => lock(),
	changePassphrase,
	forgetSecrets: async () => forgetSecrets(),
	removePasskey: async (request: { id: string }) => removePasskey(request.id),
	setPreferences,
	exportSettings: async () => {
		const { policy } = await currentPolicy();
		if (!policy.allowSettingsExport) throw refusedByPolicy({ field: 'settingsFile', message: t('policyExportOff') }, policy);
		// Preset profiles come from the organisation on every machine: the file carries the person's own.
		const own = (await storage.get('profiles')).filter((profile) => !profile.managed);
		return settingsToJson(own, await storage.get('preferences'));
	},
	dismissPolicyNotices: async () => storage.set({ policyNotices: [] }),
	previewSettings: async (request: { text: string }) => (await previewSettings(request)).plan,
	importSettings,
	/** A new session; a role assumed from its source's live session needs no code. */
	refresh: async (request: { profileId: string; code?: string; passphrase?: string }) => {
		if (request.passphrase !== undefined && (await vaultState()).locked) await unlock(request.passphrase);
		return refresh(request.profileId, request.code === undefined ? undefined : String(request.code));
	},
	/** A session's text; `copy` arranges the clipboard clearing before the page writes it, so closing the page cannot skip it. */
	exportSession: async (request: { profileId: string; format: ExportFormat; copy?: boolean }) => {
		const text = await exportText(request.profileId, request.format);
		if (request.copy === true) await scheduleClear(await digestOf(text));
		return text;
	},
	/** A copy the person made from a page's own field (the export text): cleared as a copy by the Copy button is. */
	noteCopy: async (request: { digest: string }) => {
		const digest = String(request?.digest ?? '');
		if (!/^[0-9a-f]{64}$/.test(digest)) throw new UserError(t('copyFailed'), 'session');
		await scheduleClear(digest);
	},
	commandShortcuts: async () =>
		(await browser.commands.getAll()).map(({ name, description, shortcut }) => ({ name, description, shortcut })),
	chooseProfile: async (request: { profileId: string }) => {
		await storage.set({ activeProfileId: (await findProfile(request.profileId)).id });
	},
	/** The profiles the last upgrade moved to the regional endpoint; said once, so taking them clears them. */
	takeEndpointNotice: async () => {
		const notice = (await storage.get('endpointNotice')) ?? [];
		if (notice.length > 0) await storage.set({ endpointNotice: undefined });
		return notice;
	},
	/** A new key for an MFA profile, through its live session; the old one deleted unless kept. */
	rotateKey,
	/** Finishes or reports a rotation left half-way. */
	resumeRotation: async (request?: { code?: string }) => resumeRotation(request?.code === undefined ? undefined : String(request.code)),
	dismissRotationReport: async () => storage.set({ rotationReport: undefined }),
	/** A new tab signed in to the AWS console as a role's live session. */
	openConsole: async (request: { profileId: string }) => openConsole(String(request.profileId)),
	...helperHandlers,
};
