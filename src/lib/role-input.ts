// Checks for a role profile's own fields, run before any request: AssumeRole's limits (which the
// SDK does not enforce) and the ways a role can point at the wrong source.
import { t } from '../i18n';
import { isServedPartition, partitionOfRegion } from './endpoints';
import { isConsole, isMfa, isRole, type Profile } from './model';
import type { Result } from './result';
import { maxRoleDurationSeconds, minDurationSeconds } from './validate';

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** AWS's limit for a role assumed with temporary credentials (role chaining), in seconds. */
export const chainedMaxDurationSeconds = 3600;

/** A role ARN and the partition it names. */
export function parseRoleArn(raw: string): Result<{ arn: string; partition: string }> {
	const arn = raw.trim();
	if (arn === '') return fail(t('roleArnEmpty'));
	// IAM's rules: a path of printable ASCII between slashes, a name of 1 to 64 of [\w+=,.@-].
	const match = /^arn:([\w-]+):iam::(\d{12}):role\/(?:[!-~]*\/)?[\w+=,.@-]{1,64}$/.exec(arn);
	if (!match?.[1]) return fail(t('roleArnFormat'));
	if (!isServedPartition(match[1])) return fail(t('roleArnPartitionUnknown', match[1]));
	return ok({ arn, partition: match[1] });
}

/** A role session name as AssumeRole accepts it. */
export function parseRoleSessionName(raw: string): Result<string> {
	const name = raw.trim();
	if (name.length < 2 || name.length > 64) return fail(t('roleSessionNameLength', name.length));
	if (!/^[\w+=,.@-]+$/.test(name)) return fail(t('roleSessionNameCharacters'));
	return ok(name);
}

/** An optional external ID: blank means none. */
export function parseExternalId(raw: string): Result<string | undefined> {
	const id = raw.trim();
	if (id === '') return ok(undefined);
	if (id.length < 2 || id.length > 1224) return fail(t('externalIdLength', id.length));
	if (!/^[\w+=,.@:/-]+$/.test(id)) return fail(t('externalIdCharacters'));
	return ok(id);
}

/** A role session's length: 15 min to 12 h, and at most 1 h when assumed with a session (chained). */
export function parseRoleDuration(seconds: number, direct: boolean): Result<number> {
	if (!Number.isInteger(seconds)) return fail(t('durationWhole'));
	if (seconds < minDurationSeconds) return fail(t('durationTooShort'));
	if (seconds > maxRoleDurationSeconds) return fail(t('roleDurationTooLong'));
	if (!direct && seconds > chainedMaxDurationSeconds) return fail(t('roleDurationChained'));
	return ok(seconds);
}

/**
 * The MFA profile a role is assumed from. Refused: none chosen or gone, a role (roles are assumed
 * from an IAM user's session, not from each other), and any choice that makes a loop, such as
 * turning into a role a profile that other roles use as their source.
 */
export function checkSource(sourceId: string, saved: readonly Profile[], selfId: string | undefined): Result<Profile> {
	const source = saved.find((profile) => profile.id === sourceId);
	const dependents = saved.filter((profile) => isRole(profile) && selfId !== undefined && profile.sourceProfileId === selfId);
	if (sourceId === '' || !source) return fail(t('sourceMissing'));
	if (source.id === selfId || dependents.some((profile) => profile.id === source.id)) return fail(t('sourceCycle', source.name));
	if (isRole(source)) return fail(t('sourceIsRole', source.name));
	if (!isMfa(source) && !isConsole(source)) return fail(t('sourceMissing'));
	return ok(source);
}

/** Roles whose source is this profile: it cannot become a role itself while they use it. */
export function rolesUsing(profileId: string | undefined, saved: readonly Profile[]): string[] {
	return saved.filter((profile) => isRole(profile) && profile.sourceProfileId === profileId).map((profile) => profile.name);
}

/** The profiles whose sessions end with these: the profiles themselves and every role assumed from one of them. */
export function sessionsToEnd(saved: readonly Profile[], profileIds: readonly string[]): Set<string> {
	const ending = new Set(profileIds);
	for (const profile of saved) if (isRole(profile) && ending.has(profile.sourceProfileId)) ending.add(profile.id);
	return ending;
}

/** The partition a source profile's sessions belong to. */
export function partitionOfProfile(profile: Profile): string | undefined {
	return partitionOfRegion(profile.region);
}

/** A role session name derived from the IAM user's name (from its device or its learnt ARN), as the AWS CLI users expect. */
export function defaultRoleSessionName(source: Profile | undefined): string {
	const from =
		source && isMfa(source) ? (source.identityArn ?? source.mfaSerial) : source && isConsole(source) ? (source.signedInAs ?? '') : '';
	const name = (/[:/]([^:/]+)$/.exec(from)?.[1] ?? '').replace(/[^\w+=,.@-]/g, '').slice(0, 64);
	return name.length >= 2 ? name : 'mfa-session';
}
