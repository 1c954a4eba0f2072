// The settings file: exported without secrets or preset profiles, and imported exactly as its
// preview showed it, within the organisation's policy.
import browser from '../browser';
import { t } from '../i18n';
import { applyImport, type ImportPlan, importEffects, planImport } from '../lib/import-plan';
import { isRole, type Preferences } from '../lib/model';
import { forbiddenPreferences, presetOf, profileRefusal } from '../lib/policy-rules';
import { parseSettingsJson, settingsToJson } from '../lib/settings-file';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { scheduleExpiryWarnings } from './expiry-warning';
import { currentPolicy, refusedByPolicy } from './policy';
import { endSessions } from './roles';
import { removeSecret, touchVault, vaultState } from './vault';

/** The person's own profiles and preferences as a file, unless the policy forbids exporting. */
export async function exportSettings(): Promise<string> {
	const { policy } = await currentPolicy();
	if (!policy.allowSettingsExport) throw refusedByPolicy({ field: 'settingsFile', message: t('policyExportOff') }, policy);
	// Preset profiles come from the organisation on every machine: the file carries the person's own.
	const own = (await storage.get('profiles')).filter((profile) => !profile.managed);
	return settingsToJson(own, await storage.get('preferences'));
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
async function preview(request: { text: string }) {
	const { policy } = await currentPolicy();
	if (!policy.allowSettingsImport) throw refusedByPolicy({ field: 'settingsFile', message: t('policyImportOff') }, policy);
	const parsed = parseSettingsJson(request.text, await storage.get('profiles'));
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

/** What importing a settings file would change; nothing changes yet. */
export async function previewSettings(request: { text: string }): Promise<ImportPlan> {
	return (await preview(request)).plan;
}

/**
 * Imports a settings file exactly as its preview showed it: if anything saved changed since, the
 * import is refused and the person sees a new preview. Sessions of profiles whose endpoint, key
 * or device changed end; secrets stay with their profiles.
 */
export async function importSettings(request: { text: string; plan: ImportPlan }): Promise<{ added: number; updated: number }> {
	const { parsed, plan } = await preview(request);
	if (JSON.stringify(plan) !== JSON.stringify(request.plan)) throw new UserError(t('settingsChangedSincePreview'), 'settingsFile');
	const [profiles, preferences] = await Promise.all([storage.get('profiles'), storage.get('preferences')]);
	const merged = applyImport(profiles, parsed.profiles, () => crypto.randomUUID());
	const applied = Object.fromEntries(
		Object.entries(parsed.preferences).filter(([name]) => !plan.skipped.includes(name as keyof Preferences)),
	);
	await storage.set({ profiles: merged, preferences: { ...preferences, ...applied } });
	const effects = importEffects(plan, profiles, merged);
	await endSessions(effects.endSessions);
	// An MFA profile the file makes a role keeps no key.
	for (const id of effects.removeSecrets) await removeSecret(id);
	await scheduleExpiryWarnings();
	if (!(await vaultState()).locked) await touchVault();
	return { added: plan.added.length, updated: plan.changed.length };
}
