// Unlocking with a passkey through WebAuthn's PRF extension, driven by Chromium's virtual
// authenticators (CDP's WebAuthn domain) on the options page, where the ceremony runs.
import { hkdfSync } from 'node:crypto';
import type { CDPSession, Page } from '@playwright/test';
import { alice, expect, noteVaultKey, passphrase, test, withSession } from './fixtures';
import type { ExtensionBrowser } from './launch';
import { expectNewSession, typeCode } from './pages';

/** A virtual authenticator with PRF and user verification, as a platform passkey or a security key with a PIN offers. */
async function addAuthenticator(ext: ExtensionBrowser, page: Page, cdp?: CDPSession) {
	const session = cdp ?? (await ext.context.newCDPSession(page));
	await session.send('WebAuthn.enable');
	const { authenticatorId } = await session.send('WebAuthn.addVirtualAuthenticator', {
		options: {
			protocol: 'ctap2',
			ctap2Version: 'ctap2_1',
			transport: 'usb',
			hasResidentKey: true,
			hasUserVerification: true,
			isUserVerified: true,
			hasPrf: true,
			automaticPresenceSimulation: true,
		},
	});
	return {
		cdp: session,
		authenticatorId,
		/** Whether this authenticator answers by itself (off: it waits for a touch that never comes). */
		answers: (enabled: boolean) => session.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
		credentials: async () => (await session.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
	};
}

/** Adds a passkey on the options page as a person would: a name, the passphrase, then the touch. */
async function addPasskey(options: Page, name: string) {
	await options.getByLabel('Passkey name').fill(name);
	await options.getByLabel('Your passphrase').fill(passphrase);
	await options.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(options.getByRole('status').filter({ hasText: `${name} added` })).toBeVisible();
}

/**
 * Adds what a ceremony can reveal to the secrets the scans look for: each credential's PRF output
 * (asked for here the way the extension asks), each slot's derived key, and the vault key.
 */
async function noteSlotSecrets(ext: ExtensionBrowser, options: Page) {
	const vault = await ext.worker.evaluate(
		async () => (await chrome.storage.local.get('vault')).vault as { slots?: { passkeys: { credentialId: string; salt: string }[] } },
	);
	for (const slot of vault.slots?.passkeys ?? []) {
		const prf = await options.evaluate(async (credentialId) => {
			const id = Uint8Array.from(atob(credentialId.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
			const assertion = (await navigator.credentials.get({
				publicKey: {
					challenge: new Uint8Array(32),
					allowCredentials: [{ type: 'public-key', id }],
					userVerification: 'required',
					extensions: { prf: { eval: { first: new TextEncoder().encode('mfa-session vault unlock v1') } } },
				},
			})) as PublicKeyCredential;
			const first = assertion.getClientExtensionResults().prf?.results?.first as ArrayBuffer | undefined;
			return first ? btoa(String.fromCharCode(...new Uint8Array(first))) : undefined;
		}, slot.credentialId);
		expect(prf, `the PRF output of ${slot.credentialId}`).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		if (!prf) return;
		const slotKey = Buffer.from(
			hkdfSync('sha256', Buffer.from(prf, 'base64'), Buffer.from(slot.salt, 'base64'), 'mfa-session passkey slot v1', 32),
		).toString('base64');
		for (const secret of [prf, slotKey]) if (!ext.secrets.includes(secret)) ext.secrets.push(secret);
	}
	await noteVaultKey(ext);
}

async function storedVault(ext: ExtensionBrowser) {
	return ext.worker.evaluate(async () => {
		const { vault, unlockFailures } = await chrome.storage.local.get(['vault', 'unlockFailures']);
		return { vault: vault as { slots?: { passkeys: { name: string }[] } }, unlockFailures };
	});
}

async function lockFrom(options: Page) {
	await options.getByRole('button', { name: 'Lock now' }).click();
	await expect(options.getByRole('button', { name: 'Unlock with passkey' })).toBeVisible();
}

async function unlockWithPasskey(options: Page) {
	await options.getByRole('button', { name: 'Unlock with passkey' }).click();
	await expect(options.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
}

test('a passkey added on the options page unlocks from the popup, and the session refreshes', async ({ ext, sts }) => {
	const { options, popup } = await withSession(ext, sts);
	await options.bringToFront();
	await addAuthenticator(ext, options);
	expect((await storedVault(ext)).vault.slots).toBeUndefined();
	await addPasskey(options, 'YubiKey');
	const { vault } = await storedVault(ext);
	expect(vault.slots?.passkeys.map((slot) => slot.name)).toEqual(['YubiKey']);
	await expect(options.getByRole('list', { name: 'Passkeys and security keys' })).toContainText('YubiKey, added');
	await noteSlotSecrets(ext, options);

	await lockFrom(options);
	await popup.bringToFront();
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeVisible();
	const pagesBefore = ext.context.pages().length;
	await popup.getByRole('button', { name: 'Unlock with passkey' }).click();
	await expect(popup.getByRole('status').filter({ hasText: 'Touch your passkey on the options page' })).toBeVisible();
	// The options page already open is the one brought forward, not a new tab.
	expect(ext.context.pages().length).toBe(pagesBefore);
	await unlockWithPasskey(options);
	// The popup learns it without a reload: no passphrase asked any more.
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeHidden();
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await noteSlotSecrets(ext, options);
});
