// The browser half of AWS console sign-in (`aws login`): PKCE, the authorize URL, and the code that
// comes back, read from the loopback redirect or from the cross-device page. The rules follow
// aws-cli's awscli/customizations/login/utils.py: the method is the literal `SHA-256`, the challenge
// is unpadded base64url SHA-256 of the verifier, the same-device redirect is exactly
// http://127.0.0.1:PORT/oauth/callback, the cross-device one {base}/v1/sessions/confirmation, whose
// page shows base64 of `state=…&code=…`.
import { base64url } from './dpop-proof';
import { defaultSigninEndpoint } from './endpoints';
import type { Result } from './result';

export const sameDeviceClient = 'arn:aws:signin:::devtools/same-device';
export const crossDeviceClient = 'arn:aws:signin:::devtools/cross-device';

export interface SigninStart {
	clientId: typeof sameDeviceClient | typeof crossDeviceClient;
	redirectUri: string;
	state: string;
	verifier: string;
	challenge: string;
}

/** The sign-in host of a commercial region (AWS offers console sign-in for tools only there). */
export const signinBase = (region: string): string | undefined => defaultSigninEndpoint(region);

/** A PKCE verifier (64 unreserved characters from 48 random bytes) and its S256 challenge. */
export async function newPkce(): Promise<{ verifier: string; challenge: string }> {
	const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
	return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

export const loopbackRedirect = (port: number) => `http://127.0.0.1:${port}/oauth/callback`;

/** A fresh sign-in: same-device to the loopback port given, or cross-device when none. */
export async function startSignin(base: string, loopbackPort?: number): Promise<SigninStart> {
	const { verifier, challenge } = await newPkce();
	const state = crypto.randomUUID();
	return loopbackPort === undefined
		? { clientId: crossDeviceClient, redirectUri: `${base}/v1/sessions/confirmation`, state, verifier, challenge }
		: { clientId: sameDeviceClient, redirectUri: loopbackRedirect(loopbackPort), state, verifier, challenge };
}

/** The console's authorize page for a sign-in, with the query in aws-cli's order. */
export function authorizeUrl(base: string, start: SigninStart): string {
	const query = new URLSearchParams({
		response_type: 'code',
		client_id: start.clientId,
		state: start.state,
		code_challenge_method: 'SHA-256',
		scope: 'openid',
		redirect_uri: start.redirectUri,
		code_challenge: start.challenge,
	});
	return `${base}/v1/authorize?${query}`;
}

const codePattern = /^[\x21-\x7e]{1,512}$/;

function codeFrom(params: URLSearchParams, expectedState: string): Result<string> {
	const state = params.get('state');
	const code = params.get('code');
	if (params.get('error')) return { ok: false, error: `The sign-in was refused: ${params.get('error')?.slice(0, 100)}` };
	if (state === null || code === null) return { ok: false, error: 'The code has no state or no authorization code in it.' };
	if (state !== expectedState) return { ok: false, error: 'This code belongs to another sign-in. Start again and use the newest code.' };
	if (!codePattern.test(code)) return { ok: false, error: 'The authorization code is not one AWS issues.' };
	return { ok: true, value: code };
}

/** The code from the redirect the browser was sent to, if it is this sign-in's redirect. */
export function codeFromRedirect(url: string, start: Pick<SigninStart, 'redirectUri' | 'state'>): Result<string> | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return undefined;
	}
	if (`${parsed.origin}${parsed.pathname}` !== start.redirectUri) return undefined;
	return codeFrom(parsed.searchParams, start.state);
}

/** The code a person pasted from the cross-device page: base64 of `state=…&code=…`. */
export function codeFromPaste(text: string, expectedState: string): Result<string> {
	const trimmed = text.trim();
	if (!/^[A-Za-z0-9+/]{4,2048}={0,2}$/.test(trimmed)) return { ok: false, error: 'Paste the whole code the AWS page shows.' };
	let decoded: string;
	try {
		decoded = atob(trimmed);
	} catch {
		return { ok: false, error: 'Paste the whole code the AWS page shows.' };
	}
	if (!/^[\x20-\x7e]+$/.test(decoded)) return { ok: false, error: 'Paste the whole code the AWS page shows.' };
	return codeFrom(new URLSearchParams(decoded), expectedState);
}
