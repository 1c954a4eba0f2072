// Checks the form of a console sign-in profile: a name, a region whose AWS Sign-In offers
// console credentials, or a Sign-In endpoint of its own (an emulator, a private host).
import { t } from '../i18n';
import { defaultSigninEndpoint, partitionOfRegion } from './endpoints';
import type { ConsoleProfile, Profile } from './model';
import type { Field } from './user-error';
import { parseEndpoint, parseProfileName } from './validate';

/** What the options page sends for a console sign-in profile. */
export interface ConsoleInput {
	id?: string;
	name: string;
	region: string;
	/** A Sign-In endpoint other than AWS's for the region; blank for AWS's. */
	endpoint: string;
	trustedHost?: string;
}

/** AWS's console credentials last 15 minutes; every profile carries a length, and this one is AWS's. */
export const consoleSessionSeconds = 900;

/** The profile to save, or a message for each field that is wrong. */
export function checkConsoleInput(
	input: ConsoleInput,
	saved: readonly Profile[],
): { ok: true; profile: Omit<ConsoleProfile, 'id' | 'signedInAs'> } | { ok: false; errors: Partial<Record<Field, string>> } {
	const current = saved.find((profile) => profile.id === input.id);
	const others = saved.filter((profile) => profile.id !== input.id).map((profile) => profile.name);
	const name = parseProfileName(input.name, others, current?.name);
	const endpoint = parseEndpoint(input.endpoint);
	const errors: Partial<Record<Field, string>> = {};
	if (!name.ok) errors.name = name.error;
	if (!endpoint.ok) errors.endpoint = endpoint.error;
	if (partitionOfRegion(input.region) === undefined) errors.region = t('regionChoose');
	else if (endpoint.ok && endpoint.value === undefined && !defaultSigninEndpoint(input.region))
		errors.region = t('signinRegionCommercial', input.region);
	if (!name.ok || !endpoint.ok || Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		profile: {
			kind: 'console',
			name: name.value,
			region: input.region,
			durationSeconds: consoleSessionSeconds,
			...(endpoint.value ? { endpoint: endpoint.value } : {}),
			...(endpoint.value && input.trustedHost ? { trustedHost: input.trustedHost } : {}),
		},
	};
}

/** Whether a change of the form makes the sealed sign-in useless: another Sign-In host signs a token of its own. */
export const signinMoved = (before: Pick<ConsoleProfile, 'region' | 'endpoint'>, after: Pick<ConsoleProfile, 'region' | 'endpoint'>) =>
	before.region !== after.region || before.endpoint !== after.endpoint;
