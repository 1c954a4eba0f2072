// AWS Signature Version 4, written from the specification: the canonical request, the string to
// sign and the derived signing key. The local STS verifies requests with it; the benchmark signs
// its bare baseline request with it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignableRequest {
	method: string;
	/** The path and query as sent, e.g. `/` or `/?Action=GetCallerIdentity`. */
	url: string;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

export interface Scope {
	date: string;
	region: string;
	service: string;
}

const algorithm = 'AWS4-HMAC-SHA256';

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
function uriEncode(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalPath(path: string): string {
	if (path === '' || path === '/') return '/';
	return path
		.split('/')
		.map((segment) => uriEncode(uriEncode(decodeURIComponent(segment))))
		.join('/');
}

function canonicalQuery(query: string): string {
	const pairs = [...new URLSearchParams(query)].map(([name, value]) => [uriEncode(name), uriEncode(value)] as const);
	pairs.sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
	return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** The canonical request for the given signed headers. */
export function canonicalRequest(request: SignableRequest, signedHeaders: readonly string[]): string {
	const [path = '/', query = ''] = request.url.split('?', 2);
	const headers = signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
	return [request.method, canonicalPath(path), canonicalQuery(query), headers, signedHeaders.join(';'), sha256(request.body)].join('\n');
}

export function signingKey(secretAccessKey: string, scope: Scope): Buffer {
	const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date);
	return hmac(hmac(hmac(dateKey, scope.region), scope.service), 'aws4_request');
}

/** The hex signature of a request, given its time (`YYYYMMDDTHHMMSSZ`) and scope. */
export function signature(
	request: SignableRequest,
	signedHeaders: readonly string[],
	amzDate: string,
	secretAccessKey: string,
	scope: Scope,
): string {
	const scopeText = `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
	const stringToSign = [algorithm, amzDate, scopeText, sha256(canonicalRequest(request, signedHeaders))].join('\n');
	return createHmac('sha256', signingKey(secretAccessKey, scope)).update(stringToSign, 'utf8').digest('hex');
}

/** `20261123T081500Z` for a moment. */
export function amzDateOf(time: Date): string {
	return time
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** Adds `x-amz-date` and `authorization` to a request, signing every header it has. */
export function sign(
	request: SignableRequest,
	credentials: { accessKeyId: string; secretAccessKey: string },
	region: string,
	service: string,
	time = new Date(),
): SignableRequest {
	const amzDate = amzDateOf(time);
	const headers = { ...request.headers, 'x-amz-date': amzDate };
	const signed = Object.keys(headers).sort();
	const scope = { date: amzDate.slice(0, 8), region, service };
	const value = signature({ ...request, headers }, signed, amzDate, credentials.secretAccessKey, scope);
	const credential = `${credentials.accessKeyId}/${scope.date}/${region}/${service}/aws4_request`;
	return {
		...request,
		headers: { ...headers, authorization: `${algorithm} Credential=${credential}, SignedHeaders=${signed.join(';')}, Signature=${value}` },
	};
}

export interface ParsedAuthorization {
	accessKeyId: string;
	scope: Scope;
	signedHeaders: string[];
	signature: string;
}

/** Reads an Authorization header, or says why it is malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | string {
	if (!header) return 'Request is missing Authentication Token';
	const match =
		/^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
			header.trim(),
		);
	if (!match) return 'Authorization header requires Credential, SignedHeaders and Signature parameters.';
	const [, accessKeyId = '', date = '', region = '', service = '', signedHeaders = '', value = ''] = match;
	return { accessKeyId, scope: { date, region, service }, signedHeaders: signedHeaders.split(';'), signature: value };
}

/** Whether a signature is the one the secret produces, compared in constant time. */
export function signatureMatches(request: SignableRequest, auth: ParsedAuthorization, amzDate: string, secretAccessKey: string): boolean {
	const expected = Buffer.from(signature(request, auth.signedHeaders, amzDate, secretAccessKey, auth.scope), 'hex');
	const given = Buffer.from(auth.signature, 'hex');
	return expected.length === given.length && timingSafeEqual(expected, given);
}
