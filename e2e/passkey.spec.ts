// Unlocking with a passkey through WebAuthn's PRF extension, driven by Chromium's virtual
// authenticators (CDP's WebAuthn domain) on the options page, where the ceremony runs.
import { hkdfSync } from 'node:crypto';
import type { CDPSession, Page } from '@playwright/test';
import { alice, expect, noteVaultKey, passphrase, secretsIn, test, withSession } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { expectNewSession, openPage, typeCode } from './support/pages';

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

/** A credential's PRF output, asked for on the page the way the extension asks; undefined when the authenticator gives none. */
async function prfOf(page: Page, credentialId: string): Promise<string | undefined> {
	return page.evaluate(async (id) => {
		const raw = Uint8Array.from(atob(id.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));
		const assertion = (await navigator.credentials.get({
			publicKey: {
				challenge: new Uint8Array(32),
				allowCredentials: [{ type: 'public-key', id: raw }],
				userVerification: 'required',
				extensions: { prf: { eval: { first: new TextEncoder().encode('mfa-session vault unlock v1') } } },
			},
		})) as PublicKeyCredential;
		const first = assertion.getClientExtensionResults().prf?.results?.first as ArrayBuffer | undefined;
		return first ? btoa(String.fromCharCode(...new Uint8Array(first))) : undefined;
	}, credentialId);
}

/** The slots in storage: each passkey's name, credential id and HKDF salt. */
async function passkeySlots(ext: ExtensionBrowser) {
	return ext.worker.evaluate(async () => {
		const { vault } = await chrome.storage.local.get('vault');
		return ((vault as { slots?: { passkeys: { name: string; credentialId: string; salt: string }[] } }).slots?.passkeys ?? []).map(
			({ name, credentialId, salt }) => ({ name, credentialId, salt }),
		);
	});
}

/**
 * Adds what a passkey's ceremony can reveal to the secrets the scans look for: its PRF output,
 * its slot's derived key, and the vault key. Returns the PRF output.
 */
async function noteSlotSecrets(ext: ExtensionBrowser, page: Page, name: string): Promise<string> {
	const slot = (await passkeySlots(ext)).find((candidate) => candidate.name === name);
	if (!slot) throw new Error(`no slot named ${name}`);
	const prf = await prfOf(page, slot.credentialId);
	expect(prf, `the PRF output of ${name}`).toMatch(/^[A-Za-z0-9+/]{43}=$/);
	const output = prf ?? '';
	const slotKey = Buffer.from(
		hkdfSync('sha256', Buffer.from(output, 'base64'), Buffer.from(slot.salt, 'base64'), 'mfa-session passkey slot v1', 32),
	).toString('base64');
	for (const secret of [output, slotKey]) if (!ext.secrets.includes(secret)) ext.secrets.push(secret);
	await noteVaultKey(ext);
	return output;
}

/** A first session, then one passkey added on the options page (its secrets noted for the scans). */
async function withPasskey(ext: ExtensionBrowser, sts: Parameters<typeof withSession>[1], name = 'YubiKey') {
	const { options, popup } = await withSession(ext, sts);
	await options.bringToFront();
	const authenticator = await addAuthenticator(ext, options);
	await addPasskey(options, name);
	await noteSlotSecrets(ext, options, name);
	return { options, popup, authenticator };
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
	const authenticator = await addAuthenticator(ext, options);
	expect((await storedVault(ext)).vault.slots).toBeUndefined();
	const sessionKey = () => ext.worker.evaluate(async () => (await chrome.storage.session.get('vaultKey')).vaultKey as string);
	const passphraseKey = await sessionKey();
	// A mistyped passphrase is refused at its field before any touch: the authenticator holds nothing.
	await options.getByLabel('Passkey name').fill('YubiKey');
	await options.getByLabel('Your passphrase').fill('not the passphrase');
	await options.getByRole('button', { name: 'Add a passkey or security key' }).click();
	await expect(options.locator('#passkey-passphrase-error')).toContainText('That passphrase is not right');
	expect(await authenticator.credentials()).toEqual([]);
	expect((await storedVault(ext)).vault.slots).toBeUndefined();
	await addPasskey(options, 'YubiKey');
	const { vault } = await storedVault(ext);
	expect(vault.slots?.passkeys.map((slot) => slot.name)).toEqual(['YubiKey']);
	// The first passkey moved the vault to a new random key; the session already holds it.
	expect(await sessionKey()).not.toBe(passphraseKey);
	await expect(options.getByLabel('Exported credentials')).toHaveValue(/AWS_SESSION_TOKEN/);
	await expect(options.getByRole('list', { name: 'Passkeys and security keys' })).toContainText('YubiKey, added');
	const prf = await noteSlotSecrets(ext, options, 'YubiKey');

	await lockFrom(options);
	await popup.bringToFront();
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeVisible();
	// Every runtime message reaches every extension page: the popup listens to all of them.
	await popup.evaluate(() => {
		const heard: string[] = [];
		(globalThis as unknown as { heard: string[] }).heard = heard;
		chrome.runtime.onMessage.addListener((message) => {
			heard.push(JSON.stringify(message));
		});
	});
	const pagesBefore = ext.context.pages().length;
	await popup.getByRole('button', { name: 'Unlock with passkey' }).click();
	await expect(popup.getByRole('status').filter({ hasText: 'On the options page, choose “Unlock with passkey”' })).toBeVisible();
	// The options page already open is the one brought forward, not a new tab.
	expect(ext.context.pages().length).toBe(pagesBefore);
	await unlockWithPasskey(options);
	// The popup learns it without a reload: no passphrase asked any more.
	await expect(popup.getByLabel('Passphrase', { exact: true })).toBeHidden();
	// It heard the options page's requests, and never the PRF output, which went on the port alone.
	const heard = await popup.evaluate(() => (globalThis as unknown as { heard: string[] }).heard);
	expect(heard.some((message) => message.includes('getState'))).toBe(true);
	expect(secretsIn(heard, [prf, ...ext.secrets])).toEqual([]);
	await typeCode(popup, sts.freshCode(alice));
	await expectNewSession(popup);
	await noteVaultKey(ext);
});

test('two passkeys each unlock; a passphrase change keeps both; removing one leaves the other, removing the last leaves the passphrase', async ({
	ext,
	sts,
}) => {
	const { options } = await withSession(ext, sts);
	await options.bringToFront();
	const cdp = await ext.context.newCDPSession(options);
	const first = await addAuthenticator(ext, options, cdp);
	const second = await addAuthenticator(ext, options, cdp);
	/** Only this authenticator answers the next ceremony, as if only it were touched. */
	const touch = async (which: typeof first) => {
		await first.answers(which === first);
		await second.answers(which === second);
	};
	await touch(first);
	await addPasskey(options, 'Security key');
	await touch(second);
	await addPasskey(options, 'Laptop');
	expect((await first.credentials()).length).toBe(1);
	expect((await second.credentials()).length).toBe(1);
	expect((await passkeySlots(ext)).map((slot) => slot.name)).toEqual(['Security key', 'Laptop']);
	await touch(first);
	const securityKeyPrf = await noteSlotSecrets(ext, options, 'Security key');
	await touch(second);
	await noteSlotSecrets(ext, options, 'Laptop');

	for (const which of [first, second]) {
		await lockFrom(options);
		await touch(which);
		await unlockWithPasskey(options);
	}

	const newPassphrase = 'another long passphrase';
	ext.secrets.push(newPassphrase);
	await options.getByLabel('Current passphrase').fill(passphrase);
	await options.getByLabel('New passphrase', { exact: true }).fill(newPassphrase);
	await options.getByLabel('Confirm new passphrase').fill(newPassphrase);
	await options.getByRole('button', { name: 'Change passphrase' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'changed' })).toBeVisible();
	expect((await passkeySlots(ext)).map((slot) => slot.name)).toEqual(['Security key', 'Laptop']);
	for (const which of [first, second]) {
		await lockFrom(options);
		await touch(which);
		await unlockWithPasskey(options);
	}

	await options.getByRole('button', { name: 'Remove Security key' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'Security key removed' })).toBeVisible();
	await expect(options.getByRole('list', { name: 'Passkeys and security keys' })).not.toContainText('Security key');
	await lockFrom(options);
	await touch(second);
	await unlockWithPasskey(options);
	// The removed one's own secret no longer opens anything: its slot is gone.
	await lockFrom(options);
	const answer = await sendOverPort(options, {
		kind: 'unlock',
		credentialId: base64url((await first.credentials())[0]?.credentialId ?? ''),
		prfOutput: securityKeyPrf,
	});
	expect(answer).toMatchObject({ ok: false, kind: 'unknown-passkey' });
	await unlockWithPasskey(options);

	await options.getByRole('button', { name: 'Remove Laptop' }).click();
	await expect(options.getByText('No passkey added yet.')).toBeVisible();
	await options.getByRole('button', { name: 'Lock now' }).click();
	await expect(options.getByLabel('Passphrase', { exact: true })).toBeVisible();
	await expect(options.getByRole('button', { name: 'Unlock with passkey' })).toHaveCount(0);
	await options.getByLabel('Passphrase', { exact: true }).fill(newPassphrase);
	await options.getByLabel('Passphrase', { exact: true }).press('Enter');
	await expect(options.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
	await expect(options.getByLabel('Exported credentials')).toHaveValue(/AWS_SESSION_TOKEN/);
});

/** A credential id as WebAuthn pages and the vault write it (CDP gives plain base64). */
function base64url(base64: string): string {
	return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends one request over the passkey port from an extension page, as the options page does, and returns the answer. */
async function sendOverPort(page: Page, request: Record<string, unknown>) {
	return page.evaluate(
		(message) =>
			new Promise<Record<string, unknown>>((resolve) => {
				const port = chrome.runtime.connect({ name: 'passkey-prf' });
				port.onMessage.addListener((answer) => {
					port.disconnect();
					resolve(answer as Record<string, unknown>);
				});
				port.postMessage(message);
			}),
		request,
	);
}

test('a credential that yields the wrong key is refused and counted; failed ceremonies and a copy without PRF are not', async ({
	ext,
	sts,
}) => {
	const { options, authenticator } = await withPasskey(ext, sts);
	const [credential] = await authenticator.credentials();
	if (!credential) throw new Error('the authenticator holds no credential');
	const failures = () => ext.worker.evaluate(async () => (await chrome.storage.local.get('unlockFailures')).unlockFailures ?? null);
	await lockFrom(options);
	const alert = options.getByRole('alert');

	// Another tab, as another machine would be: its authenticators hold a copy of the credential.
	const elsewhere = await openPage(ext, 'options');
	const elsewhereCdp = await ext.context.newCDPSession(elsewhere);
	const unlockElsewhere = elsewhere.getByRole('button', { name: 'Unlock with passkey' });
	// Ceremonies that fail (here: user verification fails, as when the person cancels) reach
	// nobody and count nothing: four of them, one more than the throttle lets pass free.
	const unverified = await addAuthenticator(ext, elsewhere, elsewhereCdp);
	await elsewhereCdp.send('WebAuthn.setUserVerified', { authenticatorId: unverified.authenticatorId, isUserVerified: false });
	await elsewhereCdp.send('WebAuthn.addCredential', { authenticatorId: unverified.authenticatorId, credential });
	for (let attempt = 0; attempt < 4; attempt++) {
		await unlockElsewhere.click();
		await expect(elsewhere.getByRole('alert')).toContainText('No passkey was used');
		await expect(unlockElsewhere).toBeEnabled();
	}
	expect(await failures()).toBeNull();
	await elsewhereCdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: unverified.authenticatorId });
	// The same credential id on another authenticator: Chromium's copy has no PRF secret, and the
	// page says so plainly; nothing is counted either.
	const copy = await addAuthenticator(ext, elsewhere, elsewhereCdp);
	await elsewhereCdp.send('WebAuthn.addCredential', { authenticatorId: copy.authenticatorId, credential });
	await unlockElsewhere.click();
	await expect(elsewhere.getByRole('alert')).toContainText('gives no PRF secret, so it cannot unlock MFA Session');
	await elsewhere.close();
	expect(await failures()).toBeNull();
	await options.bringToFront();

	// A secret that does not open the credential's slot (what a reset or re-registered authenticator
	// gives under the same id) is refused plainly and counted like a wrong passphrase.
	const wrong = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
	const refusals = [];
	for (let attempt = 0; attempt < 3; attempt++)
		refusals.push(
			await sendOverPort(options, {
				kind: 'unlock',
				credentialId: base64url(credential.credentialId),
				prfOutput: wrong(),
			}),
		);
	expect(refusals.map((answer) => answer.kind)).toEqual(['wrong-passkey', 'wrong-passkey', 'wrong-passkey']);
	// Only these three were counted: the third is the first to bring a wait.
	expect(String(refusals[0]?.message)).toContain('did not give the secret it gave when it was added');
	expect(String(refusals[2]?.message)).toContain('You can try again in 2 s');
	expect(await failures()).toMatchObject({ count: 3 });
	// Malformed requests are refused at the port and count nothing.
	expect(await sendOverPort(options, { kind: 'unlock', credentialId: 'x', prfOutput: wrong() })).toMatchObject({
		ok: false,
		kind: 'refused',
	});
	expect(await failures()).toMatchObject({ count: 3 });

	// Even the right passkey waits out the delay.
	await options.getByRole('button', { name: 'Unlock with passkey' }).click();
	await expect(alert).toContainText(/Too many failed unlocks\. Try again in [12] s\./);
	await options.waitForTimeout(2_100);
	await unlockWithPasskey(options);
	expect(await failures()).toBeNull();
});

test('with passkeys added, a forgotten passphrase still has its way out, and the slots go with the secrets', async ({ ext, sts }) => {
	const { options } = await withPasskey(ext, sts);
	await lockFrom(options);
	await options.getByText('Forgot your passphrase?').click();
	await options.getByRole('button', { name: 'Delete stored secrets…' }).click();
	await options.getByRole('button', { name: 'Delete my stored secrets' }).click();
	await expect(options.getByLabel('Confirm passphrase')).toBeVisible();
	expect(await ext.worker.evaluate(async () => Object.keys(await chrome.storage.local.get('vault')))).toEqual([]);
	await expect(options.getByRole('button', { name: 'Unlock with passkey' })).toHaveCount(0);
});

test('where the browser offers no PRF, the pages say so and show no passkey button; the passphrase unlocks', async ({ ext, sts }) => {
	const { options } = await withPasskey(ext, sts);
	await lockFrom(options);
	/** A page of the extension in a browser whose WebAuthn reports no PRF. */
	const withoutPrf = async (page: 'popup' | 'options') => {
		const tab = await ext.context.newPage();
		await tab.addInitScript(() => {
			PublicKeyCredential.getClientCapabilities = async () => ({ 'extension:prf': false });
		});
		await tab.goto(`chrome-extension://${ext.extensionId}/src/${page}/index.html`);
		await expect(tab.getByText('This browser cannot unlock with a passkey')).toBeVisible();
		await expect(tab.getByRole('button', { name: 'Unlock with passkey' })).toHaveCount(0);
		return tab;
	};
	await withoutPrf('popup');
	const plain = await withoutPrf('options');
	await plain.getByLabel('Passphrase', { exact: true }).fill(passphrase);
	await plain.getByLabel('Passphrase', { exact: true }).press('Enter');
	await expect(plain.getByLabel('Access key ID')).toHaveValue(alice.accessKeyId);
	await expect(plain.getByText('This browser cannot unlock with a passkey')).toBeVisible();
	await expect(plain.getByRole('button', { name: 'Add a passkey or security key' })).toHaveCount(0);
	await expect(plain.getByRole('list', { name: 'Passkeys and security keys' })).toContainText('YubiKey');
});

test('a passkey is removed only while the vault is unlocked', async ({ ext, sts }) => {
	const { options } = await withPasskey(ext, sts);
	const slotIds = () =>
		ext.worker.evaluate(async () => {
			const { vault } = await chrome.storage.local.get('vault');
			return ((vault as { slots?: { passkeys: { id: string }[] } }).slots?.passkeys ?? []).map(({ id }) => id);
		});
	const [id] = await slotIds();
	await lockFrom(options);
	// Asked straight of the worker, as any extension page could, without the passphrase or a passkey.
	const answer = await options.evaluate(
		(slot) =>
			chrome.runtime.sendMessage({ name: 'removePasskey', payload: { id: slot } }) as Promise<{ ok: boolean; error?: { kind?: string } }>,
		id,
	);
	expect(answer).toMatchObject({ ok: false, error: { kind: 'locked' } });
	expect(await slotIds()).toEqual([id]);
	// The locked options page offers no removal either.
	await expect(options.getByRole('button', { name: 'Remove YubiKey' })).toHaveCount(0);
	await unlockWithPasskey(options);
	await options.getByRole('button', { name: 'Remove YubiKey' }).click();
	await expect(options.getByRole('status').filter({ hasText: 'YubiKey removed' })).toBeVisible();
	expect(await slotIds()).toEqual([]);
});
