// Key slots: once a passkey is added, the secrets are sealed under a random vault key, and each
// way in (the passphrase, every passkey) holds that key wrapped under its own key. WebCrypto only.
import { fromBase64, open, type SealedBox, seal, toBase64, unlockVaultHeader, type VaultHeader } from './vault-crypto';

/** One passkey's way in: the vault key wrapped under a key derived from the credential's PRF output. */
export interface PasskeySlot {
	/** Random, and the associated data of `wrapped` (as `slot:<id>`), so a box cannot move to another slot. */
	id: string;
	/** The credential's raw id, base64url, as WebAuthn gives it back. */
	credentialId: string;
	name: string;
	/** The HKDF salt, 32 random bytes, base64. */
	salt: string;
	wrapped: SealedBox;
	addedAt: string;
}

/** The vault key wrapped by the passphrase's key, and by each passkey's. */
export interface KeySlots {
	passphrase: SealedBox;
	passkeys: PasskeySlot[];
}

/** A vault: the passphrase header, the sealed secrets and, once a passkey was added, the slots. */
export interface SlottedVault extends VaultHeader {
	secrets: Record<string, SealedBox>;
	/** Absent in a vault that never had a passkey: the passphrase's key then seals the secrets itself. */
	slots?: KeySlots;
}

const hkdfInfo = new TextEncoder().encode('mfa-session passkey slot v1');
const passphraseSlotLabel = 'slot:passphrase';

/** The associated data of a passkey slot's box. */
export function slotLabel(slotId: string): string {
	return `slot:${slotId}`;
}

function randomBytes(length: number): string {
	return toBase64(crypto.getRandomValues(new Uint8Array(length)));
}

/** Derives a slot's 256-bit wrapping key from a PRF output (base64) and the slot's salt, by HKDF-SHA256. */
export async function passkeySlotKey(prfOutput: string, salt: string): Promise<string> {
	const material = await crypto.subtle.importKey('raw', fromBase64(prfOutput), 'HKDF', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: fromBase64(salt), info: hkdfInfo }, material, 256);
	return toBase64(new Uint8Array(bits));
}

/**
 * The vault key from the passphrase, with the passphrase's own key: the same key in a vault
 * without slots, the one its slot wraps otherwise. Undefined when the passphrase is wrong.
 */
export async function openWithPassphrase(
	vault: SlottedVault,
	passphrase: string,
): Promise<{ vaultKey: string; passphraseKey: string } | undefined> {
	const passphraseKey = await unlockVaultHeader(vault, passphrase);
	if (!passphraseKey) return undefined;
	if (!vault.slots) return { vaultKey: passphraseKey, passphraseKey };
	try {
		return { vaultKey: await open(passphraseKey, vault.slots.passphrase, passphraseSlotLabel), passphraseKey };
	} catch {
		return undefined;
	}
}

/** Why a passkey did not open the vault: it was never added, or its secret does not unwrap its slot. */
export type PasskeyRefusal = 'unknown-credential' | 'wrong-key';

/** The vault key from a passkey's PRF output, or why not. */
export async function openWithPasskey(
	vault: SlottedVault,
	credentialId: string,
	prfOutput: string,
): Promise<{ key: string } | { refused: PasskeyRefusal }> {
	const slot = vault.slots?.passkeys.find((candidate) => candidate.credentialId === credentialId);
	if (!slot) return { refused: 'unknown-credential' };
	try {
		return { key: await open(await passkeySlotKey(prfOutput, slot.salt), slot.wrapped, slotLabel(slot.id)) };
	} catch {
		return { refused: 'wrong-key' };
	}
}

/**
 * Gives a vault without slots its slots: a new random vault key, every secret sealed again under
 * it, and the passphrase slot. Nothing is written here; the caller stores the result in one write.
 */
export async function withSlots<V extends SlottedVault>(vault: V, passphraseKey: string): Promise<{ vault: V; vaultKey: string }> {
	if (vault.slots) throw new Error('The vault has key slots already');
	const vaultKey = randomBytes(32);
	const secrets: Record<string, SealedBox> = {};
	for (const [label, box] of Object.entries(vault.secrets)) {
		secrets[label] = await seal(vaultKey, await open(passphraseKey, box, label), label);
	}
	const passphrase = await seal(passphraseKey, vaultKey, passphraseSlotLabel);
	return { vault: { ...vault, secrets, slots: { passphrase, passkeys: [] } }, vaultKey };
}

/** Adds a passkey's slot wrapping `vaultKey`; nothing is written here. */
export async function addPasskeySlot<V extends SlottedVault>(
	vault: V,
	vaultKey: string,
	passkey: { credentialId: string; name: string; prfOutput: string },
	now = new Date(),
): Promise<V> {
	if (!vault.slots) throw new Error('The vault has no key slots');
	const id = crypto.randomUUID();
	const salt = randomBytes(32);
	const wrapped = await seal(await passkeySlotKey(passkey.prfOutput, salt), vaultKey, slotLabel(id));
	const slot: PasskeySlot = { id, credentialId: passkey.credentialId, name: passkey.name, salt, wrapped, addedAt: now.toISOString() };
	return { ...vault, slots: { ...vault.slots, passkeys: [...vault.slots.passkeys, slot] } };
}

/** The vault without one passkey's slot; the passphrase slot always stays. */
export function removePasskeySlot<V extends SlottedVault>(vault: V, slotId: string): V {
	if (!vault.slots) return vault;
	return { ...vault, slots: { ...vault.slots, passkeys: vault.slots.passkeys.filter((slot) => slot.id !== slotId) } };
}

/** A slotted vault under a new passphrase: new header, the same vault key re-wrapped; secrets and passkeys untouched. */
export async function rewrapPassphrase<V extends SlottedVault>(
	vault: V,
	vaultKey: string,
	next: { header: VaultHeader; keyBytes: string },
): Promise<V> {
	if (!vault.slots) throw new Error('The vault has no key slots');
	const passphrase = await seal(next.keyBytes, vaultKey, passphraseSlotLabel);
	return { ...vault, ...next.header, slots: { ...vault.slots, passphrase } };
}
