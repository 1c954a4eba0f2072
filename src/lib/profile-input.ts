// Checks a profile form as a whole, so a page can show every problem at its field at once and
// the service worker can refuse the same input with the same words.

import { partitionOfRegion } from './endpoints';
import type { Profile } from './model';
import type { Field } from './user-error';
import { parseAccessKeyId, parseDurationSeconds, parseEndpoint, parseMfaSerial, parseProfileName, parseSecretAccessKey } from './validate';

/** What the options form sends; the secret is optional when editing (blank keeps the saved one). */
export interface ProfileInput {
	id?: string;
	name: string;
	accessKeyId: string;
	secretAccessKey: string;
	mfaSerial: string;
	durationSeconds: number;
	region: string;
	endpoint: string;
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
	const regionOk = partitionOfRegion(input.region) !== undefined;

	const errors: Partial<Record<Field, string>> = {};
	if (!name.ok) errors.name = name.error;
	if (!accessKeyId.ok) errors.accessKeyId = accessKeyId.error;
	if (secret && !secret.ok) errors.secretAccessKey = secret.error;
	if (!mfaSerial.ok) errors.mfaSerial = mfaSerial.error;
	if (!duration.ok) errors.durationSeconds = duration.error;
	if (!endpoint.ok) errors.endpoint = endpoint.error;
	if (!regionOk) errors.region = 'Choose a region from the list.';
	if (!name.ok || !accessKeyId.ok || (secret && !secret.ok) || !mfaSerial.ok || !duration.ok || !endpoint.ok || !regionOk) {
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
			...(endpoint.value === undefined ? {} : { endpoint: endpoint.value }),
		},
		secretAccessKey: secret?.ok ? secret.value : undefined,
	};
}
