// Passphrase-based encryption for long-term secrets, WebCrypto only, no browser extension APIs.

/** PBKDF2-SHA256 iterations: OWASP's 2023 figure for this hash. Stored per vault so it can rise. */
export const pbkdf2Iterations = 600_000;

/** An AES-GCM ciphertext with its nonce, both base64, as kept in storage. */
export interface SealedBox {
	iv: string;
	data: string;
}

/** The stored shape of a vault: everything needed to check a passphrase, nothing that reveals it. */
export interface VaultHeader {
	salt: string;
	iterations: number;
	verifier: SealedBox;
}

const verifierText = 'mfa-session vault v1';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes bytes as base64. */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** Decodes base64 into bytes. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** Derives the 256-bit vault key from a passphrase; returned raw so it can live in session storage. */
export async function deriveKeyBytes(passphrase: string, salt: string, iterations: number): Promise<string> {
	const material = await crypto.subtle.importKey('raw', encoder.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
	const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations }, material, 256);
	return toBase64(new Uint8Array(bits));
}

async function importAesKey(keyBytes: string): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', fromBase64(keyBytes), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts text; `label` is bound as associated data so a box cannot be swapped to another slot. */
export async function seal(keyBytes: string, plaintext: string, label: string): Promise<SealedBox> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const data = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: encoder.encode(label) },
		await importAesKey(keyBytes),
		encoder.encode(plaintext),
	);
	return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
}

/** Decrypts a box; rejects when the key or the label is wrong (GCM's tag check fails). */
export async function open(keyBytes: string, box: SealedBox, label: string): Promise<string> {
	const plaintext = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: fromBase64(box.iv), additionalData: encoder.encode(label) },
		await importAesKey(keyBytes),
		fromBase64(box.data),
	);
	return decoder.decode(plaintext);
}

/** Makes a new vault header for a passphrase and returns it with the derived key. */
export async function createVaultHeader(
	passphrase: string,
	iterations = pbkdf2Iterations,
): Promise<{ header: VaultHeader; keyBytes: string }> {
	const salt = toBase64(crypto.getRandomValues(new Uint8Array(16)));
	const keyBytes = await deriveKeyBytes(passphrase, salt, iterations);
	const verifier = await seal(keyBytes, verifierText, 'verifier');
	return { header: { salt, iterations, verifier }, keyBytes };
}

/** Returns the vault key when the passphrase opens the header, else undefined. */
export async function unlockVaultHeader(header: VaultHeader, passphrase: string): Promise<string | undefined> {
	const keyBytes = await deriveKeyBytes(passphrase, header.salt, header.iterations);
	try {
		return (await open(keyBytes, header.verifier, 'verifier')) === verifierText ? keyBytes : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Re-encrypts every sealed secret under a new passphrase and returns the whole new vault. Nothing
 * is written here: the caller stores the result in one write, so a failure half-way leaves the
 * old vault, and the old passphrase, working.
 */
export async function rekeyVault<V extends VaultHeader & { secrets: Record<string, SealedBox> }>(
	vault: V,
	oldKeyBytes: string,
	newPassphrase: string,
	iterations = pbkdf2Iterations,
): Promise<{ vault: V; keyBytes: string }> {
	const { header, keyBytes } = await createVaultHeader(newPassphrase, iterations);
	const secrets: Record<string, SealedBox> = {};
	for (const [label, box] of Object.entries(vault.secrets)) {
		secrets[label] = await seal(keyBytes, await open(oldKeyBytes, box, label), label);
	}
	return { vault: { ...vault, ...header, secrets }, keyBytes };
}
