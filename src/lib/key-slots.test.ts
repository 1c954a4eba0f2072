import { createHmac, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	addPasskeySlot,
	openWithPasskey,
	openWithPassphrase,
	passkeySlotKey,
	removePasskeySlot,
	rewrapPassphrase,
	type SlottedVault,
	slotLabel,
	withSlots,
} from './key-slots';
import { createVaultHeader, open, seal, toBase64, unlockVaultHeader } from './vault-crypto';

const prfA = toBase64(new Uint8Array(32).fill(7));
const prfB = toBase64(new Uint8Array(32).fill(9));

/** A vault as written before key slots existed: the passphrase's key seals the secrets. */
async function singleSlotVault(passphrase = 'old passphrase!') {
	const { header, keyBytes } = await createVaultHeader(passphrase, 1000);
	const vault: SlottedVault = {
		...header,
		secrets: { p1: await seal(keyBytes, 'secret-1', 'p1'), p2: await seal(keyBytes, 'secret-2', 'p2') },
	};
	return { vault, passphraseKey: keyBytes };
}

describe('passkey slot key', () => {
	it('is HKDF-SHA256 of the PRF output with the slot salt, as an independent HKDF gives it', async () => {
		const salt = toBase64(new Uint8Array(32).fill(1));
		const independent = Buffer.from(
			hkdfSync('sha256', Buffer.from(prfA, 'base64'), Buffer.from(salt, 'base64'), 'mfa-session passkey slot v1', 32),
		).toString('base64');
		expect(await passkeySlotKey(prfA, salt)).toBe(independent);
		expect(await passkeySlotKey(prfB, salt)).not.toBe(independent);
		// Not the PRF output itself, nor a plain HMAC of it.
		expect(independent).not.toBe(prfA);
		expect(independent).not.toBe(createHmac('sha256', Buffer.from(salt, 'base64')).update(Buffer.from(prfA, 'base64')).digest('base64'));
	});
});

describe('vault without slots (as written before passkeys)', () => {
	it('opens with its passphrase exactly as before: the passphrase key is the vault key', async () => {
		const { vault, passphraseKey } = await singleSlotVault();
		expect(await openWithPassphrase(vault, 'old passphrase!')).toEqual({ vaultKey: passphraseKey, passphraseKey });
		expect(await openWithPassphrase(vault, 'wrong passphrase')).toBeUndefined();
		expect(vault.slots).toBeUndefined();
	});

	it('refuses every passkey', async () => {
		const { vault } = await singleSlotVault();
		expect(await openWithPasskey(vault, 'credential-aaaaaaaaa', prfA)).toEqual({ refused: 'unknown-credential' });
	});
});

describe('migration to slots', () => {
	it('seals every secret under a new random vault key that the passphrase slot wraps', async () => {
		const { vault, passphraseKey } = await singleSlotVault();
		const before = structuredClone(vault);
		const { vault: slotted, vaultKey } = await withSlots(vault, passphraseKey);
		expect(vault).toEqual(before);
		expect(vaultKey).not.toBe(passphraseKey);
		expect(slotted.slots?.passkeys).toEqual([]);
		// The header is the same: the passphrase and its iterations did not change.
		expect({ salt: slotted.salt, iterations: slotted.iterations, verifier: slotted.verifier }).toEqual({
			salt: vault.salt,
			iterations: vault.iterations,
			verifier: vault.verifier,
		});
		expect(await openWithPassphrase(slotted, 'old passphrase!')).toEqual({ vaultKey, passphraseKey });
		expect(await open(vaultKey, slotted.secrets.p1 ?? { iv: '', data: '' }, 'p1')).toBe('secret-1');
		expect(await open(vaultKey, slotted.secrets.p2 ?? { iv: '', data: '' }, 'p2')).toBe('secret-2');
		// The old key opens nothing any more.
		await expect(open(passphraseKey, slotted.secrets.p1 ?? { iv: '', data: '' }, 'p1')).rejects.toThrow();
		await expect(withSlots(slotted, passphraseKey)).rejects.toThrow();
	});

	it('gives a new vault key each time', async () => {
		const { vault, passphraseKey } = await singleSlotVault();
		const [a, b] = await Promise.all([withSlots(vault, passphraseKey), withSlots(vault, passphraseKey)]);
		expect(a.vaultKey).not.toBe(b.vaultKey);
	});
});

describe('passkey slots', () => {
	async function twoPasskeys() {
		const { vault, passphraseKey } = await singleSlotVault();
		const { vault: slotted, vaultKey } = await withSlots(vault, passphraseKey);
		const one = await addPasskeySlot(slotted, vaultKey, { credentialId: 'credential-aaaaaaaaa', name: 'YubiKey', prfOutput: prfA });
		const two = await addPasskeySlot(one, vaultKey, { credentialId: 'credential-bbbbbbbbb', name: 'Laptop', prfOutput: prfB });
		return { vault: two, vaultKey, passphraseKey };
	}

	it('each unwraps the same vault key from its own PRF output; the output is not stored', async () => {
		const { vault, vaultKey } = await twoPasskeys();
		expect(await openWithPasskey(vault, 'credential-aaaaaaaaa', prfA)).toEqual({ key: vaultKey });
		expect(await openWithPasskey(vault, 'credential-bbbbbbbbb', prfB)).toEqual({ key: vaultKey });
		const text = JSON.stringify(vault);
		expect(text).not.toContain(prfA);
		expect(text).not.toContain(prfB);
		expect(text).not.toContain(vaultKey);
		const [a, b] = vault.slots?.passkeys ?? [];
		expect(a?.name).toBe('YubiKey');
		expect(a?.salt).not.toBe(b?.salt);
		expect(a?.id).not.toBe(b?.id);
	});

	it('refuses a PRF output that is not the credential’s (the wrong key) and an unknown credential', async () => {
		const { vault } = await twoPasskeys();
		expect(await openWithPasskey(vault, 'credential-aaaaaaaaa', prfB)).toEqual({ refused: 'wrong-key' });
		expect(await openWithPasskey(vault, 'credential-ccccccccc', prfA)).toEqual({ refused: 'unknown-credential' });
	});

	it('binds each wrapped key to its slot id: a box moved to another slot does not open', async () => {
		const { vault, vaultKey } = await twoPasskeys();
		const [a, b] = vault.slots?.passkeys ?? [];
		if (!a || !b) throw new Error('two slots expected');
		const slotKey = await passkeySlotKey(prfA, a.salt);
		expect(await open(slotKey, a.wrapped, slotLabel(a.id))).toBe(vaultKey);
		await expect(open(slotKey, a.wrapped, slotLabel(b.id))).rejects.toThrow();
		// The passphrase slot's box under a passkey slot's label is refused too.
		const moved = { ...vault, slots: { passphrase: vault.slots?.passphrase ?? a.wrapped, passkeys: [{ ...a, wrapped: b.wrapped }, b] } };
		expect(await openWithPasskey(moved, a.credentialId, prfA)).toEqual({ refused: 'wrong-key' });
	});

	it('removing every passkey leaves the passphrase slot working', async () => {
		const { vault, vaultKey, passphraseKey } = await twoPasskeys();
		const [a, b] = vault.slots?.passkeys ?? [];
		const one = removePasskeySlot(vault, a?.id ?? '');
		expect(one.slots?.passkeys.map((slot) => slot.name)).toEqual(['Laptop']);
		expect(await openWithPasskey(one, 'credential-bbbbbbbbb', prfB)).toEqual({ key: vaultKey });
		expect(await openWithPasskey(one, 'credential-aaaaaaaaa', prfA)).toEqual({ refused: 'unknown-credential' });
		const none = removePasskeySlot(one, b?.id ?? '');
		expect(none.slots?.passkeys).toEqual([]);
		expect(await openWithPassphrase(none, 'old passphrase!')).toEqual({ vaultKey, passphraseKey });
	});

	it('a new passphrase re-wraps only the passphrase slot: secrets and passkeys stay as they were', async () => {
		const { vault, vaultKey } = await twoPasskeys();
		const next = await createVaultHeader('new passphrase!', 1000);
		const changed = await rewrapPassphrase(vault, vaultKey, next);
		expect(changed.secrets).toEqual(vault.secrets);
		expect(changed.slots?.passkeys).toEqual(vault.slots?.passkeys);
		expect(await openWithPassphrase(changed, 'old passphrase!')).toBeUndefined();
		expect((await openWithPassphrase(changed, 'new passphrase!'))?.vaultKey).toBe(vaultKey);
		expect(await unlockVaultHeader(changed, 'new passphrase!')).toBe(next.keyBytes);
		expect(await openWithPasskey(changed, 'credential-aaaaaaaaa', prfA)).toEqual({ key: vaultKey });
	});
});
