// What importing a settings file would change, worked out before anything changes, so the person
// sees every new profile and every changed field (the endpoint, the key, the MFA device above all)
// and confirms it. The worker applies exactly the plan that was shown, or nothing.
import { endpointOf } from './endpoint-trust';
import type { Preferences, Profile } from './model';
import type { ProfileSettings } from './settings-file';

/** One value that changes, as text fit to show. */
export interface FieldChange {
	field: 'endpoint' | 'accessKeyId' | 'mfaSerial' | 'region' | 'durationSeconds';
	from: string;
	to: string;
}

export interface ImportPlan {
	/** New profiles, with the endpoint each will talk to. */
	added: { name: string; endpoint: string; accessKeyId: string; mfaSerial: string }[];
	/** Saved profiles the file changes; `endsSession` when the endpoint, key or device changes. */
	changed: { name: string; changes: FieldChange[]; endsSession: boolean }[];
	/** Preferences the file changes. */
	preferences: { name: keyof Preferences; from: string; to: string }[];
	/** Preferences the file turns on that need a permission only a click on the options page can grant: left as they are. */
	skipped: (keyof Preferences)[];
}

const sessionFields: readonly FieldChange['field'][] = ['endpoint', 'accessKeyId', 'mfaSerial'];

function shown(profile: Omit<ProfileSettings, 'name'>): Record<FieldChange['field'], string> {
	return {
		endpoint: endpointOf(profile),
		accessKeyId: profile.accessKeyId,
		mfaSerial: profile.mfaSerial,
		region: profile.region,
		durationSeconds: String(profile.durationSeconds),
	};
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Works out what a parsed settings file would change in the saved profiles and preferences. */
export function planImport(
	saved: readonly Profile[],
	current: Preferences,
	file: { profiles: readonly ProfileSettings[]; preferences: Partial<Preferences> },
	skipped: (keyof Preferences)[] = [],
): ImportPlan {
	const plan: ImportPlan = { added: [], changed: [], preferences: [], skipped };
	for (const settings of file.profiles) {
		const existing = saved.find((profile) => sameName(profile.name, settings.name));
		const next = shown(settings);
		if (!existing) {
			const { endpoint, accessKeyId, mfaSerial } = next;
			plan.added.push({ name: settings.name, endpoint, accessKeyId, mfaSerial });
			continue;
		}
		const before = shown(existing);
		const changes = (Object.keys(next) as FieldChange['field'][])
			.filter((field) => before[field] !== next[field])
			.map((field) => ({ field, from: before[field], to: next[field] }));
		if (changes.length > 0) {
			const endsSession = changes.some((change) => sessionFields.includes(change.field));
			plan.changed.push({ name: existing.name, changes, endsSession });
		}
	}
	for (const [name, value] of Object.entries(file.preferences) as [keyof Preferences, Preferences[keyof Preferences]][]) {
		if (value !== current[name] && !skipped.includes(name)) plan.preferences.push({ name, from: String(current[name]), to: String(value) });
	}
	return plan;
}

/** The profiles after the import: new ones added, changed ones updated in place (id and secret kept). */
export function applyImport(saved: readonly Profile[], profiles: readonly ProfileSettings[], newId: () => string): Profile[] {
	const merged = [...saved];
	for (const settings of profiles) {
		const at = merged.findIndex((profile) => sameName(profile.name, settings.name));
		const existing = merged[at];
		if (!existing) {
			merged.push({ id: newId(), ...settings });
			continue;
		}
		const { trustedHost, identityArn } = existing;
		const sameHost = trustedHost !== undefined && settings.endpoint !== undefined && new URL(settings.endpoint).host === trustedHost;
		merged[at] = {
			id: existing.id,
			...settings,
			// The name keeps its saved spelling: a change of case is no change the preview would show.
			name: existing.name,
			// A confirmation holds for the host it was given for; what was learnt holds for the key it was learnt from.
			...(sameHost ? { trustedHost } : {}),
			...(identityArn && settings.accessKeyId === existing.accessKeyId ? { identityArn } : {}),
		};
	}
	return merged;
}
