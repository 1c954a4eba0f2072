// Saving and deleting profiles: settings in local storage, the secret sealed in the vault.

import { t } from '../i18n';
import { asConfigProfile, type ConfigProfile, checkConfigProfiles, linkConfigProfiles } from '../lib/aws-config';
import { unconfirmedHost } from '../lib/endpoint-trust';
import { endsSession } from '../lib/import-plan';
import { isConsole, isRole, type Profile } from '../lib/model';
import { presetOf, presetRefusal, profileRefusal } from '../lib/policy-rules';
import { checkProfileInput, type ProfileInput } from '../lib/profile-input';
import { rolesUsing } from '../lib/role-input';
import { type Field, UserError } from '../lib/user-error';
import * as storage from '../storage';
import { currentPolicy, refusedByPolicy } from './policy';
import { endSessions } from './roles';
import { findProfile } from './session-steps';
import { forgetSignin } from './signin';
import { openVaultFor, removeSecret, storeSecret } from './vault';

/** A profile form plus, when the vault is new or locked, the passphrase that opens it. */
export interface SaveProfileRequest extends ProfileInput {
	passphrase?: string;
	confirmation?: string;
}

/** Validates and stores a profile; the vault is created on the first save. */
export async function saveProfile(request: SaveProfileRequest): Promise<Profile> {
	const [profiles, vault] = await Promise.all([storage.get('profiles'), storage.get('vault')]);
	const hasSavedSecret = request.id !== undefined && vault?.secrets[request.id] !== undefined;
	const checked = checkProfileInput(request, profiles, hasSavedSecret);
	if (!checked.ok) {
		const [field, message] = Object.entries(checked.errors)[0] ?? ['profile', t('checkProfile')];
		throw new UserError(message, field as Field, 'invalid');
	}
	const { policy } = await currentPolicy();
	const previous = profiles.find((profile) => profile.id === request.id);
	const refusal = presetRefusal(checked.profile, previous?.name, policy) ?? profileRefusal(checked.profile, policy);
	if (refusal) throw refusedByPolicy(refusal, policy);
	// The organisation vouches for its preset's endpoint: nobody needs to confirm it.
	const presetEndpoint = previous?.managed ? presetOf(previous.name, policy)?.endpoint : undefined;
	if (presetEndpoint) checked.profile.trustedHost = new URL(presetEndpoint).host;
	const unconfirmed = unconfirmedHost(checked.profile);
	if (unconfirmed) throw new UserError(t('endpointConfirm', unconfirmed), 'endpoint', 'unconfirmed-endpoint');
	if (request.id !== undefined && !profiles.some((profile) => profile.id === request.id)) {
		throw new UserError(t('profileDeletedMeanwhile'), 'profile');
	}
	const profile: Profile = { id: request.id ?? crypto.randomUUID(), ...checked.profile, ...(previous?.managed ? { managed: true } : {}) };
	// A role holds no secret: it needs no vault, and an MFA profile turned into a role leaves its key behind.
	if (isRole(profile)) await removeSecret(profile.id);
	else await openVaultFor(request);
	if (checked.secretAccessKey !== undefined) await storeSecret(profile.id, checked.secretAccessKey);
	// Read again: the unlock above takes half a second, and a delete or an import may have landed meanwhile.
	const current = await storage.get('profiles');
	if (request.id !== undefined && !current.some((saved) => saved.id === request.id))
		throw new UserError(t('profileDeletedMeanwhile'), 'profile');
	const others = current.filter((saved) => saved.id !== profile.id);
	const activeProfileId = (await storage.get('activeProfileId')) ?? profile.id;
	await storage.set({ profiles: [...others, profile], activeProfileId });
	// As with an import: a session made under another endpoint, key, device or role ends, with its roles'.
	if (previous && endsSession(previous, profile, current)) await endSessions([profile.id]);
	return profile;
}

/** Removes a profile with its sealed secret and its session. */
export async function deleteProfile(profileId: string): Promise<void> {
	const { policy } = await currentPolicy();
	const profile = (await storage.get('profiles')).find((saved) => saved.id === profileId);
	if (profile?.managed) throw refusedByPolicy({ field: 'profile', message: t('policyPresetDelete') }, policy);
	const dependents = rolesUsing(profileId, await storage.get('profiles'));
	if (dependents.length > 0) throw new UserError(t('sourceInUse', dependents.join(', ')), 'profile', 'source-in-use');
	// The secret first, in the vault's own queue, so a passphrase change in progress is never undone.
	await removeSecret(profileId);
	if (profile && isConsole(profile)) await forgetSignin(profileId);
	await endSessions([profileId]);
	const [profiles, activeProfileId] = await Promise.all([storage.get('profiles'), storage.get('activeProfileId')]);
	const remaining = profiles.filter((profile) => profile.id !== profileId);
	await storage.set({ profiles: remaining, activeProfileId: activeProfileId === profileId ? remaining[0]?.id : activeProfileId });
}

/** Creates the profiles of a pasted `~/.aws/config` together, as shown: every one checked first, then saved in one write. */
export async function saveConfigProfiles(request: {
	profiles: ConfigProfile[];
	passphrase?: string;
	confirmation?: string;
}): Promise<Profile[]> {
	const saved = await storage.get('profiles');
	const given = Array.isArray(request.profiles) ? request.profiles.map(asConfigProfile) : [];
	if (given.some((profile) => profile === undefined)) throw new UserError(t('checkProfile'), 'profile', 'invalid');
	const checked = checkConfigProfiles(given as ConfigProfile[], saved);
	if (!checked.ok) throw new UserError(checked.error, 'profile', 'invalid');
	const inputs = linkConfigProfiles(checked.value, saved, () => crypto.randomUUID());
	const { policy } = await currentPolicy();
	const built: Profile[] = [];
	for (const input of inputs) {
		const profile = checkProfileInput(input, [...saved, ...built], false);
		if (!profile.ok) throw new UserError(t('configProfilesInvalid', input.name), 'profile', 'invalid');
		const refusal = presetOf(input.name, policy) ? { message: t('policyLockedField') } : profileRefusal(profile.profile, policy);
		if (refusal) throw refusedByPolicy({ field: 'profile', message: `${input.name}: ${refusal.message}` }, policy);
		const unconfirmed = unconfirmedHost(profile.profile);
		if (unconfirmed) throw new UserError(t('endpointConfirm', unconfirmed), 'endpoint', 'unconfirmed-endpoint');
		built.push({ id: input.id ?? crypto.randomUUID(), ...profile.profile });
	}
	if (built.some((profile) => !isRole(profile))) await openVaultFor(request);
	// Names checked again after the unlock's half second, before any secret is stored: a failed paste leaves no secret behind.
	const current = await storage.get('profiles');
	const taken = built.find((profile) => current.some((other) => other.name.toLowerCase() === profile.name.toLowerCase()));
	if (taken) throw new UserError(t('profileNameTaken', taken.name), 'profile');
	for (const input of inputs) if (input.kind !== 'role') await storeSecret(input.id ?? '', input.secretAccessKey.trim());
	await storage.set({ profiles: [...current, ...built], activeProfileId: (await storage.get('activeProfileId')) ?? built[0]?.id });
	return built;
}

/** Makes a profile the active one: the popup opens on it, and the badge and shortcuts follow it. */
export async function chooseProfile(request: { profileId: string }): Promise<void> {
	await storage.set({ activeProfileId: (await findProfile(request.profileId)).id });
}
