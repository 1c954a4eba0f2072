// The container-credentials endpoint: a loopback HTTP server the AWS SDKs ask for credentials
// (AWS_CONTAINER_CREDENTIALS_FULL_URI with AWS_CONTAINER_AUTHORIZATION_TOKEN). Each request asks the
// running host through the same channel as `credentials`, one ask at a time for any number of
// callers (at most once a second), so what it serves is what the host serves (see refresh-window.ts).
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkCredentials } from '../lib/helper-protocol';
import { toRfc3339Utc } from '../lib/rfc3339';
import type { SessionAnswer as HostAnswer } from './credentials-command';
import { checkEndpointRequest } from './endpoint-request';
import { heldFresh, heldUsable, hostWaitMs } from './refresh-window';

/** The path the endpoint answers on. */
export const endpointPath = '/credentials';

/** What the SDKs' container provider reads (botocore's ContainerProvider, the JS SDK's fromHttp). */
export interface ContainerDocument {
	AccessKeyId: string;
	SecretAccessKey: string;
	Token: string;
	Expiration: string;
}

/** The host's `credential_process` document, checked like anything from outside, as the SDKs read it. */
export function containerDocument(answer: HostAnswer): Fetched {
	if (!answer.ok || typeof answer.credentials !== 'object' || answer.credentials === null)
		return { ok: false, error: answer.error ?? 'no session' };
	const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = answer.credentials as Record<string, unknown>;
	const checked = checkCredentials({
		accessKeyId: AccessKeyId,
		secretAccessKey: SecretAccessKey,
		sessionToken: SessionToken,
		expiration: Expiration,
	});
	if (!checked.ok) return { ok: false, error: checked.error };
	const { accessKeyId, secretAccessKey, sessionToken, expiration } = checked.value;
	return {
		ok: true,
		document: { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, Token: sessionToken, Expiration: toRfc3339Utc(expiration) },
	};
}

type Fetched = { ok: true; document: ContainerDocument } | { ok: false; error: string };

export interface RunningEndpoint {
	uri: string;
	token: string;
	port: number;
	/** How many times the host was asked (for tests and the benchmark). */
	asks: () => number;
	close: () => Promise<void>;
}

function reply(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		'Content-Type': 'application/json',
		'Cache-Control': 'no-store',
		'Content-Length': Buffer.byteLength(text),
	});
	response.end(text);
}

/**
 * Listens on 127.0.0.1 (port 0: any free one). `askHost` asks the running host for the profile's
 * session; `first`, when given, is the session already fetched before the endpoint started.
 */
export async function startEndpoint(options: {
	port?: number;
	askHost: () => Promise<HostAnswer>;
	first?: ContainerDocument;
	now?: () => number;
}): Promise<RunningEndpoint> {
	const now = options.now ?? Date.now;
	const token = randomBytes(32).toString('base64url');
	let held = options.first;
	let answeredAt: number | undefined = options.first ? now() : undefined;
	let inFlight: Promise<Fetched> | undefined;
	let asks = 0;

	// One ask at a time: every request that arrives while it runs shares its answer.
	const ask = () => {
		if (inFlight) return inFlight;
		asks++;
		inFlight = options
			.askHost()
			.then(containerDocument, (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }))
			.then((result) => {
				// A refusal means the session ended, was forgotten, or the browser is gone: nothing held is served again.
				held = result.ok ? result.document : undefined;
				answeredAt = result.ok ? now() : undefined;
				return result;
			})
			.finally(() => {
				inFlight = undefined;
			});
		return inFlight;
	};

	const answer = async (response: ServerResponse) => {
		if (held && heldFresh(held.Expiration, answeredAt, now())) return reply(response, 200, held);
		const asked = ask();
		let timer: ReturnType<typeof setTimeout> | undefined;
		const waited = new Promise<undefined>((done) => {
			timer = setTimeout(() => done(undefined), hostWaitMs);
		});
		let result = await Promise.race([asked, waited]);
		clearTimeout(timer);
		// The host is asking the extension (a prompt, perhaps): the held session answers while it lives.
		if (result === undefined && held && heldUsable(held.Expiration, now())) return reply(response, 200, held);
		result ??= await asked;
		if (result.ok) reply(response, 200, result.document);
		else reply(response, 503, { Code: 'NoSession', Message: result.error });
	};

	let port = 0;
	const server = createServer((request, response) => {
		const checked = checkEndpointRequest(request, { path: endpointPath, port, token });
		if (!checked.ok) {
			reply(response, checked.status, { Code: checked.code, Message: checked.message });
			return;
		}
		void answer(response);
	});
	// Only the SDKs' small GETs come here: a slow or idle connection is not kept.
	server.headersTimeout = 5_000;
	server.requestTimeout = 10_000;
	server.keepAliveTimeout = 5_000;
	await new Promise<void>((done, failed) => {
		server.once('error', failed);
		server.listen(options.port ?? 0, '127.0.0.1', () => done());
	});
	port = (server.address() as AddressInfo).port;
	return {
		uri: `http://127.0.0.1:${port}${endpointPath}`,
		token,
		port,
		asks: () => asks,
		close: () =>
			new Promise((done) => {
				server.close(() => done());
				server.closeAllConnections();
			}),
	};
}
