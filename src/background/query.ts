// One call to an AWS Query API (STS, IAM): a form-encoded POST signed with the SDK's SigV4 signer,
// the answer read with the SDK's pure-JavaScript XML parser (a service worker has no DOMParser,
// aws/aws-sdk-js-v3#7375). No SDK client: its middleware, retries and schema serde stay out of the worker.
import { parseXML } from '@aws-sdk/xml-builder';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

/** Keys that sign a request: a session's (with its token) or a long-term key's. */
export type SigningKeys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

/** Where a call goes: the endpoint, the signing region and service, the API version. */
export interface QueryTarget {
	endpoint: string;
	region: string;
	service: 'sts' | 'iam';
	version: string;
	timeoutMs: number;
}

/** An error shaped as the SDK shapes them (name = AWS's code, `$metadata`, `$response` when unreadable), so one mapping reads both. */
const failure = (name: string, message: string, status: number, unreadable = false) =>
	Object.assign(new Error(message), {
		name,
		$metadata: { httpStatusCode: status },
		...(unreadable ? { $response: { statusCode: status } } : {}),
	});

/** Calls one action once; its `<Action>Result` element (undefined when the answer has none), or AWS's error. */
export async function queryCall(target: QueryTarget, keys: SigningKeys, action: string, params: Record<string, string> = {}) {
	const url = new URL(target.endpoint);
	const body = new URLSearchParams({ Action: action, Version: target.version, ...params }).toString();
	const signer = new SignatureV4({ service: target.service, region: target.region, credentials: keys, sha256: Sha256 });
	const { headers } = await signer.sign({
		method: 'POST',
		protocol: url.protocol,
		hostname: url.hostname,
		path: url.pathname,
		query: {},
		headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
		body,
	});
	// The browser sets Host itself. No HTTP cache: Firefox otherwise keeps the answer, secrets
	// included, in its disk cache (cache2/entries), where the profile scan found it. No redirect:
	// a signed request, a one-time code in it, goes to the endpoint it was signed for or nowhere.
	const { host: _host, ...sent } = headers;
	const response = await fetch(url, {
		method: 'POST',
		headers: sent,
		body,
		cache: 'no-store',
		redirect: 'error',
		signal: AbortSignal.timeout(target.timeoutMs),
	});
	const text = await response.text();
	let xml: Record<string, Record<string, unknown> | undefined>;
	try {
		xml = parseXML(text);
	} catch {
		throw failure(
			response.ok ? 'DeserializationError' : `Http${response.status}`,
			`Deserialization error: the answer is not XML`,
			response.status,
			true,
		);
	}
	const error = xml.ErrorResponse?.Error as Record<string, unknown> | undefined;
	if (!response.ok || error) {
		const code = typeof error?.Code === 'string' ? error.Code.slice(0, 64) : `Http${response.status}`;
		throw failure(code, typeof error?.Message === 'string' ? error.Message.slice(0, 500) : '', response.status, !error);
	}
	return xml[`${action}Response`]?.[`${action}Result`];
}
