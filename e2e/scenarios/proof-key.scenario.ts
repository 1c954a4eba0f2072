// What each browser's WebCrypto and IndexedDB allow for a console sign-in's proof key, checked in the
// extension's own background (Chromium's service worker, Firefox's event page): a P-256 key made,
// exported once as JWK text (the form sealed in the vault), imported back non-extractable, signing a
// proof the local Sign-In's verifier accepts; and whether a non-extractable CryptoKey can be kept in
// IndexedDB and read back as one.
import { checkProof } from '../signin/dpop';
import { expect, scenario as test } from './scenario';

const url = 'https://us-east-1.signin.aws.amazon.com/v1/token';

// Plain JavaScript run in the background: it has no access to the extension's bundled modules.
const probe = `(async () => {
	const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
	const encode = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
	const made = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
	const { kty, crv, x, y, d } = await crypto.subtle.exportKey('jwk', made.privateKey);
	const privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, algorithm, false, ['sign']);
	const exportRefused = await crypto.subtle.exportKey('jwk', privateKey).then(() => 'exported', (error) => error.name);
	const text = (value) => encode(new TextEncoder().encode(JSON.stringify(value)));
	const signed = text({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty, crv, x, y } }) + '.' +
		text({ htm: 'POST', htu: ${JSON.stringify(url)}, iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID() });
	const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(signed));
	const db = await new Promise((resolve, reject) => {
		const open = indexedDB.open('proof-key-scenario', 1);
		open.onupgradeneeded = () => open.result.createObjectStore('keys');
		open.onsuccess = () => resolve(open.result);
		open.onerror = () => reject(open.error);
	});
	const kept = await new Promise((resolve) => {
		const write = db.transaction('keys', 'readwrite');
		write.objectStore('keys').put(privateKey, 'k');
		write.oncomplete = () => {
			const read = db.transaction('keys').objectStore('keys').get('k');
			read.onsuccess = () => resolve(read.result instanceof CryptoKey && !read.result.extractable ? 'kept' : 'changed');
			read.onerror = () => resolve('unreadable: ' + read.error?.name);
		};
		write.onerror = () => resolve('refused: ' + write.error?.name);
	});
	db.close();
	indexedDB.deleteDatabase('proof-key-scenario');
	return { proof: signed + '.' + encode(new Uint8Array(signature)), extractable: privateKey.extractable, exportRefused, kept };
})()`;

test('a proof key is made, imported non-extractable and signs proofs the Sign-In accepts, and IndexedDB keeps it', async ({ driver }) => {
	const result = await driver.background<{ proof: string; extractable: boolean; exportRefused: string; kept: string }>(probe);
	expect(result.extractable).toBe(false);
	expect(result.exportRefused).toBe('InvalidAccessError');
	const checked = checkProof(result.proof, { method: 'POST', url, now: Math.floor(Date.now() / 1000), windowSeconds: 300 });
	expect(typeof checked === 'string' ? checked : 'accepted').toBe('accepted');
	expect(result.kept).toBe('kept');
});
