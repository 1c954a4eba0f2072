// Checks a profile form as a whole, so a page can show every problem at its field at once and
// the service worker can refuse the same input with the same words.

import { t } from '../i18n';
import { type EndpointKind, endpointKindsFor, partitionOfRegion } from './endpoints';
import type { Profile } from './model';
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
}

/** A checked profile, or a message for each field that is wrong. */
export type ProfileCheck =
	| { ok: true; profile: Omit<Profile, 'id'>; secretAccessKey: string | undefined }
	| { ok: false; errors: Partial<Record<Field, string>> };

/** Validates every field of a profile form against the saved profiles. */
export function checkProfileInput(input: ProfileInput, saved: readonly Profile[], hasSavedSecret: boolean): ProfileCheck {
	const current = saved.find((profile) => profile.id === input.id);
	const others = saved.filter((profile) => profile.id !== input.id).map((profile) => profile.name);
	const name = parseProfileName(input.name, others, current?.name);
	const accessKeyId = parseAccessKeyId(input.accessKeyId);
	const keepSecret = hasSavedSecret && input.secretAccessKey.trim() === '';
	const secret = keepSecret ? undefined : parseSecretAccessKey(input.secretAccessKey);
	const mfaSerial = parseMfaSerial(input.mfaSerial);
	const duration = parseDurationSeconds(input.durationSeconds);
	const endpoint = parseEndpoint(input.endpoint);
	const partition = partitionOfRegion(input.region);
	const regionOk = partition !== undefined;
	const kindOk = endpointKindsFor(input.region).includes(input.endpointKind);
	const arnPartition = mfaSerial.ok ? partitionOfArn(mfaSerial.value) : undefined;
	const partitionMismatch = regionOk && arnPartition !== undefined && arnPartition !== partition;

	const errors: Partial<Record<Field, string>> = {};
	if (!name.ok) errors.name = name.error;
	if (!accessKeyId.ok) errors.accessKeyId = accessKeyId.error;
	if (secret && !secret.ok) errors.secretAccessKey = secret.error;
	if (!mfaSerial.ok) errors.mfaSerial = mfaSerial.error;
	if (!duration.ok) errors.durationSeconds = duration.error;
	if (!endpoint.ok) errors.endpoint = endpoint.error;
	if (!regionOk) errors.region = t('regionChoose');
	else if (partitionMismatch) {
		errors.mfaSerial = t('partitionMismatch', arnPartition, input.region, partition);
	}
	if (regionOk && !kindOk) errors.endpointKind = t('endpointKindMissing', input.region, input.endpointKind);
	const failed = !name.ok || !accessKeyId.ok || (secret && !secret.ok) || !mfaSerial.ok || !duration.ok || !endpoint.ok;
	if (failed || !regionOk || partitionMismatch || !kindOk) {
		return { ok: false, errors };
	}
	return {
		ok: true,
		profile: {
			name: name.value,
			accessKeyId: accessKeyId.value,
			mfaSerial: mfaSerial.value,
			durationSeconds: duration.value,
			region: input.region,
			...(input.endpointKind === 'regional' ? {} : { endpointKind: input.endpointKind }),
			...(endpoint.value === undefined ? {} : { endpoint: endpoint.value }),
			...(endpoint.value !== undefined && input.trustedHost === new URL(endpoint.value).host ? { trustedHost: input.trustedHost } : {}),
		},
		secretAccessKey: secret?.ok ? secret.value : undefined,
	};
}
