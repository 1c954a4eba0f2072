import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createVaultHeader, open, pbkdf2Iterations, rekeyVault, seal, unlockVaultHeader } from './vault-crypto';

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('vault crypto', () => {
	it('derives the key with 600,000 PBKDF2-SHA256 iterations by default, as an independent PBKDF2 does', async () => {
		const { header, keyBytes } = await createVaultHeader('correct horse battery');
		expect(header.iterations).toBe(600_000);
		// Node's own PBKDF2, with the header's salt, gives the same 256-bit key only at that count.
		const independent = (iterations: number) =>
			pbkdf2Sync('correct horse battery', Buffer.from(header.salt, 'base64'), iterations, 32, 'sha256').toString('base64');
		expect(keyBytes).toBe(independent(600_000));
		expect(keyBytes).not.toBe(independent(599_999));
		expect(pbkdf2Iterations).toBe(600_000);
	});

	it('round-trips a secret with the key from the right passphrase', async () => {
		const { header, keyBytes } = await createVaultHeader('correct horse battery', 1000);
		const box = await seal(keyBytes, secret, 'profile-1');
		expect(box.data).not.toContain(secret);
		const again = await unlockVaultHeader(header, 'correct horse battery');
		expect(again).toBe(keyBytes);
		expect(await open(again ?? '', box, 'profile-1')).toBe(secret);
	});

	it('refuses a wrong passphrase', async () => {
		const { header } = await createVaultHeader('correct horse battery', 1000);
		expect(await unlockVaultHeader(header, 'correct horse batterY')).toBeUndefined();
	});

	it('refuses a box moved to another label', async () => {
		const { keyBytes } = await createVaultHeader('correct horse battery', 1000);
		const box = await seal(keyBytes, secret, 'profile-1');
		await expect(open(keyBytes, box, 'profile-2')).rejects.toThrow();
	});

	it('never repeats a nonce or a salt', async () => {
		const { header: a, keyBytes } = await createVaultHeader('same passphrase!', 1000);
		const { header: b } = await createVaultHeader('same passphrase!', 1000);
		expect(a.salt).not.toBe(b.salt);
		const [x, y] = await Promise.all([seal(keyBytes, secret, 'p'), seal(keyBytes, secret, 'p')]);
		expect(x.iv).not.toBe(y.iv);
		expect(x.data).not.toBe(y.data);
	});
});

describe('changing the passphrase', () => {
	it('re-encrypts every secret so only the new passphrase opens them', async () => {
		const { header, keyBytes } = await createVaultHeader('old passphrase!', 1000);
		const vault = { ...header, secrets: { a: await seal(keyBytes, 'secret-a', 'a'), b: await seal(keyBytes, 'secret-b', 'b') } };
		const next = await rekeyVault(vault, keyBytes, 'new passphrase!', 1000);
		expect(await unlockVaultHeader(next.vault, 'old passphrase!')).toBeUndefined();
		const newKey = await unlockVaultHeader(next.vault, 'new passphrase!');
		expect(newKey).toBe(next.keyBytes);
		expect(await open(next.keyBytes, next.vault.secrets.a, 'a')).toBe('secret-a');
		expect(await open(next.keyBytes, next.vault.secrets.b, 'b')).toBe('secret-b');
	});

	it('fails as a whole and leaves the old vault working when one secret cannot be opened', async () => {
		const { header, keyBytes } = await createVaultHeader('old passphrase!', 1000);
		const good = await seal(keyBytes, 'secret-a', 'a');
		const vault = { ...header, secrets: { a: good, b: { ...good, data: good.data.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) } } };
		const before = structuredClone(vault);
		await expect(rekeyVault(vault, keyBytes, 'new passphrase!', 1000)).rejects.toThrow();
		expect(vault).toEqual(before);
		expect(await unlockVaultHeader(vault, 'old passphrase!')).toBe(keyBytes);
	});
});
