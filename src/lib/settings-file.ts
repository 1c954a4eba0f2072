// Settings without secrets, as a JSON file for backup or another machine, and a profile started
// from a pasted `~/.aws/config` section.
import { t } from '../i18n';
import type { Preferences, Profile } from './model';
import { checkPreferences } from './preferences-check';
import { checkProfileInput, type ProfileInput } from './profile-input';
import type { Result } from './result';

/** The file's format marker and version. */
const kind = 'mfa-session-settings';
const version = 1;

/** A profile as the settings file carries it: no id, no secret, nothing learnt, no confirmation. */
export type ProfileSettings = Omit<Profile, 'id' | 'identityArn' | 'trustedHost' | 'managed'>;

export interface SettingsFile {
	kind: typeof kind;
	version: typeof version;
	profiles: ProfileSettings[];
	preferences: Preferences;
}

/** The settings of every profile and the preferences; never a key's secret. */
export function settingsToJson(profiles: readonly Profile[], preferences: Preferences): string {
	const file: SettingsFile = {
		kind,
		version,
		profiles: profiles.map(({ id: _id, identityArn: _identity, trustedHost: _trusted, managed: _managed, ...settings }) => settings),
		preferences,
	};
	return `${JSON.stringify(file, null, 2)}\n`;
}

function asInput(profile: Partial<ProfileSettings>): ProfileInput {
	return {
		name: String(profile.name ?? ''),
		accessKeyId: String(profile.accessKeyId ?? ''),
		secretAccessKey: '',
		mfaSerial: String(profile.mfaSerial ?? ''),
		durationSeconds: Number(profile.durationSeconds),
		region: String(profile.region ?? ''),
		endpointKind: profile.endpointKind ?? 'regional',
		endpoint: String(profile.endpoint ?? ''),
	};
}

/** Reads a settings file, checking every profile as the form would (names unique within the file) and every preference as the options page would. */
export function parseSettingsJson(text: string): Result<{ profiles: ProfileSettings[]; preferences: Partial<Preferences> }> {
	let data: Partial<SettingsFile>;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, error: t('settingsNotJson') };
	}
	if (data?.kind !== kind || data.version !== version || !Array.isArray(data.profiles)) {
		return { ok: false, error: t('settingsWrongKind') };
	}
	const profiles: ProfileSettings[] = [];
	for (const [index, entry] of data.profiles.entries()) {
		const accepted = profiles.map((profile, at) => ({ ...profile, id: String(at) }));
		const checked = checkProfileInput(asInput(entry ?? {}), accepted, true);
		if (!checked.ok) {
			const [field, message] = Object.entries(checked.errors)[0] ?? ['profile', t('settingsProfileInvalid')];
			return { ok: false, error: t('settingsBadProfile', index + 1, String(entry?.name ?? t('settingsUnnamed')), field, message) };
		}
		profiles.push(checked.profile);
	}
	const preferences = checkPreferences(data.preferences ?? {});
	if (!preferences.ok) {
		return { ok: false, error: preferences.name ? t('settingsBadPreference', preferences.name, preferences.error) : preferences.error };
	}
	return { ok: true, value: { profiles, preferences: preferences.value } };
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
