// The unpacked build's id, pinned by a public key in its manifest, so the helper's host manifest
// can name it before the browser has ever loaded the extension. Store packages carry no key: each
// store assigns its own id, which `install --extension-id` adds.
import { createHash } from 'node:crypto';

/** The public half of a key pair whose private half is not needed (nothing is signed with it). */
export const unpackedManifestKey =
	'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4qAnJANFXHfKoX7X0KGQYF9N0c6hfH1roHvuQnAnhtxTweyd+notZpFzpPTLmUqtkP1MrnKRsiwaghxg1HOgOxAYoHEPDi3vkG5H57Z5cm8YKyOd/jYAcwU33Z0btb9+jHBDWGeHsTk2ZxBMRrYoTmK0aRqwMOgnaB5HItbDjeEAoLjsQV9yTOVSJ49g5w3sMySeeVqLIcX3iLVbUg8Y+2tccfmdvWbAr2NnV2M01Hri8U6YKyPLwih19NC6cwuRXh7kgegino60nkyO50QAfo59J8wa3JalHjNmcy1R3k950kfH/2rJrthJ5ZwdgzGWKYY573HDyUXgZlav9GnjQIDAQAB';

/**
 * The ids the stores gave the released extension: every host manifest allows them. Filled at
 * release time, once a store has assigned one; until then `install --extension-id` names it.
 */
export const storeExtensionIds: readonly string[] = [];

/** Firefox knows the add-on by the gecko id in its manifest. */
export const geckoId = 'mfa-session@mfa-session.app';

/** The id Chromium derives from a manifest key: the SHA-256 of the key, first 32 hex digits spelled a to p. */
export function extensionIdFromKey(base64Key: string): string {
	const hex = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
	return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The unpacked build's extension id. */
export const unpackedExtensionId = extensionIdFromKey(unpackedManifestKey);
