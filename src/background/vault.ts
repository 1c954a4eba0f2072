// The vault in use: the derived key lives only in session storage, so the vault stays unlocked
// until the browser closes, the person locks it, or it has been idle for the chosen time.
// Every operation runs in one queue, so a passphrase change, a save and an unlock never interleave.
import browser from '../browser';
import { t } from '../i18n';
import { pendingLabel, type RotationJournal } from '../lib/key-rotation';
import { addPasskeySlot, openWithPasskey, openWithPassphrase, removePasskeySlot, rewrapPassphrase, withSlots } from '../lib/key-slots';
import { lockAfterEachSession, type PasskeySummary, type Vault } from '../lib/model';
import { parsePasskeyName } from '../lib/passkey-input';
import { formatDuration } from '../lib/time-format';
import { recordFailure, waitLeftMs } from '../lib/unlock-throttle';
import { type Field, UserError } from '../lib/user-error';
import { parsePassphrase } from '../lib/validate';
import { createVaultHeader, open, pbkdf2Iterations, rekeyVault, seal } from '../lib/vault-crypto';
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
export async function vaultState(): Promise<{ hasVault: boolean; locked: boolean; passkeys: PasskeySummary[] }> {
	const { state } = await keyAndState();
	return state;
}

/** The key in memory with the state, from one read of each key. */
async function keyAndState() {
	const [vault, key, lockAt] = await Promise.all([storage.get('vault'), storage.get('vaultKey'), storage.get('lockAt')]);
	const expired = lockAt !== undefined && Date.now() >= lockAt;
	const passkeys = (vault?.slots?.passkeys ?? []).map(({ id, name, credentialId, addedAt }) => ({ id, name, credentialId, addedAt }));
	return { key, state: { hasVault: vault !== undefined, locked: vault === undefined || key === undefined || expired, passkeys } };
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
		// The key in memory before the vault that needs it: a page reading state between the two
		// writes must never see a vault that exists and is locked, and draw the unlock form for a moment.
		await storage.set({ vaultKey: keyBytes });
		await touchVault();
		await storage.set({ vault: { ...header, secrets: {} }, unlockFailures: undefined });
	});
}

/**
 * Runs one unlock attempt under the throttle. The attempt is counted before the slow part, in local
 * storage, so neither parallel attempts nor a restart get a free try; one that opens the vault clears it.
 */
async function throttled<T>(
	field: Field,
	attempt: () => Promise<T | undefined>,
	wrong: { now: string; wait: (delay: string) => string; kind: string },
) {
	const failures = await storage.get('unlockFailures');
	const wait = waitLeftMs(failures, Date.now());
	if (wait > 0) throw new UserError(t('unlockThrottled', Math.ceil(wait / 1000)), field, 'throttled');
	const counted = recordFailure(failures, Date.now());
	await storage.set({ unlockFailures: counted });
	const keyBytes = await attempt();
	if (keyBytes) {
		await storage.set({ unlockFailures: undefined });
		return keyBytes;
	}
	const delay = waitLeftMs(counted, Date.now());
	throw new UserError(delay > 0 ? wrong.wait(formatDuration(Math.ceil(delay / 1000))) : wrong.now, field, wrong.kind);
}

/** Checks a passphrase against the vault; returns the vault key and the passphrase's own key. */
async function checkPassphrase(passphrase: string): Promise<{ vaultKey: string; passphraseKey: string }> {
	const vault = await storage.get('vault');
	if (!vault) throw new UserError(t('nothingToUnlock'), 'passphrase');
	if (passphrase === '') throw new UserError(t('passphraseMissing'), 'passphrase');
	return throttled('passphrase', () => openWithPassphrase(vault, passphrase), {
		now: t('wrongPassphrase'),
		wait: (delay) => t('wrongPassphraseWait', delay),
		kind: 'wrong-passphrase',
	});
}

/** Unlocks the vault for this browser session, or says the passphrase is wrong. */
export function unlock(passphrase: string): Promise<void> {
	return queued(async () => {
		const keyBytes = (await checkPassphrase(passphrase)).vaultKey;
		const vault = await storage.get('vault');
		// A vault sealed with fewer iterations than today's is re-sealed now, while the passphrase is at hand.
		if (vault && vault.iterations < pbkdf2Iterations) {
			const next = await resealed(vault, keyBytes, passphrase);
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
	const {
		key,
		state: { locked },
	} = await keyAndState();
	if (key === undefined || locked) {
		await lockWhenIdleOver();
		throw new UserError(t('vaultLocked'), 'passphrase', 'locked');
	}
	// Not awaited: the deadline moves while the key is used. Should it fail, the vault locks at the
	// old deadline, which is the safe side.
	touchVault().catch(() => undefined);
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

/**
 * A rotation's new secret, sealed beside the profile's own under a label of its own, in the same
 * write as the journal step that names it: the vault still opens the old key until the new one is proven.
 */
export function sealPending(journal: RotationJournal, secretAccessKey: string): Promise<void> {
	return queued(async () => {
		const box = await seal(await unlockedKey(), secretAccessKey, pendingLabel(journal.profileId));
		const vault = await storage.get('vault');
		if (!vault) throw new UserError(t('vaultMissing'), 'passphrase');
		await storage.set({ vault: { ...vault, secrets: { ...vault.secrets, [pendingLabel(journal.profileId)]: box } }, rotation: journal });
	});
}

/** Puts the proven new key in the old one's place in one write: its secret, the profile's key id, the journal's step. */
export function switchToPending(journal: RotationJournal, secretAccessKey: string): Promise<void> {
	return queued(async () => {
		const { profileId, newKeyId = '' } = journal;
		const box = await seal(await unlockedKey(), secretAccessKey, profileId);
		const [vault, profiles] = await Promise.all([storage.get('vault'), storage.get('profiles')]);
		if (!vault) throw new UserError(t('vaultMissing'), 'passphrase');
		const { [pendingLabel(profileId)]: _pending, ...secrets } = vault.secrets;
		await storage.set({
			vault: { ...vault, secrets: { ...secrets, [profileId]: box } },
			profiles: profiles.map((saved) => (saved.id === profileId ? { ...saved, accessKeyId: newKeyId } : saved)),
			rotation: { ...journal, step: 'switched' },
		});
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

/** Decrypts a profile's secret access key (or, by its label, a rotation's pending one) for one request; never kept beyond it. */
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

/**
 * The vault under a new passphrase (or today's iteration count). Without slots every secret is
 * sealed again; with slots only the passphrase slot changes, so every passkey keeps working.
 */
async function resealed(vault: Vault, vaultKey: string, passphrase: string): Promise<{ vault: Vault; keyBytes: string }> {
	if (!vault.slots) return rekeyVault(vault, vaultKey, passphrase);
	return { vault: await rewrapPassphrase(vault, vaultKey, await createVaultHeader(passphrase)), keyBytes: vaultKey };
}

/** Re-encrypts every secret under a new passphrase, in one write: a failure keeps the old one. */
export function changePassphrase(request: { current: string; next: string; confirmation: string }): Promise<void> {
	return queued(async () => {
		const alone = parsePassphrase(request.next);
		if (!alone.ok) throw new UserError(alone.error, 'newPassphrase');
		const both = parsePassphrase(request.next, request.confirmation);
		if (!both.ok) throw new UserError(both.error, 'newConfirmation');
		const oldKey = (await checkPassphrase(request.current)).vaultKey;
		const vault = await storage.get('vault');
		if (!vault) throw new UserError(t('noVaultYet'), 'passphrase');
		const next = await resealed(vault, oldKey, both.value);
		await storage.set({ vault: next.vault });
		await storage.set({ vaultKey: next.keyBytes });
		await touchVault();
	});
}

/**
 * Adds a passkey's slot, after the passphrase is checked once. The first one gives the vault its
 * slots under a new random vault key: every secret and every slot change in one write.
 */
export function addPasskey(request: { passphrase: string; name: string; credentialId: string; prfOutput: string }): Promise<void> {
	return queued(async () => {
		const name = parsePasskeyName(request.name);
		if (!name.ok) throw new UserError(name.error, 'passkeyName');
		const vault = await storage.get('vault');
		if (vault?.slots?.passkeys.some((slot) => slot.credentialId === request.credentialId))
			throw new UserError(t('passkeyAlreadyAdded'), 'passkeyName');
		const keys = await checkPassphrase(request.passphrase);
		const current = await storage.get('vault');
		if (!current) throw new UserError(t('noVaultYet'), 'passphrase');
		const slotted = current.slots ? { vault: current, vaultKey: keys.vaultKey } : await withSlots(current, keys.passphraseKey);
		const next = await addPasskeySlot(slotted.vault, slotted.vaultKey, { ...request, name: name.value });
		await storage.set({ vault: next });
		await storage.set({ vaultKey: slotted.vaultKey });
		await touchVault();
	});
}

/** Unlocks with a passkey's PRF output; a wrong one counts against the throttle like a wrong passphrase. */
export function unlockWithPasskey(request: { credentialId: string; prfOutput: string }): Promise<void> {
	return queued(async () => {
		const vault = await storage.get('vault');
		if (!vault) throw new UserError(t('nothingToUnlock'), 'passkey');
		// A credential that was never added is refused before counting: no slot was tried.
		if (!vault.slots?.passkeys.some((slot) => slot.credentialId === request.credentialId))
			throw new UserError(t('passkeyUnknown'), 'passkey', 'unknown-passkey');
		const vaultKey = await throttled(
			'passkey',
			async () => {
				const opened = await openWithPasskey(vault, request.credentialId, request.prfOutput);
				return 'key' in opened ? opened.key : undefined;
			},
			{ now: t('passkeyWrongKey'), wait: (delay) => t('passkeyWrongKeyWait', delay), kind: 'wrong-passkey' },
		);
		await storage.set({ vaultKey });
		await touchVault();
	});
}

/** Removes one passkey's slot, only while the vault is unlocked; the passphrase slot always stays. */
export function removePasskey(slotId: string): Promise<void> {
	return queued(async () => {
		await unlockedKey();
		const vault = await storage.get('vault');
		if (vault) await storage.set({ vault: removePasskeySlot(vault, String(slotId)) });
	});
}

/** The way out of a forgotten passphrase: deletes every stored secret and live session. */
export function forgetSecrets(): Promise<void> {
	return queued(async () => {
		await storage.set({ vault: undefined, unlockFailures: undefined });
		await storage.changeSessions(() => ({ vaultKey: undefined, sessions: {}, lockAt: undefined, usedCodes: {} }));
		await browser.alarms.clear(autoLockAlarm);
	});
}

/** Creates the vault on the first save, or opens it when locked, with the passphrase that came along. */
export async function openVaultFor(request: { passphrase?: string; confirmation?: string }): Promise<void> {
	const { hasVault, locked } = await vaultState();
	if (!hasVault) await createVault(request.passphrase, request.confirmation);
	else if (locked) await unlock(request.passphrase ?? '');
}
