// Changing preferences: each checked against its choices and the organisation's policy.
import { t } from '../i18n';
import type { Preferences } from '../lib/model';
import { forbiddenPreferences } from '../lib/policy-rules';
import { checkPreferences, preferenceField } from '../lib/preferences-check';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { scheduleExpiryWarnings } from './expiry-warning';
import { currentPolicy, refusedByPolicy } from './policy';
import { touchVault, vaultState } from './vault';

/** Changes some preferences, each checked against its choices; an unknown one is refused. */
export async function setPreferences(change: Partial<Preferences>): Promise<void> {
	const checked = checkPreferences(change);
	if (!checked.ok) throw new UserError(checked.error, checked.field);
	const { policy } = await currentPolicy();
	const [forbidden] = forbiddenPreferences(checked.value, policy);
	if (forbidden) throw refusedByPolicy({ field: preferenceField(forbidden), message: t('policyPreferenceLocked') }, policy);
	await storage.set({ preferences: { ...(await storage.get('preferences')), ...checked.value } });
	if (checked.value.warnMinutesBefore !== undefined) await scheduleExpiryWarnings();
	if (checked.value.autoLockMinutes !== undefined && !(await vaultState()).locked) await touchVault();
}
