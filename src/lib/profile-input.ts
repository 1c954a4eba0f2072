// Checks a profile form as a whole, so a page can show every problem at its field at once and
// the service worker can refuse the same input with the same words.

import { t } from '../i18n';
import { endpointRegionMismatch } from './endpoint-trust';
import { type EndpointKind, endpointKindsFor, partitionOfRegion } from './endpoints';
import { isConsole, type Profile, type ProfileFields } from './model';
import {
	checkSource,
	parseExternalId,
	parseRoleArn,
	parseRoleDuration,
	parseRoleSessionName,
	partitionOfProfile,
	rolesUsing,
} from './role-input';
import type { Field } from './user-error';
import {
	parseAccessKeyId,
	parseDurationSeconds,
	parseEndpoint,
	parseMfaSerial,
	parseProfileName,
	parseSecretAccessKey,
	partitionOfArn,
} from './validate';

/** What the options form sends; the secret is optional when editing (blank keeps the saved one). */
export interface ProfileInput {
	id?: string;
	/** `role` for a role profile; an MFA profile otherwise. */
	kind?: 'role' | 'console';
	name: string;
	accessKeyId: string;
	secretAccessKey: string;
	mfaSerial: string;
	durationSeconds: number;
	region: string;
	endpointKind: EndpointKind;
	endpoint: string;
	/** The custom endpoint's host, when the person ticked "Trust this endpoint" for it. */
	trustedHost?: string;
	roleArn?: string;
	sourceProfileId?: string;
	externalId?: string;
	roleSessionName?: string;
	direct?: boolean;
}

/** A checked profile, or a message for each field that is wrong. */
export type ProfileCheck =
	| { ok: true; profile: ProfileFields; secretAccessKey: string | undefined }
	| { ok: false; errors: Partial<Record<Field, string>> };

type Errors = Partial<Record<Field, string>>;

/** The fields of a role profile, checked against the saved profiles (its source among them). */
function checkRole(input: ProfileInput, saved: readonly Profile[], errors: Errors) {
	const direct = input.direct === true;
	const roleArn = parseRoleArn(input.roleArn ?? '');
	const source = checkSource(input.sourceProfileId ?? '', saved, input.id);
	const externalId = parseExternalId(input.externalId ?? '');
	const sessionName = parseRoleSessionName(input.roleSessionName ?? '');
	const duration = parseRoleDuration(input.durationSeconds, direct);
	const dependents = rolesUsing(input.id, saved);
	if (!roleArn.ok) errors.roleArn = roleArn.error;
	if (!source.ok) errors.sourceProfile = source.error;
	else if (direct && isConsole(source.value)) errors.sourceProfile = t('sourceConsoleDirect', source.value.name);
	else if (dependents.length > 0) errors.profileType = t('roleHasDependents', dependents.join(', '));
	if (!externalId.ok) errors.externalId = externalId.error;
	if (!sessionName.ok) errors.roleSessionName = sessionName.error;
	if (!duration.ok) errors.durationSeconds = duration.error;
	const sourcePartition = source.ok ? partitionOfProfile(source.value) : undefined;
	if (roleArn.ok && sourcePartition !== undefined && roleArn.value.partition !== sourcePartition) {
		errors.roleArn = t('rolePartitionMismatch', roleArn.value.partition, source.ok ? source.value.name : '', sourcePartition);
	}
	const regionPartition = partitionOfRegion(input.region);
	if (roleArn.ok && regionPartition !== undefined && roleArn.value.partition !== regionPartition && !errors.roleArn) {
		errors.region = t('roleRegionPartition', input.region, regionPartition, roleArn.value.partition);
	}
	if (!roleArn.ok || !source.ok || !externalId.ok || !sessionName.ok || !duration.ok) return undefined;
	return {
		kind: 'role' as const,
		roleArn: roleArn.value.arn,
		sourceProfileId: source.value.id,
		...(externalId.value === undefined ? {} : { externalId: externalId.value }),
		roleSessionName: sessionName.value,
		durationSeconds: duration.value,
		...(direct ? { direct } : {}),
	};
}

/** The fields of an MFA profile: the IAM user's key, its device and the session length. */
function checkMfa(input: ProfileInput, hasSavedSecret: boolean, errors: Errors) {
	const accessKeyId = parseAccessKeyId(input.accessKeyId);
	const keepSecret = hasSavedSecret && input.secretAccessKey.trim() === '';
	const secret = keepSecret ? undefined : parseSecretAccessKey(input.secretAccessKey);
	const mfaSerial = parseMfaSerial(input.mfaSerial);
	const duration = parseDurationSeconds(input.durationSeconds);
	const partition = partitionOfRegion(input.region);
	const arnPartition = mfaSerial.ok ? partitionOfArn(mfaSerial.value) : undefined;
	if (!accessKeyId.ok) errors.accessKeyId = accessKeyId.error;
	if (secret && !secret.ok) errors.secretAccessKey = secret.error;
	if (!mfaSerial.ok) errors.mfaSerial = mfaSerial.error;
	if (!duration.ok) errors.durationSeconds = duration.error;
	if (partition !== undefined && arnPartition !== undefined && arnPartition !== partition) {
		errors.mfaSerial = t('partitionMismatch', arnPartition, input.region, partition);
	}
	if (!accessKeyId.ok || (secret && !secret.ok) || !mfaSerial.ok || !duration.ok || errors.mfaSerial) return undefined;
	return {
		fields: { accessKeyId: accessKeyId.value, mfaSerial: mfaSerial.value, durationSeconds: duration.value },
		secretAccessKey: secret?.ok ? secret.value : undefined,
	};
}

/** Validates every field of a profile form against the saved profiles. */
export function checkProfileInput(input: ProfileInput, saved: readonly Profile[], hasSavedSecret: boolean): ProfileCheck {
	const current = saved.find((profile) => profile.id === input.id);
	const others = saved.filter((profile) => profile.id !== input.id).map((profile) => profile.name);
	const name = parseProfileName(input.name, others, current?.name);
	const endpoint = parseEndpoint(input.endpoint);
	const regionOk = partitionOfRegion(input.region) !== undefined;
	const kindOk = endpointKindsFor(input.region).includes(input.endpointKind);

	const errors: Errors = {};
	if (!name.ok) errors.name = name.error;
	if (!endpoint.ok) errors.endpoint = endpoint.error;
	const otherRegion = endpoint.ok && endpoint.value && regionOk ? endpointRegionMismatch(endpoint.value, input.region) : undefined;
	if (otherRegion) errors.endpoint = otherRegion;
	if (!regionOk) errors.region = t('regionChoose');
	if (regionOk && !kindOk) errors.endpointKind = t('endpointKindMissing', input.region, input.endpointKind);
	const role = input.kind === 'role' ? checkRole(input, saved, errors) : undefined;
	const mfa = input.kind === 'role' ? undefined : checkMfa(input, hasSavedSecret, errors);
	if (!name.ok || !endpoint.ok || Object.keys(errors).length > 0 || !(role || mfa)) return { ok: false, errors };
	const common = {
		name: name.value,
		region: input.region,
		...(input.endpointKind === 'regional' ? {} : { endpointKind: input.endpointKind }),
		...(endpoint.value === undefined ? {} : { endpoint: endpoint.value }),
		...(endpoint.value !== undefined && input.trustedHost === new URL(endpoint.value).host ? { trustedHost: input.trustedHost } : {}),
	};
	if (role) return { ok: true, profile: { ...common, ...role }, secretAccessKey: undefined };
	if (!mfa) return { ok: false, errors };
	return { ok: true, profile: { ...common, ...mfa.fields }, secretAccessKey: mfa.secretAccessKey };
}
