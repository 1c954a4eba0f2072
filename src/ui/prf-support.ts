// Whether the browser can unlock with a passkey at all: WebAuthn with the PRF extension.

/** Whether this browser offers WebAuthn with the PRF extension; where it cannot say, it is taken as missing. */
export async function prfAvailable(): Promise<boolean> {
	const api = globalThis.PublicKeyCredential as typeof PublicKeyCredential | undefined;
	if (!api || typeof api.getClientCapabilities !== 'function' || !navigator.credentials) return false;
	// Firefox (checked in ESR 153) reports PRF, but refuses every ceremony from a moz-extension:
	// page with a SecurityError: its random per-install host is no relying party id.
	if (location.protocol === 'moz-extension:') return false;
	try {
		return (await api.getClientCapabilities())['extension:prf'] === true;
	} catch {
		return false;
	}
}
