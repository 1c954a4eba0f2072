// The vault in use: the derived key lives only in session storage, so the vault stays unlocked
// until the browser closes, the person locks it, or it has been idle for the chosen time.
// Every operation runs in one queue, so a passphrase change, a save and an unlock never interleave.
import browser from '../browser';
import { t } from '../i18n';
import { lockAfterEachSession } from '../lib/model';
import { formatDuration } from '../lib/time-format';
import { recordFailure, waitLeftMs } from '../lib/unlock-throttle';
import { UserError } from '../lib/user-error';
import { parsePassphrase } from '../lib/validate';
import { createVaultHeader, open, pbkdf2Iterations, rekeyVault, seal, unlockVaultHeader } from '../lib/vault-crypto';
import * as storage from '../storage';

/** The alarm that locks an idle vault. */
export const autoLockAlarm = 'auto-lock';

let queue: Promise<unknown> = Promise.resolve();

/** Runs one vault operation after every one queued before it, whatever became of them. */
function queued<T>(operation: () => Promise<T>): Promise<T> {
	const next = queue.then(operation, operation);
	queue = next.catch(() => undefined);
	return next;
}

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
export function createVault(passphrase: string | undefined, confirmation: string | undefined): Promise<void> {
	return queued(async () => {
		if ((await storage.get('vault')) !== undefined) return;
		const alone = parsePassphrase(passphrase ?? '');
		if (!alone.ok) throw new UserError(alone.error, 'passphrase');
		const both = parsePassphrase(alone.value, confirmation ?? '');
		if (!both.ok) throw new UserError(both.error, 'confirmation');
		const { header, keyBytes } = await createVaultHeader(both.value);
		await storage.set({ vault: { ...header, secrets: {} }, unlockFailures: undefined });
		await storage.set({ vaultKey: keyBytes });
		await touchVault();
	});
}

/**
 * Checks a passphrase against the vault. The attempt is counted before the slow derivation, in
 * local storage, so neither parallel attempts nor a restart get a free guess; a right one clears it.
 */
async function checkPassphrase(passphrase: string): Promise<string> {
	const vault = await storage.get('vault');
	if (!vault) throw new UserError(t('nothingToUnlock'), 'passphrase');
	if (passphrase === '') throw new UserError(t('passphraseMissing'), 'passphrase');
	const failures = await storage.get('unlockFailures');
	const wait = waitLeftMs(failures, Date.now());
	if (wait > 0) throw new UserError(t('unlockThrottled', Math.ceil(wait / 1000)), 'passphrase', 'throttled');
	const counted = recordFailure(failures, Date.now());
	await storage.set({ unlockFailures: counted });
	const keyBytes = await unlockVaultHeader(vault, passphrase);
	if (keyBytes) {
		await storage.set({ unlockFailures: undefined });
		return keyBytes;
	}
	const delay = waitLeftMs(counted, Date.now());
	const message = delay > 0 ? t('wrongPassphraseWait', formatDuration(Math.ceil(delay / 1000))) : t('wrongPassphrase');
	throw new UserError(message, 'passphrase', 'wrong-passphrase');
}

/** Unlocks the vault for this browser session, or says the passphrase is wrong. */
export function unlock(passphrase: string): Promise<void> {
	return queued(async () => {
		const keyBytes = await checkPassphrase(passphrase);
		const vault = await storage.get('vault');
		// A vault sealed with fewer iterations than today's is re-sealed now, while the passphrase is at hand.
		if (vault && vault.iterations < pbkdf2Iterations) {
			const next = await rekeyVault(vault, keyBytes, passphrase);
			await storage.set({ vault: next.vault });
			await storage.set({ vaultKey: next.keyBytes });
		} else await storage.set({ vaultKey: keyBytes });
		await touchVault();
	});
}

async function lockNow(): Promise<void> {
	await storage.set({ vaultKey: undefined, lockAt: undefined });
	await browser.alarms.clear(autoLockAlarm);
}

/** Forgets the key: secrets need the passphrase again. */
export function lock(): Promise<void> {
	return queued(lockNow);
}

async function lockWhenIdleOver(): Promise<void> {
	const lockAt = await storage.get('lockAt');
	if (lockAt !== undefined && Date.now() >= lockAt) await lockNow();
}

/** Locks the vault if its idle time is really over (an alarm can fire late or be stale). */
export function lockIfIdle(): Promise<void> {
	return queued(lockWhenIdleOver);
}

/** Locks right after a new session when the person chose "after each new session". */
export async function lockAfterRefresh(): Promise<void> {
	if ((await storage.get('preferences')).autoLockMinutes === lockAfterEachSession) await lock();
}

async function unlockedKey(): Promise<string> {
	const key = await storage.get('vaultKey');
	if (key === undefined || (await vaultState()).locked) {
		await lockWhenIdleOver();
		throw new UserError(t('vaultLocked'), 'passphrase', 'locked');
	}
	await touchVault();
	return key;
}

/** Encrypts and stores a profile's secret access key. */
export function storeSecret(profileId: string, secretAccessKey: string): Promise<void> {
	return queued(async () => {
		const box = await seal(await unlockedKey(), secretAccessKey, profileId);
		const vault = await storage.get('vault');
		if (!vault) throw new UserError(t('vaultMissing'), 'passphrase');
		await storage.set({ vault: { ...vault, secrets: { ...vault.secrets, [profileId]: box } } });
	});
}

/** Removes a profile's sealed secret. */
export function removeSecret(profileId: string): Promise<void> {
	return queued(async () => {
		const vault = await storage.get('vault');
		if (!vault?.secrets[profileId]) return;
		const { [profileId]: _removed, ...secrets } = vault.secrets;
		await storage.set({ vault: { ...vault, secrets } });
	});
}

/** Decrypts a profile's secret access key for one request; never kept in a variable beyond it. */
export function readSecret(profileId: string): Promise<string> {
	return queued(async () => {
		const key = await unlockedKey();
		const box = (await storage.get('vault'))?.secrets[profileId];
		if (!box) throw new UserError(t('noSecretSaved'), 'secretAccessKey');
		try {
			return await open(key, box, profileId);
		} catch {
			// The key in memory does not open the vault (e.g. a passphrase change cut short): lock and say so.
			await lockNow();
			throw new UserError(t('vaultKeyStale'), 'passphrase', 'locked');
		}
	});
}

/** Re-encrypts every secret under a new passphrase, in one write: a failure keeps the old one. */
export function changePassphrase(request: { current: string; next: string; confirmation: string }): Promise<void> {
	return queued(async () => {
		const alone = parsePassphrase(request.next);
		if (!alone.ok) throw new UserError(alone.error, 'newPassphrase');
		const both = parsePassphrase(request.next, request.confirmation);
		if (!both.ok) throw new UserError(both.error, 'newConfirmation');
		const oldKey = await checkPassphrase(request.current);
		const vault = await storage.get('vault');
		if (!vault) throw new UserError(t('noVaultYet'), 'passphrase');
		const next = await rekeyVault(vault, oldKey, both.value);
		await storage.set({ vault: next.vault });
		await storage.set({ vaultKey: next.keyBytes });
		await touchVault();
	});
}

/** The way out of a forgotten passphrase: deletes every stored secret and live session. */
export function forgetSecrets(): Promise<void> {
	return queued(async () => {
		await storage.set({ vault: undefined, unlockFailures: undefined });
		await storage.set({ vaultKey: undefined, sessions: {}, lockAt: undefined, usedCodes: {} });
		await browser.alarms.clear(autoLockAlarm);
	});
}
