// What a non-extractable WebCrypto key gives in the extension's own origin, in Debian's Chromium:
// kept in IndexedDB it survives a browser restart and still signs proofs the local Sign-In's
// verifier accepts, and no script can export it. Its bytes are still in the profile's IndexedDB
// files: the browser, not the extension, decides how they are stored, so a program that reads the
// profile folder can copy it as it could copy the AWS CLI's PEM file. This test holds both facts.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { levelDbTable } from '../support/decompress';
import { launchWithExtension } from '../support/launch';
import { checkProof } from './dpop';

/** Every file under the folder that holds these bytes, as written or decompressed. */
async function filesHolding(directory: string, needle: Buffer): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		const bytes = await readFile(path).catch(() => undefined);
		if (!bytes) continue;
		const views: Buffer[] = [bytes];
		try {
			const table = levelDbTable(bytes);
			if (table) views.push(table);
		} catch {
			// Not a LevelDB table: the file as written was searched.
		}
		if (views.some((view) => view.includes(needle))) found.push(path.slice(directory.length));
	}
	return found;
}

test('a non-extractable P-256 key in IndexedDB survives a restart, signs proofs, cannot be exported, and is on disk', async () => {
	test.setTimeout(120_000);
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
	const d = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
	expect(d).toHaveLength(32);

	const first = await launchWithExtension();
	const page = await first.context.newPage();
	await page.goto(`chrome-extension://${first.extensionId}/src/options/index.html`);
	const stored = await page.evaluate(async (base64) => {
		const der = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
		const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
		await new Promise<void>((resolve, reject) => {
			const open = indexedDB.open('proof-key-check', 1);
			open.onupgradeneeded = () => open.result.createObjectStore('keys');
			open.onerror = () => reject(open.error);
			open.onsuccess = () => {
				const write = open.result.transaction('keys', 'readwrite');
				write.objectStore('keys').put(key, 'k');
				write.oncomplete = () => resolve();
				write.onerror = () => reject(write.error);
			};
		});
		return key.extractable;
	}, pkcs8);
	expect(stored).toBe(false);
	await first.close();

	const second = await launchWithExtension({ userDataDir: first.userDataDir });
	const again = await second.context.newPage();
	await again.goto(`chrome-extension://${second.extensionId}/src/options/index.html`);
	const url = 'https://us-east-1.signin.aws.amazon.com/v1/token';
	const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
	const { proof, exportRefused } = await again.evaluate(
		async ({ target, jwk }) => {
			const key = await new Promise<CryptoKey>((resolve, reject) => {
				const open = indexedDB.open('proof-key-check', 1);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const read = open.result.transaction('keys').objectStore('keys').get('k');
					read.onsuccess = () => resolve(read.result as CryptoKey);
					read.onerror = () => reject(read.error);
				};
			});
			const refusals: string[] = [];
			for (const format of ['pkcs8', 'jwk'] as const) {
				refusals.push(
					await crypto.subtle.exportKey(format, key).then(
						() => `${format}: exported`,
						(error: Error) => `${format}: ${error.name}`,
					),
				);
			}
			const encode = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
			const header = encode(JSON.stringify({ typ: 'dpop+jwt', alg: 'ES256', jwk }));
			const claims = encode(JSON.stringify({ htm: 'POST', htu: target, iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID() }));
			const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(`${header}.${claims}`));
			const raw = encode(String.fromCharCode(...new Uint8Array(signature)));
			return { proof: `${header}.${claims}.${raw}`, exportRefused: refusals };
		},
		{ target: url, jwk: { kty, crv, x, y } },
	);
	expect(exportRefused).toEqual(['pkcs8: InvalidAccessError', 'jwk: InvalidAccessError']);
	const checked = checkProof(proof, { method: 'POST', url, now: Math.floor(Date.now() / 1000), windowSeconds: 300 });
	expect(typeof checked === 'string' ? checked : 'accepted').toBe('accepted');
	await second.close();

	// Chromium keeps the private scalar as plain bytes in the origin's IndexedDB LevelDB files: a key
	// that must be sealed at rest has to be stored wrapped (e.g. under the vault key), not as a CryptoKey.
	expect(await filesHolding(first.userDataDir, d)).toEqual([expect.stringMatching(/IndexedDB\/chrome-extension_/)]);
	await rm(first.userDataDir, { recursive: true, force: true });
});
