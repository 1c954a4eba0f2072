// What importing a settings file would change, worked out before anything changes, so the person
// sees every new profile and every changed field (the endpoint, the key, the MFA device above all)
// and confirms it. The worker applies exactly the plan that was shown, or nothing.
import { endpointOf } from './endpoint-trust';
import { isMfa, isRole, type Preferences, type Profile, type ProfileFields } from './model';
import { type ProfileSettings, toSettings } from './settings-file';

/** One value that changes, as text fit to show. */
export interface FieldChange {
	field: ShownField;
	from: string;
	to: string;
}

/** The fields a preview shows, of either kind of profile. */
export type ShownField =
	| 'kind'
	| 'endpoint'
	| 'accessKeyId'
	| 'mfaSerial'
	| 'roleArn'
	| 'sourceProfile'
	| 'externalId'
	| 'roleSessionName'
	| 'direct'
	| 'region'
	| 'durationSeconds';

export interface ImportPlan {
	/** New profiles, with the endpoint each will talk to, and the key and device, or the role and its source. */
	added: { name: string; endpoint: string; accessKeyId?: string; mfaSerial?: string; roleArn?: string; sourceProfile?: string }[];
	/** Saved profiles the file changes; `endsSession` when what the session is (endpoint, key, device, role) changes. */
	changed: { name: string; changes: FieldChange[]; endsSession: boolean }[];
	/** Preferences the file changes. */
	preferences: { name: keyof Preferences; from: string; to: string }[];
	/** Preferences the file turns on that need a permission only a click on the options page can grant: left as they are. */
	skipped: (keyof Preferences)[];
}

const keptSession: readonly ShownField[] = ['region', 'durationSeconds'];

function shown(profile: ProfileSettings): Record<ShownField, string> {
	const role = isRole(profile) ? profile : undefined;
	const mfa = isRole(profile) ? undefined : profile;
	return {
		kind: role ? 'role' : 'mfa',
		endpoint: endpointOf(profile),
		accessKeyId: mfa?.accessKeyId ?? '',
		mfaSerial: mfa?.mfaSerial ?? '',
		roleArn: role?.roleArn ?? '',
		sourceProfile: role?.sourceProfile ?? '',
		externalId: role?.externalId ?? '',
		roleSessionName: role?.roleSessionName ?? '',
		direct: role?.direct ? 'yes' : '',
		region: profile.region,
		durationSeconds: String(profile.durationSeconds),
	};
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether saving `after` over `before` changes what a session is made as (endpoint, key, device, role), which ends it. */
export function endsSession(before: Profile, after: Profile, saved: readonly Profile[]): boolean {
	const from = shown(toSettings(before, saved));
	const to = shown(toSettings(after, saved));
	return (Object.keys(to) as ShownField[]).some((field) => !keptSession.includes(field) && from[field] !== to[field]);
}

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
			const { endpoint, accessKeyId, mfaSerial, roleArn, sourceProfile } = next;
			plan.added.push({ name: settings.name, endpoint, ...(isRole(settings) ? { roleArn, sourceProfile } : { accessKeyId, mfaSerial }) });
			continue;
		}
		const before = shown(toSettings(existing, saved));
		const changes = (Object.keys(next) as ShownField[])
			.filter((field) => (field === 'sourceProfile' ? !sameName(before[field], next[field]) : before[field] !== next[field]))
			.map((field) => ({ field, from: before[field], to: next[field] }));
		if (changes.length > 0) {
			const endsSession = changes.some((change) => !keptSession.includes(change.field));
			plan.changed.push({ name: existing.name, changes, endsSession });
		}
	}
	for (const [name, value] of Object.entries(file.preferences) as [keyof Preferences, Preferences[keyof Preferences]][]) {
		if (value !== current[name] && !skipped.includes(name)) plan.preferences.push({ name, from: String(current[name]), to: String(value) });
	}
	return plan;
}

/**
 * The profiles after the import: new ones added, changed ones updated in place (id and secret
 * kept). A role's source is found by name among the profiles as they are after the import.
 */
export function applyImport(saved: readonly Profile[], profiles: readonly ProfileSettings[], newId: () => string): Profile[] {
	const merged = [...saved];
	const idOf = (name: string) => merged.find((profile) => sameName(profile.name, name))?.id ?? '';
	// MFA profiles first: a role's source may be new in this very file.
	const ordered = [...profiles.filter((settings) => !isRole(settings)), ...profiles.filter(isRole)];
	for (const settings of ordered) {
		const at = merged.findIndex((profile) => sameName(profile.name, settings.name));
		const existing = merged[at];
		const fields: ProfileFields = isRole(settings)
			? (({ sourceProfile, ...rest }) => ({ ...rest, sourceProfileId: idOf(sourceProfile) }))(settings)
			: settings;
		if (!existing) {
			merged.push({ id: newId(), ...fields });
			continue;
		}
		const { trustedHost } = existing;
		const identityArn = isMfa(existing) ? existing.identityArn : undefined;
		const sameHost = trustedHost !== undefined && settings.endpoint !== undefined && new URL(settings.endpoint).host === trustedHost;
		const sameKey = isMfa(existing) && !isRole(settings) && settings.accessKeyId === existing.accessKeyId;
		merged[at] = {
			id: existing.id,
			...fields,
			// The name keeps its saved spelling: a change of case is no change the preview would show.
			name: existing.name,
			// A confirmation holds for the host it was given for; what was learnt holds for the key it was learnt from.
			...(sameHost ? { trustedHost } : {}),
			...(identityArn && sameKey ? { identityArn } : {}),
		} as Profile;
	}
	return merged;
}

/**
 * What an import shown as `plan` does besides writing the profiles: the saved profiles (ids) whose
 * sessions end, and among them the MFA profiles the file makes roles, whose key goes.
 */
export function importEffects(
	plan: ImportPlan,
	saved: readonly Profile[],
	merged: readonly Profile[],
): { endSessions: string[]; removeSecrets: string[] } {
	const ending = new Set(plan.changed.filter((change) => change.endsSession).map((change) => change.name.toLowerCase()));
	const changed = saved.filter((profile) => ending.has(profile.name.toLowerCase()));
	const madeRoles = changed.filter((profile) => !isRole(profile) && merged.some((next) => next.id === profile.id && isRole(next)));
	return { endSessions: changed.map((profile) => profile.id), removeSecrets: madeRoles.map((profile) => profile.id) };
}
