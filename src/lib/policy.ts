// An organisation's policy, as the browser delivers it through `storage.managed`, read into the
// rules the extension applies. Chrome drops values that do not fit the schema before the extension
// sees them; what arrives is still checked here, and whatever cannot be applied is reported, never
// silently ignored. No policy at all reads as `noPolicy`: no limit, everything allowed.
import { t } from '../i18n';
import { endpointRegionMismatch } from './endpoint-trust';
import { type EndpointKind, endpointKindsFor, isServedPartition, partitionOfRegion } from './endpoints';
import { type ExportFormat, exportFormats } from './format-names';
import { parseDurationSeconds, parseEndpoint, parseMfaSerial, parseProfileName } from './validate';

/** A profile the organisation sets up: the person adds their own key (and device, when only a pattern is given). */
export interface PresetProfile {
	name: string;
	region: string;
	endpointKind: EndpointKind;
	endpoint?: string;
	/** The MFA device, fixed. */
	mfaSerial?: string;
	/** What the person's MFA device must look like, `*` standing for any run of characters. */
	mfaSerialPattern?: string;
	durationSeconds?: number;
}

/** The rules in force; every limit absent means no limit. */
export interface Policy {
	presetProfiles: PresetProfile[];
	maxSessionSeconds?: number;
	/** Region ids and partition ids (a partition allows each of its regions). */
	allowedRegions?: string[];
	/** Custom endpoint hosts allowed (`host`, `host:port`, `*.domain`); empty: no custom endpoint. */
	allowedEndpointHosts?: string[];
	allowedExportFormats?: ExportFormat[];
	/** The kinds of profile allowed: `mfa` (an access key), `role`, `console` (AWS console sign-in, no key). */
	allowedProfileKinds?: ProfileKind[];
	/** The vault locks after at most this many idle minutes. */
	minimumIdleLockMinutes?: number;
	/** The clipboard is cleared at most this many seconds after a copy. */
	forceClipboardClearSeconds?: number;
	allowSettingsImport: boolean;
	allowSettingsExport: boolean;
	allowCommandLineHelper: boolean;
	supportContact?: { text: string; url?: string };
	/** Access keys older than this many days get a warning that cannot be dismissed. */
	maxAccessKeyAgeDays?: number;
	/** Days past `maxAccessKeyAgeDays` during which sessions are still given; refused after. */
	accessKeyAgeGraceDays?: number;
}

/** A profile's kind as the policy names it. */
export type ProfileKind = 'mfa' | 'role' | 'console';
export const profileKinds: readonly ProfileKind[] = ['mfa', 'role', 'console'];

export const noPolicy: Policy = { presetProfiles: [], allowSettingsImport: true, allowSettingsExport: true, allowCommandLineHelper: true };

/** The policy keys, as administrators write them. */
export const policyKeys = [
	'presetProfiles',
	'maxSessionSeconds',
	'allowedRegions',
	'allowedEndpointHosts',
	'allowedExportFormats',
	'allowedProfileKinds',
	'minimumIdleLockMinutes',
	'forceClipboardClearSeconds',
	'allowSettingsImport',
	'allowSettingsExport',
	'allowCommandLineHelper',
	'supportContact',
	'maxAccessKeyAgeDays',
	'accessKeyAgeGraceDays',
] as const;

/** The shortest forced clearing delay: the shortest the extension offers. */
export const shortestClearSeconds = 30;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWhole = (value: unknown, low: number, high: number): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;
const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);
const hostPattern = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/;

/** A host entry as a URL spells its host: an IPv6 address in its shortest form (`[0:0::1]` is `[::1]`); undefined if it is none. */
function normalHost(entry: string): string | undefined {
	if (!entry.startsWith('[')) return entry;
	const [, address = '', port] = /^(\[[^\]]+\])(:\d+)?$/.exec(entry) ?? [];
	try {
		return `${new URL(`http://${address}/`).hostname}${port ?? ''}`;
	} catch {
		return undefined;
	}
}

/**
 * A list of strings whose entries pass `known`; unknown ones are reported. An empty list is not
 * applied (where empty means nothing); a list of entries none of which is known allows nothing, and
 * says so: the administrator meant a limit, and a typo must not lift it.
 */
function readList<T extends string>(
	name: string,
	raw: unknown,
	known: (entry: string) => T | undefined,
	problems: string[],
	emptyAllowed: boolean,
) {
	if (!Array.isArray(raw)) {
		problems.push(t('policyNotList', name));
		return undefined;
	}
	const kept: T[] = [];
	for (const entry of raw) {
		const value = typeof entry === 'string' ? known(entry.trim()) : undefined;
		if (value === undefined) problems.push(t('policyUnknownEntry', name, shown(entry)));
		else if (!kept.includes(value)) kept.push(value);
	}
	if (kept.length > 0 || (emptyAllowed && raw.length === 0)) return kept;
	if (raw.length > 0) {
		problems.push(t('policyNothingKnown', name));
		return kept;
	}
	problems.push(t('policyEmptyList', name));
	return undefined;
}

function formatOf(entry: string): ExportFormat | undefined {
	const lower = entry.toLowerCase();
	return exportFormats.find((format) => format.label.toLowerCase() === lower || format.id === lower)?.id;
}

function readContact(raw: unknown, problems: string[]): Policy['supportContact'] {
	const text = isRecord(raw) && typeof raw.text === 'string' ? raw.text.trim().slice(0, 200) : '';
	if (text === '') {
		problems.push(t('policyContactText'));
		return undefined;
	}
	const url = isRecord(raw) && typeof raw.url === 'string' ? raw.url.trim() : '';
	if (url === '') return { text };
	if (/^(https:\/\/|mailto:)[^\s"<>]{1,500}$/.test(url)) return { text, url };
	problems.push(t('policyContactUrl', shown(url)));
	return { text };
}

/** One preset profile checked as the profile form would, or the reason it is left out. */
function readPreset(raw: unknown, names: string[]): PresetProfile | string {
	if (!isRecord(raw)) return t('policyPresetNotObject');
	const name = parseProfileName(String(raw.name ?? ''), names);
	if (!name.ok) return name.error;
	const region = String(raw.region ?? '');
	if (partitionOfRegion(region) === undefined) return t('policyPresetRegion', name.value, shown(raw.region));
	const endpointKind = (raw.endpointKind ?? 'regional') as EndpointKind;
	if (!endpointKindsFor(region).includes(endpointKind)) return t('endpointKindMissing', region, shown(raw.endpointKind));
	const endpoint = parseEndpoint(String(raw.endpoint ?? ''));
	if (!endpoint.ok) return `${name.value}: ${endpoint.error}`;
	const otherRegion = endpoint.value && endpointRegionMismatch(endpoint.value, region);
	if (otherRegion) return `${name.value}: ${otherRegion}`;
	const serial = raw.mfaSerial === undefined ? undefined : parseMfaSerial(String(raw.mfaSerial));
	if (serial && !serial.ok) return `${name.value}: ${serial.error}`;
	const pattern = raw.mfaSerialPattern;
	if (pattern !== undefined && (typeof pattern !== 'string' || !/^[\w+=/:,.@*-]{1,256}$/.test(pattern)))
		return t('policyPresetPattern', name.value);
	const duration = raw.durationSeconds === undefined ? undefined : parseDurationSeconds(Number(raw.durationSeconds));
	if (duration && !duration.ok) return `${name.value}: ${duration.error}`;
	return {
		name: name.value,
		region,
		endpointKind,
		...(endpoint.value ? { endpoint: endpoint.value } : {}),
		...(serial ? { mfaSerial: serial.value } : typeof pattern === 'string' ? { mfaSerialPattern: pattern } : {}),
		...(duration ? { durationSeconds: duration.value } : {}),
	};
}

/** Reads what `storage.managed` holds into the policy in force and the problems found with it. */
export function readPolicy(raw: unknown): { policy: Policy; problems: string[] } {
	const problems: string[] = [];
	const policy: Policy = { ...noPolicy, presetProfiles: [] };
	if (!isRecord(raw)) return { policy, problems };
	for (const name of Object.keys(raw))
		if (!(policyKeys as readonly string[]).includes(name)) problems.push(t('policyUnknownKey', name.slice(0, 40)));
	const { maxSessionSeconds: max, minimumIdleLockMinutes: idle, forceClipboardClearSeconds: clear } = raw;
	if (max !== undefined) {
		if (isWhole(max, 900, 129_600)) policy.maxSessionSeconds = max;
		else problems.push(t('policyOutOfRange', 'maxSessionSeconds', shown(max), 900, 129_600));
	}
	if (idle !== undefined) {
		if (isWhole(idle, 1, 1440)) policy.minimumIdleLockMinutes = idle;
		else problems.push(t('policyOutOfRange', 'minimumIdleLockMinutes', shown(idle), 1, 1440));
	}
	if (clear !== undefined) {
		if (isWhole(clear, shortestClearSeconds, 86_400)) policy.forceClipboardClearSeconds = clear;
		else if (isWhole(clear, 1, shortestClearSeconds)) {
			policy.forceClipboardClearSeconds = shortestClearSeconds;
			problems.push(t('policyClearRaised', clear, shortestClearSeconds));
		} else problems.push(t('policyOutOfRange', 'forceClipboardClearSeconds', shown(clear), shortestClearSeconds, 86_400));
	}
	for (const [name, low] of [
		['maxAccessKeyAgeDays', 1],
		['accessKeyAgeGraceDays', 0],
	] as const) {
		const value = raw[name];
		if (value === undefined) continue;
		if (isWhole(value, low, 3650)) policy[name] = value;
		else problems.push(t('policyOutOfRange', name, shown(value), low, 3650));
	}
	const regionOrPartition = (entry: string) => (partitionOfRegion(entry) || isServedPartition(entry) ? entry : undefined);
	if (raw.allowedRegions !== undefined)
		policy.allowedRegions = readList('allowedRegions', raw.allowedRegions, regionOrPartition, problems, false);
	const host = (entry: string) => (hostPattern.test(entry.toLowerCase()) ? normalHost(entry.toLowerCase()) : undefined);
	if (raw.allowedEndpointHosts !== undefined)
		policy.allowedEndpointHosts = readList('allowedEndpointHosts', raw.allowedEndpointHosts, host, problems, true);
	if (raw.allowedExportFormats !== undefined)
		policy.allowedExportFormats = readList('allowedExportFormats', raw.allowedExportFormats, formatOf, problems, false);
	const kindOf = (entry: string) => profileKinds.find((kind) => kind === entry);
	if (raw.allowedProfileKinds !== undefined)
		policy.allowedProfileKinds = readList('allowedProfileKinds', raw.allowedProfileKinds, kindOf, problems, false);
	for (const name of ['allowSettingsImport', 'allowSettingsExport', 'allowCommandLineHelper'] as const) {
		if (raw[name] === undefined) continue;
		if (typeof raw[name] === 'boolean') policy[name] = raw[name];
		else problems.push(t('policyNotBoolean', name));
	}
	if (raw.supportContact !== undefined) policy.supportContact = readContact(raw.supportContact, problems);
	if (raw.presetProfiles !== undefined && !Array.isArray(raw.presetProfiles)) problems.push(t('policyNotList', 'presetProfiles'));
	for (const [index, entry] of (Array.isArray(raw.presetProfiles) ? raw.presetProfiles : []).entries()) {
		const preset = readPreset(
			entry,
			policy.presetProfiles.map((saved) => saved.name),
		);
		if (typeof preset === 'string') problems.push(t('policyPresetLeftOut', index + 1, preset));
		else policy.presetProfiles.push(preset);
	}
	return { policy, problems };
}
