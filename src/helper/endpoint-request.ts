// Which requests the container-credentials endpoint answers. Any local process, and any web page
// through the browser, can reach a loopback port, so every request is checked here, in one place,
// before anything is served: the method, the path, the token, the Host and the Origin.
import { timingSafeEqual } from 'node:crypto';

/** What of a request the check looks at. */
export interface EndpointRequest {
	method?: string;
	url?: string;
	headers: Record<string, string | string[] | undefined>;
}

/** What the endpoint expects: its path, its port and its secret. */
export interface EndpointSecret {
	path: string;
	port: number;
	token: string;
}

/** A refusal: the status to answer with and why, said without the token. */
export type EndpointRefusal = { ok: false; status: 400 | 403 | 404 | 405; code: string; message: string };

const refuse = (status: EndpointRefusal['status'], code: string, message: string): EndpointRefusal => ({
	ok: false,
	status,
	code,
	message,
});

/** Host names that can only mean this machine; any other name may resolve anywhere (DNS rebinding). */
const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a Host header names this machine's loopback interface at this port. */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
	if (host === undefined) return false;
	const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(host.toLowerCase());
	return match !== null && loopbackNames.has(match[1] ?? '') && Number(match[2]) === port;
}

/** Compares in constant time for equal lengths, so a wrong token's timing says nothing about the right one. */
export function sameToken(given: string, expected: string): boolean {
	const a = Buffer.from(given, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? undefined : value);

/** Whether the endpoint may answer this request with credentials, or the refusal to send. */
export function checkEndpointRequest(request: EndpointRequest, secret: EndpointSecret): { ok: true } | EndpointRefusal {
	const { headers } = request;
	// A browser always sends Origin on a cross-origin fetch; the SDKs never do.
	if (headers.origin !== undefined) return refuse(403, 'OriginRefused', 'Requests from web pages are refused.');
	if (!isLoopbackHost(single(headers.host), secret.port))
		return refuse(403, 'HostRefused', 'The Host must be 127.0.0.1, localhost or [::1] at this port.');
	if (request.url !== secret.path) return refuse(404, 'NotFound', 'Nothing is served at this path.');
	if (request.method !== 'GET') return refuse(405, 'MethodRefused', 'Only GET is answered.');
	const token = single(headers.authorization);
	if (token === undefined || token === '')
		return refuse(403, 'TokenMissing', 'The Authorization header with AWS_CONTAINER_AUTHORIZATION_TOKEN is missing.');
	if (!sameToken(token, secret.token)) return refuse(403, 'TokenRefused', 'The Authorization token is not this endpoint’s.');
	return { ok: true };
}
