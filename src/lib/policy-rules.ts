// What an organisation's policy allows, asked by the service worker before it saves, imports,
// refreshes, exports or changes a preference, and by the pages to offer only what is allowed.
import { t } from '../i18n';
import { classifyEndpoint, endpointOf } from './endpoint-trust';
import { partitionOfRegion, signingRegionFor } from './endpoints';
import { applyImport, type ImportPlan, planImport } from './import-plan';
import { defaultDurationSeconds, isMfa, type Preferences, type Profile, type StoredSession } from './model';
import { type Policy, type PresetProfile, readPolicy } from './policy';
import { allowedAutoLock, allowedClearDelays, allowedFormats } from './policy-choices';
import type { MfaSettings, ProfileSettings } from './settings-file';
import type { Field } from './user-error';

/** Why the policy refuses something, at the field it concerns. */
export interface Refusal {
	field: Field;
	message: string;
}

/** The message of a refusal the policy caused, with the organisation's support contact when it gave one. */
export function withContact(message: string, policy: Policy): string {
	const contact = policy.supportContact;
	if (!contact) return message;
	return `${message} ${t('policyContactLine', contact.url ? `${contact.text} (${contact.url})` : contact.text)}`;
}

/** A URL's host, or a policy's host entry, as its name and its port if it has one (`[::1]:4566`, `host:443`). */
function splitHost(host: string): { name: string; port?: string } {
	const [, name = host, port] = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host) ?? [];
	return port === undefined ? { name } : { name, port };
}

/** Whether a host (with port) fits one of the allowed entries: `host`, `host:port`, `[v6]`, `[v6]:port` or `*.domain`. */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
	const { name, port } = splitHost(host.toLowerCase());
	return allowed.some((entry) => {
		if (entry.startsWith('*.')) return name.endsWith(entry.slice(1));
		const wanted = splitHost(entry);
		return wanted.name === name && (wanted.port === undefined || wanted.port === port);
	});
}

/** Whether an MFA device fits a pattern where `*` stands for any run of characters. */
export function serialMatches(serial: string, pattern: string): boolean {
	const source = pattern.replace(/[.+?^${}()|[\]\\/]/g, '\\$&').replaceAll('*', '.*');
	return new RegExp(`^${source}$`).test(serial);
}

/** Whether a region is allowed: listed itself, or its partition listed, or no list at all. */
export const regionAllowed = (region: string, allowed: readonly string[] | undefined) =>
	!allowed || allowed.includes(region) || allowed.includes(partitionOfRegion(region) ?? '');

/** What the policy looks at in a profile of either kind; only an MFA profile has a device. */
type PolicyChecked = Pick<MfaSettings, 'name' | 'region' | 'endpointKind' | 'endpoint' | 'durationSeconds'> & {
	mfaSerial?: string;
	kind?: 'role' | 'console';
};

/** Why the policy refuses a kind of profile (an access key, a role, a console sign-in), if it does. */
export function kindRefusal(kind: 'role' | 'console' | undefined, policy: Policy): Refusal | undefined {
	const allowed = policy.allowedProfileKinds;
	if (!allowed || allowed.includes(kind ?? 'mfa')) return undefined;
	const kindName = kind === 'role' ? t('profileTypeRole') : kind === 'console' ? t('profileTypeConsole') : t('profileTypeMfa');
	return { field: 'profileType', message: t('policyProfileKind', kindName) };
}

/**
 * Why the policy refuses a profile's settings (region, custom endpoint, session length, device), if
 * it does. The region rule holds for the profile's region and for the region (and so the partition)
 * its requests are really signed for and sent to: an AWS STS host names its own, the global endpoint
 * signs for its partition's global region.
 */
export function profileRefusal(profile: PolicyChecked, policy: Policy): Refusal | undefined {
	const kind = kindRefusal(profile.kind, policy);
	if (kind) return kind;
	const allowed = (policy.allowedRegions ?? []).join(', ');
	if (!regionAllowed(profile.region, policy.allowedRegions))
		return { field: 'region', message: t('policyRegion', profile.region, allowed) };
	const endpoint = endpointOf(profile);
	const signed = signingRegionFor(endpoint, profile.region);
	if (!regionAllowed(signed, policy.allowedRegions))
		return {
			field: profile.endpoint ? 'endpoint' : 'endpointKind',
			message: t('policySigningRegion', new URL(endpoint).hostname, signed, allowed),
		};
	if (
		policy.allowedEndpointHosts &&
		classifyEndpoint(endpoint) !== 'aws' &&
		!hostAllowed(new URL(endpoint).host, policy.allowedEndpointHosts)
	)
		return { field: 'endpoint', message: t('policyEndpointHost', new URL(endpoint).host) };
	if (policy.maxSessionSeconds !== undefined && profile.durationSeconds > policy.maxSessionSeconds)
		return { field: 'durationSeconds', message: t('policyDuration', policy.maxSessionSeconds) };
	const pattern = presetOf(profile.name, policy)?.mfaSerialPattern;
	if (pattern && profile.mfaSerial && !serialMatches(profile.mfaSerial, pattern))
		return { field: 'mfaSerial', message: t('policySerialPattern', pattern) };
	return undefined;
}

/** The preset of this name, if the policy has one. */
export function presetOf(name: string, policy: Policy): PresetProfile | undefined {
	return policy.presetProfiles.find((preset) => preset.name.toLowerCase() === name.toLowerCase());
}

/** Reads the managed storage's contents, leaving out preset profiles that contradict the policy's own limits. */
export function effectivePolicy(raw: unknown): { policy: Policy; problems: string[] } {
	const { policy, problems } = readPolicy(raw);
	const presetProfiles = policy.presetProfiles.filter((preset) => {
		const refusal = profileRefusal({ ...preset, mfaSerial: preset.mfaSerial ?? '', durationSeconds: preset.durationSeconds ?? 0 }, policy);
		if (refusal) problems.push(t('policyPresetContradicts', preset.name, refusal.message));
		return !refusal;
	});
	return { policy: { ...policy, presetProfiles }, problems };
}

/** The preferences the policy forbids in a change; the worker refuses them, an import skips them. */
export function forbiddenPreferences(change: Partial<Preferences>, policy: Policy): (keyof Preferences)[] {
	const forbidden: (keyof Preferences)[] = [];
	if (change.exportFormat !== undefined && !allowedFormats(policy).includes(change.exportFormat)) forbidden.push('exportFormat');
	if (change.autoLockMinutes !== undefined && !allowedAutoLock(policy).includes(change.autoLockMinutes)) forbidden.push('autoLockMinutes');
	if (change.clearClipboardSeconds !== undefined && !allowedClearDelays(policy).includes(change.clearClipboardSeconds))
		forbidden.push('clearClipboardSeconds');
	return forbidden;
}

/** Saved preferences brought within the policy: each forbidden one becomes the nearest allowed choice. */
export function compliantPreferences(preferences: Preferences, policy: Policy): Preferences {
	const formats = allowedFormats(policy);
	const locks = allowedAutoLock(policy);
	const delays = allowedClearDelays(policy);
	const longest = (choices: number[]) => Math.max(...choices);
	return {
		...preferences,
		exportFormat: formats.includes(preferences.exportFormat) ? preferences.exportFormat : (formats[0] ?? preferences.exportFormat),
		autoLockMinutes: locks.includes(preferences.autoLockMinutes) ? preferences.autoLockMinutes : longest(locks),
		clearClipboardSeconds: delays.includes(preferences.clearClipboardSeconds) ? preferences.clearClipboardSeconds : longest(delays),
	};
}

/** Why a live session may no longer be used under the policy, if it may not. */
export function sessionEndReason(profile: Profile, session: StoredSession, policy: Policy): string | undefined {
	const refusal = profileRefusal({ ...profile, durationSeconds: 0 }, policy);
	if (refusal) return t('policySessionEnded', profile.name, refusal.message);
	const length = (Date.parse(session.expiration) - Date.parse(session.obtainedAt)) / 1000;
	// STS rounds the expiry to the second, and the clocks of two machines differ a little.
	if (policy.maxSessionSeconds !== undefined && length > policy.maxSessionSeconds + 60)
		return t('policySessionEnded', profile.name, t('policyDuration', policy.maxSessionSeconds));
	return undefined;
}

/** Why a live session may no longer be used under the policy, its role's source considered, if it may not. */
export function liveSessionRefusal(
	profile: Profile,
	source: Profile | undefined,
	session: StoredSession,
	policy: Policy,
): string | undefined {
	const sourceRefusal = source && profileRefusal({ ...source, durationSeconds: 0 }, policy);
	return sourceRefusal ? t('policySessionEnded', profile.name, sourceRefusal.message) : sessionEndReason(profile, session, policy);
}

/**
 * The profiles after the policy's presets are applied, by the same rule as an import: a preset
 * creates its profile (without a key, which the person adds) or updates the profile of its name;
 * a profile whose preset is gone becomes the person's own, or goes if it never got a key.
 */
export function applyPresets(saved: readonly Profile[], policy: Policy, newId: () => string): { profiles: Profile[]; plan: ImportPlan } {
	const settings: ProfileSettings[] = policy.presetProfiles.map((preset) => {
		const named = saved.find((profile) => profile.name.toLowerCase() === preset.name.toLowerCase());
		const existing = named && isMfa(named) ? named : undefined;
		return {
			name: preset.name,
			region: preset.region,
			...(preset.endpointKind === 'regional' ? {} : { endpointKind: preset.endpointKind }),
			...(preset.endpoint ? { endpoint: preset.endpoint } : {}),
			accessKeyId: existing?.accessKeyId ?? '',
			mfaSerial: preset.mfaSerial ?? existing?.mfaSerial ?? '',
			durationSeconds: preset.durationSeconds ?? existing?.durationSeconds ?? policy.maxSessionSeconds ?? defaultDurationSeconds,
		};
	});
	const plan = planImport(saved, {} as Preferences, { profiles: settings, preferences: {} });
	const merged = applyImport(saved, settings, newId).flatMap((profile): Profile[] => {
		const preset = presetOf(profile.name, policy);
		const { managed: _managed, ...own } = profile;
		if (!preset) return profile.managed && isMfa(profile) && profile.accessKeyId === '' ? [] : [own];
		// The organisation vouches for its own endpoint: nobody needs to confirm it.
		const trustedHost = preset.endpoint ? new URL(preset.endpoint).host : undefined;
		return [{ ...own, managed: true, ...(trustedHost ? { trustedHost } : {}) }];
	});
	return { profiles: merged, plan };
}

/** Why saving a profile form changes what the organisation set on a preset profile, if it does. */
export function presetRefusal(
	profile: PolicyChecked & { kind?: 'role' },
	previousName: string | undefined,
	policy: Policy,
): Refusal | undefined {
	const preset = presetOf(previousName ?? profile.name, policy);
	if (!preset) return undefined;
	const locked = (field: Field): Refusal => ({ field, message: t('policyLockedField') });
	if (profile.kind === 'role') return locked('profileType');
	if (profile.name !== preset.name) return locked('name');
	if (profile.region !== preset.region) return locked('region');
	if ((profile.endpointKind ?? 'regional') !== preset.endpointKind) return locked('endpointKind');
	if (profile.endpoint !== preset.endpoint) return locked('endpoint');
	if (preset.mfaSerial !== undefined && profile.mfaSerial !== preset.mfaSerial) return locked('mfaSerial');
	if (preset.durationSeconds !== undefined && profile.durationSeconds !== preset.durationSeconds) return locked('durationSeconds');
	return undefined;
}
