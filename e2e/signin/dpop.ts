// The checks the local Sign-In fake makes on a DPoP proof (RFC 9449), in the form AWS's clients
// send it: @aws-sdk/credential-provider-login 3.972.92 `generateDpop` and aws-cli's
// `build_add_dpop_header_handler` put a compact JWT with header {alg: ES256, typ: dpop+jwt,
// jwk: {kty: EC, crv: P-256, x, y}} and claims {jti, htm, htu, iat}, signed with the raw r||s
// form (64 bytes), no nonce. Written from the RFC; the verifier is Node's own.
import { createHash, createPublicKey, verify } from 'node:crypto';

export interface PublicJwk {
	kty: 'EC';
	crv: 'P-256';
	x: string;
	y: string;
}

export interface CheckedProof {
	jwk: PublicJwk;
	/** RFC 7638 thumbprint of the key: what a refresh token is bound to. */
	thumbprint: string;
	jti: string;
	iat: number;
}

export interface ProofContext {
	method: string;
	/** The URL the request reached, without query or fragment. */
	url: string;
	/** Seconds since the epoch, on the server's clock. */
	now: number;
	/** How far iat may be from now, in seconds. */
	windowSeconds: number;
}

const base64url = /^[A-Za-z0-9_-]+$/;

function decodeJson(part: string): Record<string, unknown> | undefined {
	if (!base64url.test(part)) return undefined;
	try {
		const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

const coordinate = (value: unknown) => typeof value === 'string' && base64url.test(value) && Buffer.from(value, 'base64url').length === 32;

/** RFC 7638: SHA-256 over the required members in lexical order, base64url. */
export function jwkThumbprint(jwk: PublicJwk): string {
	const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
	return createHash('sha256').update(canonical).digest('base64url');
}

/** Checks a DPoP header value; answers the checked proof or the reason it was refused. */
export function checkProof(proof: string | undefined, context: ProofContext): CheckedProof | string {
	if (!proof) return 'The DPoP header is missing.';
	const parts = proof.split('.');
	if (parts.length !== 3) return 'The DPoP proof is not a compact JWT.';
	const [headerPart = '', claimsPart = '', signaturePart = ''] = parts;
	const header = decodeJson(headerPart);
	const claims = decodeJson(claimsPart);
	if (!header || !claims) return 'The DPoP proof header or claims are not base64url JSON.';
	if (header.typ !== 'dpop+jwt') return 'The DPoP proof type must be dpop+jwt.';
	if (header.alg !== 'ES256') return 'The DPoP proof must be signed with ES256.';
	const jwk = header.jwk as Record<string, unknown> | undefined;
	if (typeof jwk !== 'object' || jwk === null) return 'The DPoP proof carries no jwk.';
	if ('d' in jwk) return 'The DPoP proof jwk must be a public key.';
	if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !coordinate(jwk.x) || !coordinate(jwk.y))
		return 'The DPoP proof jwk must be an EC P-256 public key.';
	const publicJwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x as string, y: jwk.y as string };
	if (!base64url.test(signaturePart)) return 'The DPoP proof signature is not base64url.';
	const signature = Buffer.from(signaturePart, 'base64url');
	if (signature.length !== 64) return 'The DPoP proof signature must be the 64-byte r||s form.';
	let key: ReturnType<typeof createPublicKey>;
	try {
		key = createPublicKey({ key: { ...publicJwk }, format: 'jwk' });
	} catch {
		return 'The DPoP proof jwk is not a point on P-256.';
	}
	const signed = Buffer.from(`${headerPart}.${claimsPart}`);
	if (!verify('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) return 'The DPoP proof signature does not verify.';
	if (claims.htm !== context.method) return `The DPoP proof htm must be ${context.method}.`;
	if (claims.htu !== context.url) return `The DPoP proof htu must be ${context.url}.`;
	if (typeof claims.jti !== 'string' || claims.jti.length < 16 || claims.jti.length > 256) return 'The DPoP proof jti is missing.';
	if (typeof claims.iat !== 'number' || !Number.isInteger(claims.iat)) return 'The DPoP proof iat is missing.';
	if (Math.abs(claims.iat - context.now) > context.windowSeconds) return 'The DPoP proof iat is outside the accepted window.';
	return { jwk: publicJwk, thumbprint: jwkThumbprint(publicJwk), jti: claims.jti, iat: claims.iat };
}
