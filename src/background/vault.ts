// The vault in use: the derived key lives only in session storage, so the vault stays unlocked
// until the browser closes, the person locks it, or it has been idle for the chosen time.
import browser from '../browser';
import { t } from '../i18n';
import { formatDuration } from '../lib/time-format';
import { recordFailure, waitLeftMs } from '../lib/unlock-throttle';
import { UserError } from '../lib/user-error';
import { parsePassphrase } from '../lib/validate';
import { createVaultHeader, open, rekeyVault, seal, unlockVaultHeader } from '../lib/vault-crypto';
import * as storage from '../storage';

/** The alarm that locks an idle vault. */
export const autoLockAlarm = 'auto-lock';

/** Whether a vault exists and whether its key is in memory (and not past its idle time). */
export async function vaultState(): Promise<{ hasVault: boolean; locked: boolean }> {
	const [vault, key, lockAt] = await Promise.all([storage.get('vault'), storage.get('vaultKey'), storage.get('lockAt')]);
	const expired = lockAt !== undefined && Date.now() >= lockAt;
	return { hasVault: vault !== undefined, locked: vault === undefined || key === undefined || expired };
}

/** Pushes the idle lock back after any use of the vault; the alarm is the fallback, reads re-check. */
export async function touchVault(): Promise<void> {
	const minutes = (await storage.get('preferences')).autoLockMinutes;
	if (minutes <= 0) {
		await storage.set({ lockAt: undefined });
		await browser.alarms.clear(autoLockAlarm);
		return;
	}
	const lockAt = Date.now() + minutes * 60_000;
	await storage.set({ lockAt });
	await browser.alarms.create(autoLockAlarm, { when: lockAt });
}

/** Creates the vault on first save, from a passphrase typed twice. */
export async function createVault(passphrase: string | undefined, confirmation: string | undefined): Promise<void> {
	if ((await storage.get('vault')) !== undefined) return;
	const alone = parsePassphrase(passphrase ?? '');
	if (!alone.ok) throw new UserError(alone.error, 'passphrase');
	const both = parsePassphrase(alone.value, confirmation ?? '');
	if (!both.ok) throw new UserError(both.error, 'confirmation');
	const { header, keyBytes } = await createVaultHeader(both.value);
	await storage.set({ vault: { ...header, secrets: {} } });
	await storage.set({ vaultKey: keyBytes, unlockFailures: undefined });
	await touchVault();
}

/** Checks a passphrase against the vault, counting wrong ones and enforcing the growing wait. */
async function checkPassphrase(passphrase: string): Promise<string> {
	const vault = await storage.get('vault');
	if (!vault) throw new UserError(t('nothingToUnlock'), 'passphrase');
	if (passphrase === '') throw new UserError(t('passphraseMissing'), 'passphrase');
	const failures = await storage.get('unlockFailures');
	const wait = waitLeftMs(failures, Date.now());
	if (wait > 0) throw new UserError(t('unlockThrottled', Math.ceil(wait / 1000)), 'passphrase', 'throttled');
	const keyBytes = await unlockVaultHeader(vault, passphrase);
	if (keyBytes) return keyBytes;
	const next = recordFailure(failures, Date.now());
	await storage.set({ unlockFailures: next });
	const delay = waitLeftMs(next, Date.now());
	const message = delay > 0 ? t('wrongPassphraseWait', formatDuration(Math.ceil(delay / 1000))) : t('wrongPassphrase');
	throw new UserError(message, 'passphrase', 'wrong-passphrase');
}

/** Unlocks the vault for this browser session, or says the passphrase is wrong. */
export async function unlock(passphrase: string): Promise<void> {
	const keyBytes = await checkPassphrase(passphrase);
	await storage.set({ vaultKey: keyBytes, unlockFailures: undefined });
	await touchVault();
}

/** Forgets the key: secrets need the passphrase again. */
export async function lock(): Promise<void> {
	await storage.set({ vaultKey: undefined, lockAt: undefined });
	await browser.alarms.clear(autoLockAlarm);
}

/** Locks the vault if its idle time is really over (an alarm can fire late or be stale). */
export async function lockIfIdle(): Promise<void> {
	const lockAt = await storage.get('lockAt');
	if (lockAt !== undefined && Date.now() >= lockAt) await lock();
}

async function unlockedKey(): Promise<string> {
	const key = await storage.get('vaultKey');
	if (key === undefined || (await vaultState()).locked) {
		await lockIfIdle();
		throw new UserError(t('vaultLocked'), 'passphrase', 'locked');
	}
	await touchVault();
	return key;
}

/** Encrypts and stores a profile's secret access key. */
export async function storeSecret(profileId: string, secretAccessKey: string): Promise<void> {
	const box = await seal(await unlockedKey(), secretAccessKey, profileId);
	const vault = await storage.get('vault');
	if (!vault) throw new UserError(t('vaultMissing'), 'passphrase');
	await storage.set({ vault: { ...vault, secrets: { ...vault.secrets, [profileId]: box } } });
}

/** Decrypts a profile's secret access key for one request; never kept in a variable beyond it. */
export async function readSecret(profileId: string): Promise<string> {
	const key = await unlockedKey();
	const box = (await storage.get('vault'))?.secrets[profileId];
	if (!box) throw new UserError(t('noSecretSaved'), 'secretAccessKey');
	return open(key, box, profileId);
}

/** Re-encrypts every secret under a new passphrase, in one write: a failure keeps the old one. */
export async function changePassphrase(request: { current: string; next: string; confirmation: string }): Promise<void> {
	const oldKey = await checkPassphrase(request.current);
	const alone = parsePassphrase(request.next);
	if (!alone.ok) throw new UserError(alone.error, 'newPassphrase');
	const both = parsePassphrase(request.next, request.confirmation);
	if (!both.ok) throw new UserError(both.error, 'newConfirmation');
	const vault = await storage.get('vault');
	if (!vault) throw new UserError(t('noVaultYet'), 'passphrase');
	const next = await rekeyVault(vault, oldKey, both.value);
	await storage.set({ vault: next.vault });
	await storage.set({ vaultKey: next.keyBytes, unlockFailures: undefined });
	await touchVault();
}

/** The way out of a forgotten passphrase: deletes every stored secret and live session. */
export async function forgetSecrets(): Promise<void> {
	await storage.set({ vault: undefined });
	await storage.set({ vaultKey: undefined, sessions: {}, lockAt: undefined, unlockFailures: undefined, usedCodes: {} });
	await browser.alarms.clear(autoLockAlarm);
}
