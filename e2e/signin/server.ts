// A local AWS Sign-In for `aws login`'s protocol (OAuth 2.0 authorization code with PKCE, DPoP-bound
// refresh tokens), built from AWS's own clients and references:
// - aws-cli awscli/customizations/login/utils.py: the authorize query (response_type=code,
//   client_id, state, code_challenge_method=SHA-256, scope=openid, redirect_uri, code_challenge as
//   unpadded base64url SHA-256), the two client ids, the cross-device confirmation page at
//   {base}/v1/sessions/confirmation whose code is base64 of `state=…&code=…`, the idToken's `sub`.
// - @aws-sdk/nested-clients 3.998 `signin` (the service model): POST /v1/token, JSON body
//   {clientId, grantType, code, redirectUri, codeVerifier, refreshToken}, answer {accessToken:
//   {accessKeyId, secretAccessKey, sessionToken}, tokenType, expiresIn, refreshToken, idToken},
//   errors AccessDeniedException / ValidationException with members {error, message} and the
//   OAuth2ErrorCode values.
// - @aws-sdk/credential-provider-login 3.972.92: the DPoP proof (see dpop.ts), expiresIn in seconds.
// What AWS's clients do not show (status codes, which error a replayed token gets, code lifetime)
// is chosen here and said so below. The credentials it issues are sessions of the local STS.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StsUser } from '../sts/fixtures';
import type { StsServer } from '../sts/server';
import { checkProof } from './dpop';

export const sameDeviceClient = 'arn:aws:signin:::devtools/same-device';
export const crossDeviceClient = 'arn:aws:signin:::devtools/cross-device';

export type SigninErrorCode =
	| 'TOKEN_EXPIRED'
	| 'AUTHCODE_EXPIRED'
	| 'USER_CREDENTIALS_CHANGED'
	| 'INSUFFICIENT_PERMISSIONS'
	| 'INVALID_REQUEST';

export interface SigninOptions {
	/** The STS whose sessions the credentials are. */
	sts: StsServer;
	/** The person signed in to the console stand-in. */
	user: StsUser;
	/** Lifetime of the 15-minute credentials, in seconds (AWS: 900). */
	credentialSeconds?: number;
	/** How long an authorization code may be redeemed (not published by AWS; 5 minutes here). */
	codeLifetimeMs?: number;
	/** How long a sign-in lasts through refreshes (AWS: 12 hours). */
	sessionLifetimeMs?: number;
}

export interface TokenRecord {
	thumbprint: string;
	user: StsUser;
	clientId: string;
	/** When the person signed in: refreshes end 12 hours later. */
	signedInAt: number;
	/** The user's credentials generation when the session began. */
	generation: number;
	/** Set once the token has been exchanged for its successor. */
	rotated: boolean;
}

export interface TokenRequestRecord {
	grantType: string;
	outcome: 'ok' | SigninErrorCode;
	message?: string;
	/** The headers the request came with (origin, content-type), for tests to see what was sent. */
	origin?: string;
}

export interface SigninServer {
	url: string;
	/** Every /v1/token request and how it ended. */
	tokenRequests: TokenRequestRecord[];
	/** Refresh tokens by value: the current one and those already rotated. */
	readonly refreshTokens: ReadonlyMap<string, TokenRecord>;
	/** Who the console stand-in is signed in as from now on. */
	signInAs(user: StsUser): void;
	/** The user changes their password: every session begun before answers USER_CREDENTIALS_CHANGED. */
	changeCredentials(user: StsUser): void;
	/** Takes signin:CreateOAuth2Token away from (or gives it back to) a user. */
	setPermission(user: StsUser, allowed: boolean): void;
	setClockOffset(milliseconds: number): void;
	close(): Promise<void>;
}

interface PendingCode {
	clientId: string;
	redirectUri: string;
	challenge: string;
	user: StsUser;
	until: number;
	used: boolean;
}

class SigninError extends Error {
	constructor(
		readonly code: SigninErrorCode,
		message: string,
	) {
		super(message);
	}
}

const escapeHtml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
const page = (title: string, body: string) =>
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>\n`;

async function readBody(request: IncomingMessage, limit = 16_384): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of request) {
		size += (chunk as Buffer).length;
		if (size > limit) throw new SigninError('INVALID_REQUEST', 'The request body is too large.');
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The redirect a client id may use, as aws-cli builds them. */
function redirectAllowed(clientId: string, redirectUri: string, base: string): boolean {
	if (clientId === crossDeviceClient) return redirectUri === `${base}/v1/sessions/confirmation`;
	if (clientId !== sameDeviceClient) return false;
	const match = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/oauth\/callback$/.exec(redirectUri);
	return match !== null && Number(match[1]) > 0 && Number(match[1]) < 65_536;
}

export async function startSignin(options: SigninOptions): Promise<SigninServer> {
	const tokenRequests: TokenRequestRecord[] = [];
	const pending = new Map<string, { query: URLSearchParams; until: number }>();
	const codes = new Map<string, PendingCode>();
	const refreshTokens = new Map<string, TokenRecord>();
	const seenJti = new Map<string, number>();
	const generations = new Map<string, number>();
	const denied = new Set<string>();
	const idTokenKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
	let user = options.user;
	let clockOffset = 0;
	let base = '';
	const now = () => Date.now() + clockOffset;
	const credentialSeconds = options.credentialSeconds ?? 900;
	const codeLifetime = options.codeLifetimeMs ?? 5 * 60_000;
	const sessionLifetime = options.sessionLifetimeMs ?? 12 * 3_600_000;

	const html = (response: ServerResponse, status: number, title: string, body: string): undefined => {
		response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, body));
	};

	/** GET /v1/authorize: checks the query as AWS's clients send it, then shows the console's consent. */
	function authorize(url: URL, response: ServerResponse): undefined {
		const query = url.searchParams;
		const refuse = (why: string) => html(response, 400, 'Sign-in error', `<h1>Sign-in error</h1><p role="alert">${escapeHtml(why)}</p>`);
		if (query.get('response_type') !== 'code') return refuse('response_type must be code.');
		const clientId = query.get('client_id') ?? '';
		if (clientId !== sameDeviceClient && clientId !== crossDeviceClient) return refuse('Unknown client_id.');
		if (!redirectAllowed(clientId, query.get('redirect_uri') ?? '', base)) return refuse('redirect_uri is not allowed for this client.');
		if (query.get('code_challenge_method') !== 'SHA-256') return refuse('code_challenge_method must be SHA-256.');
		if (!/^[A-Za-z0-9_-]{43}$/.test(query.get('code_challenge') ?? '')) return refuse('code_challenge must be base64url SHA-256.');
		if (query.get('scope') !== 'openid') return refuse('scope must be openid.');
		const state = query.get('state') ?? '';
		if (state.length < 1 || state.length > 256) return refuse('state is missing.');
		const id = randomBytes(16).toString('hex');
		pending.set(id, { query, until: now() + codeLifetime });
		html(
			response,
			200,
			'Allow access',
			`<h1>Allow access to your AWS account</h1><p>Signed in as <span id="principal">${escapeHtml(user.arn)}</span></p>` +
				`<form method="post" action="/v1/authorize/allow"><input type="hidden" name="request" value="${id}"><button type="submit">Allow</button></form>`,
		);
	}

	/** The consent button: a single-use, short-lived code sent to the client's redirect. */
	async function allow(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const id = new URLSearchParams(await readBody(request)).get('request') ?? '';
		const entry = pending.get(id);
		pending.delete(id);
		if (!entry || entry.until <= now())
			return html(response, 400, 'Sign-in error', '<p role="alert">This sign-in request has expired. Start again.</p>');
		const code = randomBytes(32).toString('base64url');
		const clientId = entry.query.get('client_id') ?? '';
		const redirectUri = entry.query.get('redirect_uri') ?? '';
		codes.set(code, {
			clientId,
			redirectUri,
			challenge: entry.query.get('code_challenge') ?? '',
			user,
			until: now() + codeLifetime,
			used: false,
		});
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		target.searchParams.set('state', entry.query.get('state') ?? '');
		response.writeHead(302, { location: target.href }).end();
	}

	/** The cross-device page: the code the person copies into the client, base64 of `state=…&code=…`. */
	function confirmation(url: URL, response: ServerResponse): undefined {
		const code = url.searchParams.get('code') ?? '';
		const state = url.searchParams.get('state') ?? '';
		const shown = Buffer.from(`state=${encodeURIComponent(state)}&code=${encodeURIComponent(code)}`).toString('base64');
		html(
			response,
			200,
			'Authorization code',
			`<h1>Enter this code in your client</h1><p><label>Authorization code <input readonly value="${shown}"></label></p>`,
		);
	}

	function idToken(signedIn: StsUser, clientId: string): string {
		const seconds = Math.floor(now() / 1000);
		const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
		const unsigned = `${encode({ alg: 'ES256', typ: 'JWT' })}.${encode({ iss: base, sub: signedIn.arn, aud: clientId, iat: seconds, exp: seconds + credentialSeconds })}`;
		const signature = sign('sha256', Buffer.from(unsigned), { key: idTokenKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
		return `${unsigned}.${signature}`;
	}

	function answer(record: TokenRecord, withIdToken: boolean) {
		const session = options.sts.issueSession(record.user, credentialSeconds, false);
		const refreshToken = `rt-${randomBytes(48).toString('base64url')}`;
		refreshTokens.set(refreshToken, { ...record, rotated: false });
		return {
			accessToken: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken },
			tokenType: 'aws_sigv4',
			expiresIn: credentialSeconds,
			refreshToken,
			...(withIdToken ? { idToken: idToken(record.user, record.clientId) } : {}),
		};
	}

	const text = (value: unknown, name: string, max = 4096): string => {
		if (typeof value !== 'string' || value.length < 1 || value.length > max)
			throw new SigninError('INVALID_REQUEST', `${name} is missing or invalid.`);
		return value;
	};

	function exchangeCode(body: Record<string, unknown>, thumbprint: string) {
		const clientId = text(body.clientId, 'clientId');
		const entry = codes.get(text(body.code, 'code', 512));
		if (!entry || entry.used) throw new SigninError('INVALID_REQUEST', 'The authorization code is not valid.');
		entry.used = true;
		if (entry.until <= now()) throw new SigninError('AUTHCODE_EXPIRED', 'The authorization code has expired.');
		if (entry.clientId !== clientId) throw new SigninError('INVALID_REQUEST', 'clientId does not match the authorization request.');
		if (entry.redirectUri !== body.redirectUri)
			throw new SigninError('INVALID_REQUEST', 'redirectUri does not match the authorization request.');
		const verifier = text(body.codeVerifier, 'codeVerifier', 128);
		if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new SigninError('INVALID_REQUEST', 'codeVerifier is not a PKCE verifier.');
		if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge)
			throw new SigninError('INVALID_REQUEST', 'codeVerifier does not match code_challenge.');
		if (denied.has(entry.user.arn))
			throw new SigninError('INSUFFICIENT_PERMISSIONS', 'The user is not authorized to perform signin:CreateOAuth2Token.');
		const record = {
			thumbprint,
			user: entry.user,
			clientId,
			signedInAt: now(),
			generation: generations.get(entry.user.arn) ?? 0,
			rotated: false,
		};
		return answer(record, true);
	}

	function refresh(body: Record<string, unknown>, thumbprint: string) {
		const clientId = text(body.clientId, 'clientId');
		const token = text(body.refreshToken, 'refreshToken');
		const record = refreshTokens.get(token);
		if (!record) throw new SigninError('INVALID_REQUEST', 'The refresh token is not valid.');
		if (record.clientId !== clientId) throw new SigninError('INVALID_REQUEST', 'clientId does not match the refresh token.');
		if (record.thumbprint !== thumbprint)
			throw new SigninError('INVALID_REQUEST', 'The DPoP key is not the one the refresh token is bound to.');
		// Which error AWS gives a rotated token is not published; TOKEN_EXPIRED is this fake's choice.
		if (record.rotated) throw new SigninError('TOKEN_EXPIRED', 'The refresh token has already been used.');
		if ((generations.get(record.user.arn) ?? 0) !== record.generation)
			throw new SigninError('USER_CREDENTIALS_CHANGED', 'The user credentials have changed since the session began.');
		if (record.signedInAt + sessionLifetime <= now()) throw new SigninError('TOKEN_EXPIRED', 'The session has expired.');
		if (denied.has(record.user.arn))
			throw new SigninError('INSUFFICIENT_PERMISSIONS', 'The user is not authorized to perform signin:CreateOAuth2Token.');
		record.rotated = true;
		return answer(record, false);
	}

	async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
		let grantType = '';
		try {
			if (request.method !== 'POST') throw new SigninError('INVALID_REQUEST', 'Use POST.');
			if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
				throw new SigninError('INVALID_REQUEST', 'The body must be application/json.');
			let body: Record<string, unknown>;
			try {
				const parsed: unknown = JSON.parse(await readBody(request));
				if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
				body = parsed as Record<string, unknown>;
			} catch (error) {
				if (error instanceof SigninError) throw error;
				throw new SigninError('INVALID_REQUEST', 'The body is not a JSON object.');
			}
			grantType = typeof body.grantType === 'string' ? body.grantType : '';
			const nowSeconds = Math.floor(now() / 1000);
			const proof = checkProof(request.headers.dpop as string | undefined, {
				method: 'POST',
				url: `http://${request.headers.host ?? ''}/v1/token`,
				now: nowSeconds,
				windowSeconds: 300,
			});
			if (typeof proof === 'string') throw new SigninError('INVALID_REQUEST', proof);
			for (const [jti, seen] of seenJti) if (seen < nowSeconds - 600) seenJti.delete(jti);
			if (seenJti.has(proof.jti)) throw new SigninError('INVALID_REQUEST', 'The DPoP proof jti has been used before.');
			seenJti.set(proof.jti, nowSeconds);
			let result: object;
			if (grantType === 'authorization_code') result = exchangeCode(body, proof.thumbprint);
			else if (grantType === 'refresh_token') result = refresh(body, proof.thumbprint);
			else throw new SigninError('INVALID_REQUEST', 'grantType must be authorization_code or refresh_token.');
			tokenRequests.push({ grantType, outcome: 'ok', ...origin(request) });
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
		} catch (error) {
			const failure = error instanceof SigninError ? error : new SigninError('INVALID_REQUEST', 'The request could not be read.');
			tokenRequests.push({ grantType, outcome: failure.code, message: failure.message, ...origin(request) });
			// The model's error shapes; the error type travels in AWS's restJson header. Status 400 for
			// both is this fake's reading of the model (neither declares another).
			const type = failure.code === 'INVALID_REQUEST' ? 'ValidationException' : 'AccessDeniedException';
			response
				.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': type })
				.end(JSON.stringify({ error: failure.code, message: failure.message }));
		}
	}

	const origin = (request: IncomingMessage) => (request.headers.origin ? { origin: request.headers.origin } : {});

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', base);
		if (url.pathname === '/v1/authorize' && request.method === 'GET') return authorize(url, response);
		if (url.pathname === '/v1/authorize/allow' && request.method === 'POST') return allow(request, response);
		if (url.pathname === '/v1/sessions/confirmation' && request.method === 'GET') return confirmation(url, response);
		if (url.pathname === '/v1/token' && url.search === '') return token(request, response);
		html(response, 404, 'Not found', '<p>Not found.</p>');
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => response.socket?.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url: base,
		tokenRequests,
		get refreshTokens() {
			return new Map(refreshTokens);
		},
		signInAs: (next) => {
			user = next;
		},
		changeCredentials: (changed) => {
			generations.set(changed.arn, (generations.get(changed.arn) ?? 0) + 1);
		},
		setPermission: (target, allowed) => {
			if (allowed) denied.delete(target.arn);
			else denied.add(target.arn);
		},
		setClockOffset: (milliseconds) => {
			clockOffset = milliseconds;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
