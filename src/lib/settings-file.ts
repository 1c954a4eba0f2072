// Settings without secrets, as a JSON file for backup or another machine, and a profile started
// from a pasted `~/.aws/config` section.
import { t } from '../i18n';
import type { EndpointKind } from './endpoints';
import { isConsole, isRole, type MfaProfile, type Preferences, type Profile, type RoleProfile } from './model';
import { checkPreferences } from './preferences-check';
import { checkProfileInput, type ProfileInput } from './profile-input';
import type { Result } from './result';
import { reservedNameReason } from './section-names';

/** The file's format marker and version. */
const kind = 'mfa-session-settings';
const version = 1;

/** An MFA profile as the settings file carries it: no id, no secret, nothing learnt, no confirmation. */
export type MfaSettings = Omit<MfaProfile, 'id' | 'identityArn' | 'trustedHost' | 'managed'>;

/** A role profile as the settings file carries it: its source by name, since ids stay on their machine. */
export type RoleSettings = Omit<RoleProfile, 'id' | 'trustedHost' | 'managed' | 'sourceProfileId'> & { sourceProfile: string };

/** A profile as the settings file carries it. */
export type ProfileSettings = MfaSettings | RoleSettings;

export interface SettingsFile {
	kind: typeof kind;
	version: typeof version;
	profiles: ProfileSettings[];
	preferences: Preferences;
}

/** A saved profile in the file's form; a role names its source (blank when the source is gone). */
export function toSettings(profile: Profile, saved: readonly Profile[]): ProfileSettings {
	if (isRole(profile)) {
		const { id: _id, trustedHost: _trusted, managed: _managed, sourceProfileId, ...settings } = profile;
		return { ...settings, sourceProfile: saved.find((other) => other.id === sourceProfileId)?.name ?? '' };
	}
	if (isConsole(profile)) {
		// Compared only (an import or a preset of its name replaces it): a file never holds one, see settingsToJson.
		const { id: _id, kind: _kind, signedInAs: _who, trustedHost: _trusted, managed: _managed, ...settings } = profile;
		return { ...settings, accessKeyId: '', mfaSerial: '' };
	}
	const { id: _id, identityArn: _identity, trustedHost: _trusted, managed: _managed, ...settings } = profile;
	return settings;
}

/**
 * The settings of every profile and the preferences; never a key's secret. Console sign-ins are left
 * out: without their sealed token they are only a name and a region, signed in again on each browser.
 */
export function settingsToJson(profiles: readonly Profile[], preferences: Preferences): string {
	const kept = profiles.filter((profile) => !isConsole(profile)).map((profile) => toSettings(profile, profiles));
	const file: SettingsFile = { kind, version, profiles: kept, preferences };
	return `${JSON.stringify(file, null, 2)}\n`;
}

type Entry = Record<string, unknown>;

function asInput(entry: Entry, sourceProfileId: string): ProfileInput {
	const text = (name: string) => (entry[name] === undefined ? '' : String(entry[name]));
	return {
		...(entry.kind === 'role' ? { kind: 'role' as const } : {}),
		name: text('name'),
		accessKeyId: text('accessKeyId'),
		secretAccessKey: '',
		mfaSerial: text('mfaSerial'),
		durationSeconds: Number(entry.durationSeconds),
		region: text('region'),
		endpointKind: (entry.endpointKind as EndpointKind | undefined) ?? 'regional',
		endpoint: text('endpoint'),
		roleArn: text('roleArn'),
		sourceProfileId,
		externalId: text('externalId'),
		roleSessionName: text('roleSessionName'),
		direct: entry.direct === true,
	};
}

/**
 * Reads a settings file, checking every profile as the form would (names unique within the file)
 * and every preference as the options page would. A role's source is a profile of the file, or
 * else a saved one of that name.
 */
export function parseSettingsJson(
	text: string,
	saved: readonly Profile[] = [],
): Result<{ profiles: ProfileSettings[]; preferences: Partial<Preferences> }> {
	let data: Partial<SettingsFile>;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, error: t('settingsNotJson') };
	}
	if (data?.kind !== kind || data.version !== version || !Array.isArray(data.profiles)) {
		return { ok: false, error: t('settingsWrongKind') };
	}
	const entries = data.profiles.map((entry, index) => ({ entry: (isRecord(entry) ? entry : {}) as Entry, index }));
	// MFA profiles first, so that every role finds its source whatever the order in the file.
	const ordered = [...entries.filter(({ entry }) => entry.kind !== 'role'), ...entries.filter(({ entry }) => entry.kind === 'role')];
	const accepted: Profile[] = [];
	for (const { entry, index } of ordered) {
		const sourceName = String(entry.sourceProfile ?? '').toLowerCase();
		const named = (profile: Profile) => profile.name.toLowerCase() === sourceName;
		const source = accepted.find(named) ?? saved.find(named);
		const known = source && !accepted.includes(source) ? [...accepted, source] : accepted;
		const checked = checkProfileInput(asInput(entry, source?.id ?? ''), known, true);
		if (!checked.ok) {
			const [field, message] = Object.entries(checked.errors)[0] ?? ['profile', t('settingsProfileInvalid')];
			return { ok: false, error: t('settingsBadProfile', index + 1, String(entry.name ?? t('settingsUnnamed')), field, message) };
		}
		// A file never holds a console sign-in, so it may not replace one either: its sealed sign-in would be lost.
		const lower = checked.profile.name.toLowerCase();
		if (saved.some((profile) => isConsole(profile) && profile.name.toLowerCase() === lower)) {
			return { ok: false, error: t('settingsBadProfile', index + 1, checked.profile.name, 'name', t('settingsNameIsSignin')) };
		}
		accepted.push({ ...checked.profile, id: `file:${index}` } as Profile);
	}
	const preferences = checkPreferences(data.preferences ?? {});
	if (!preferences.ok) {
		return { ok: false, error: preferences.name ? t('settingsBadPreference', preferences.name, preferences.error) : preferences.error };
	}
	const profiles = accepted.map((profile) => toSettings(profile, [...accepted, ...saved]));
	return { ok: true, value: { profiles, preferences: preferences.value } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields a `~/.aws/config` section gives: its name, MFA device, region and session length. */
export function parseAwsConfigSection(text: string): Result<Partial<ProfileInput>> {
	const lines = text.split(/\r?\n/).map((line) => line.trim());
	const header = lines.map((line) => /^\[(?:profile\s+)?([^\]]+)\]$/.exec(line)).find(Boolean);
	const values = new Map<string, string>();
	for (const line of lines) {
		const pair = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
		if (pair?.[1] && pair[2] !== undefined) values.set(pair[1].toLowerCase(), pair[2].trim());
	}
	if (!header && values.size === 0) return { ok: false, error: t('configPasteEmpty') };
	const reserved = header?.[1] && reservedNameReason(header[1].trim());
	if (reserved) return { ok: false, error: reserved };
	const duration = Number(values.get('duration_seconds'));
	return {
		ok: true,
		value: {
			...(header?.[1] ? { name: header[1].trim() } : {}),
			...(values.has('mfa_serial') ? { mfaSerial: values.get('mfa_serial') } : {}),
			...(values.has('region') ? { region: values.get('region') } : {}),
			...(Number.isInteger(duration) && duration > 0 ? { durationSeconds: duration } : {}),
			...(values.has('aws_access_key_id') ? { accessKeyId: values.get('aws_access_key_id') } : {}),
		},
	};
}
