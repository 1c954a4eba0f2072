// Several sections of a pasted `~/.aws/config` turned into the MFA profiles and role profiles they
// describe, to be shown and completed (the long-term keys are typed, never read from a file) before
// anything is saved.
import { t } from '../i18n';
import { defaultRegion, isRole, type Profile } from './model';
import { checkProfileInput, type ProfileInput } from './profile-input';
import type { Result } from './result';
import { chainedMaxDurationSeconds, defaultRoleSessionName } from './role-input';
import type { Field } from './user-error';

/** One `[profile x]` (or `[x]`) section: its name and its keys, lower-cased. */
export interface ConfigSection {
	name: string;
	values: Record<string, string>;
}

/** A profile described by the pasted config: a form's input, a role's source named (new or saved). */
export interface ConfigProfile {
	input: ProfileInput;
	/** For a role: the name of its source profile. */
	sourceProfile?: string;
}

/** Reads every section of a pasted config; lines outside a section and comments are ignored. */
export function parseConfigSections(text: string): ConfigSection[] {
	const sections: ConfigSection[] = [];
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.replace(/^\s+|\s+$/g, '');
		const header = /^\[(?:profile\s+)?([^\]]+)\]$/.exec(line);
		if (header?.[1]) sections.push({ name: header[1].trim(), values: {} });
		const pair = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
		const current = sections.at(-1);
		if (current && pair?.[1] && pair[2] !== undefined) current.values[pair[1].toLowerCase()] = pair[2].trim();
	}
	return sections;
}

const blankInput: Omit<ProfileInput, 'name'> = {
	accessKeyId: '',
	secretAccessKey: '',
	mfaSerial: '',
	durationSeconds: 43_200,
	region: defaultRegion,
	endpointKind: 'regional',
	endpoint: '',
};

/**
 * The profiles the sections describe: a section with `role_arn` is a role of its `source_profile`;
 * a section that is some role's source, or has `mfa_serial`, is an MFA profile (a role's own
 * `mfa_serial`, as the AWS CLI allows, goes to its source). A role asking for more than an hour is
 * assumed directly, since AWS limits a role assumed from a session to one hour.
 */
export function profilesFromConfig(sections: readonly ConfigSection[]): ConfigProfile[] {
	const byName = new Map(sections.map((section) => [section.name, section]));
	const roles = sections.filter((section) => section.values.role_arn !== undefined);
	const sourceNames = new Set(roles.map((section) => section.values.source_profile ?? ''));
	const mfa: ConfigProfile[] = sections
		.filter(
			(section) => section.values.role_arn === undefined && (section.values.mfa_serial !== undefined || sourceNames.has(section.name)),
		)
		.map(({ name, values }) => {
			const roleSerial = roles.find((role) => role.values.source_profile === name && role.values.mfa_serial)?.values.mfa_serial;
			const duration = Number(values.duration_seconds);
			return {
				input: {
					...blankInput,
					name,
					mfaSerial: values.mfa_serial ?? roleSerial ?? '',
					region: values.region ?? defaultRegion,
					...(Number.isInteger(duration) && duration > 0 ? { durationSeconds: duration } : {}),
				},
			};
		});
	const role: ConfigProfile[] = roles.map(({ name, values }) => {
		const source = byName.get(values.source_profile ?? '');
		const duration = Number(values.duration_seconds || chainedMaxDurationSeconds);
		const serial = source?.values.mfa_serial ?? values.mfa_serial;
		return {
			input: {
				...blankInput,
				kind: 'role',
				name,
				roleArn: values.role_arn ?? '',
				externalId: values.external_id ?? '',
				roleSessionName: values.role_session_name ?? defaultRoleSessionName(serial ? ({ mfaSerial: serial } as Profile) : undefined),
				durationSeconds: duration,
				direct: duration > chainedMaxDurationSeconds,
				region: values.region ?? source?.values.region ?? defaultRegion,
			},
			sourceProfile: values.source_profile ?? '',
		};
	});
	return [...mfa, ...role];
}

/** The profiles as they would be saved, checked together against the saved ones; errors by profile name and field. */
export function checkConfigProfiles(
	profiles: readonly ConfigProfile[],
	saved: readonly Profile[],
): Result<ConfigProfile[]> & { errors?: Record<string, Partial<Record<Field, string>>> } {
	if (profiles.length === 0) return { ok: false, error: t('configPasteEmpty') };
	const accepted: Profile[] = [...saved];
	// Keyed by names from the paste: without a prototype, `__proto__` is a key like any other.
	const errors: Record<string, Partial<Record<Field, string>>> = Object.create(null);
	const ready: ConfigProfile[] = [];
	for (const profile of profiles) {
		const source = accepted.find((other) => other.name.toLowerCase() === profile.sourceProfile?.toLowerCase());
		const input = { ...profile.input, ...(profile.input.kind === 'role' ? { sourceProfileId: source?.id ?? '' } : {}) };
		const checked = checkProfileInput(input, accepted, false);
		if (!checked.ok) errors[profile.input.name] = checked.errors;
		else accepted.push({ ...checked.profile, id: `new:${profile.input.name}` } as Profile);
		ready.push({ ...profile, input });
	}
	if (Object.keys(errors).length > 0) {
		// A name is no field of the plan: why it is refused is said with the list.
		const names = Object.values(errors).flatMap((fields) => (fields.name ? [fields.name] : []));
		return { ok: false, error: [t('configProfilesInvalid', Object.keys(errors).join(', ')), ...names].join(' '), errors };
	}
	return { ok: true, value: ready };
}

/** The new profiles' ids: each role's source id is the new id of its source, or a saved profile's. */
export function linkConfigProfiles(profiles: readonly ConfigProfile[], saved: readonly Profile[], newId: () => string): ProfileInput[] {
	const ids = new Map(profiles.map((profile) => [profile.input.name.toLowerCase(), newId()]));
	const idOf = (name: string) =>
		ids.get(name.toLowerCase()) ?? saved.find((other) => other.name.toLowerCase() === name.toLowerCase())?.id ?? '';
	return profiles.map((profile) => ({
		...profile.input,
		id: ids.get(profile.input.name.toLowerCase()),
		...(isRole(profile.input) ? { sourceProfileId: idOf(profile.sourceProfile ?? '') } : {}),
	}));
}

const textFields = [
	'name',
	'accessKeyId',
	'secretAccessKey',
	'mfaSerial',
	'region',
	'endpoint',
	'roleArn',
	'externalId',
	'roleSessionName',
] as const;

/** A page's request, checked for shape at the worker's boundary: every text field a string, the rest of known kinds. */
export function asConfigProfile(value: unknown): ConfigProfile | undefined {
	const input = (value as { input?: Record<string, unknown> } | null)?.input;
	if (typeof input !== 'object' || input === null) return undefined;
	if (textFields.some((field) => input[field] !== undefined && typeof input[field] !== 'string')) return undefined;
	if (typeof input.durationSeconds !== 'number' || !['regional', 'global', 'fips'].includes(String(input.endpointKind))) return undefined;
	const source = (value as { sourceProfile?: unknown }).sourceProfile;
	if (source !== undefined && typeof source !== 'string') return undefined;
	const text = (field: (typeof textFields)[number]) => (input[field] as string | undefined) ?? '';
	return {
		input: {
			...(input.kind === 'role' ? { kind: 'role' as const } : {}),
			name: text('name'),
			accessKeyId: text('accessKeyId'),
			secretAccessKey: text('secretAccessKey'),
			mfaSerial: text('mfaSerial'),
			durationSeconds: input.durationSeconds,
			region: text('region'),
			endpointKind: input.endpointKind as ProfileInput['endpointKind'],
			endpoint: text('endpoint'),
			roleArn: text('roleArn'),
			externalId: text('externalId'),
			roleSessionName: text('roleSessionName'),
			direct: input.direct === true,
		},
		...(source === undefined ? {} : { sourceProfile: source }),
	};
}
