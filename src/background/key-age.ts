// A key's age, learnt from IAM after each new session (never on the way to the session), and the
// organisation's maximum age applied before a new session is asked for.
import browser from '../browser';
import { t } from '../i18n';
import { readKeyList } from '../lib/iam-answer';
import { iamHostPermission } from '../lib/iam-endpoint';
import { type KeyInfo, keyAgeDays, keyAgeVerdict } from '../lib/key-age';
import { deniedPermission } from '../lib/key-rotation';
import type { MfaProfile, SessionCredentials } from '../lib/model';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { iamCall, type SigningKeys } from './iam';
import { currentPolicy } from './policy';

/** Keeps what IAM said of a profile's key. */
export async function keepKeyInfo(profileId: string, info: KeyInfo): Promise<void> {
	await storage.set({ keyInfo: { ...(await storage.get('keyInfo')), [profileId]: info } });
}

/** The user's keys by ListAccessKeys, checked. */
export async function listKeys(profile: MfaProfile, keys: SigningKeys) {
	const list = readKeyList(await iamCall(profile, keys, 'ListAccessKeys'));
	if (!list.ok) throw Object.assign(new Error(`Invalid ${list.error} in the answer`), { name: 'MalformedAnswer' });
	return list.value;
}

/**
 * Asks IAM when the profile's key was created, with the new session; a refusal is kept with the
 * permission it names, so the page says once what would show the age. Other failures keep what was known.
 */
export async function learnKeyAge(profile: MfaProfile, session: SessionCredentials): Promise<void> {
	const { accessKeyId, secretAccessKey, sessionToken } = session;
	const checkedAt = new Date().toISOString();
	const permission = iamHostPermission(profile);
	if (permission && !(await browser.permissions.contains({ origins: [permission] }))) {
		await keepKeyInfo(profile.id, { accessKeyId: profile.accessKeyId, needsHost: new URL(permission.replace('/*', '/')).host, checkedAt });
		return;
	}
	try {
		const keys = await listKeys(profile, { accessKeyId, secretAccessKey, sessionToken });
		const createdAt = keys.find((key) => key.accessKeyId === profile.accessKeyId)?.createdAt;
		const otherKeyIds = keys.filter((key) => key.accessKeyId !== profile.accessKeyId).map((key) => key.accessKeyId);
		await keepKeyInfo(profile.id, { accessKeyId: profile.accessKeyId, ...(createdAt ? { createdAt } : {}), otherKeyIds, checkedAt });
	} catch (error) {
		const { name, message } = error as Error;
		if (name !== 'AccessDenied') return;
		await keepKeyInfo(profile.id, {
			accessKeyId: profile.accessKeyId,
			refused: deniedPermission(message) ?? 'iam:ListAccessKeys',
			checkedAt,
		});
	}
}

/** Refuses a new session for a key older than the organisation's maximum and its grace. */
export async function checkKeyAge(profile: MfaProfile): Promise<void> {
	const [{ policy }, info, preferences] = await Promise.all([currentPolicy(), storage.get('keyInfo'), storage.get('preferences')]);
	const known = info[profile.id];
	if (policy.maxAccessKeyAgeDays === undefined || known?.accessKeyId !== profile.accessKeyId || !known.createdAt) return;
	const age = keyAgeDays(known.createdAt, Date.now());
	const verdict = age === undefined ? undefined : keyAgeVerdict(age, preferences.keyAgeWarnDays, policy);
	if (verdict?.state === 'refuse')
		throw new UserError(t('keyAgeRefused', verdict.ageDays, verdict.refuseAfterDays ?? 0), 'accessKeyId', 'key-too-old');
}
