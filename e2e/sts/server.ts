// A local STS that checks what AWS checks: the SigV4 signature with the user's secret, the clock,
// the signing region, the MFA device's serial and its TOTP code (each code once). It answers with
// AWS's XML and AWS's error texts, and can be told to fail the way networks and servers fail.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { StsRole, StsUser } from './fixtures';
import {
	type AccessKey,
	type IamAction,
	IamError,
	iamActions,
	iamAnswer,
	iamDate,
	iamErrorXml,
	iamVersion,
	isIamAction,
	keysOf,
} from './iam';
import { amzDateOf, parseAuthorization, type SignableRequest, signatureMatches } from './sigv4';
import { stepAt, totpAtStep } from './totp';

/** Ways the server can misbehave, for the failure tests. */
export type Fault =
	| 'hang' // accept the connection, never answer
	| 'reset' // drop the connection
	| 'server-error' // HTTP 500 with AWS's InternalFailure
	| 'unavailable-html' // HTTP 503 from a proxy, as HTML
	| 'truncated' // HTTP 200 with the XML cut off half-way
	| 'malformed' // HTTP 200 with XML that is not STS's
	| 'captive-portal' // HTTP 200 with a sign-in page
	| 'throttle' // AWS's Throttling error
	| 'region-disabled' // AWS's RegionDisabledException
	| 'control-characters' // a session whose token carries kill-line and escape characters as XML references
	| 'long-term-key' // a session with an AKIA key, which AWS never issues as a session
	| 'far-expiry'; // a session that claims to last ten years

export interface StsOptions {
	users: readonly StsUser[];
	/** The roles AssumeRole knows, with their trust policies. */
	roles?: readonly StsRole[];
	port?: number;
	/** When set, only signatures scoped to this region are accepted, as at a regional endpoint. */
	region?: string;
	/** Shifts the server's clock, to show what a computer with a wrong clock sees. */
	clockOffsetMs?: number;
	/**
	 * Benchmark mode: TOTP steps come from a counter starting at step 1,000,000 instead of the
	 * clock, so any number of fresh codes can be used in a row; `benchmarkCode` gives the next one.
	 * Signature, serial and once-per-code checks stay on.
	 */
	benchmark?: boolean;
	/** Serve HTTPS with this key and certificate, as AWS's hosts do (see tls.ts). */
	tls?: { key: string; cert: string };
	/** When each user's key was created (IAM's CreateDate), by access key id; 10 days ago otherwise. */
	keyCreated?: Record<string, string>;
}

/** IAM's access keys, and the switches the rotation tests turn. */
export interface IamControls {
	/** Every key IAM knows, with its secret (the scans look for these). */
	readonly keys: readonly AccessKey[];
	/** The keys of one user (by ARN). */
	keysOf(arn: string): AccessKey[];
	/** The IAM actions the user's policy allows from now on (all four at the start). */
	allow(actions: readonly IamAction[]): void;
	/** Each key created from now on is refused this many times before IAM accepts it everywhere. */
	slowNewKeys(refusals: number): void;
	/** Sets a key's CreateDate. */
	setCreated(accessKeyId: string, date: string): void;
	/** Every key CreateAccessKey made, deleted ones too (the scans look for their secrets). */
	readonly created: readonly AccessKey[];
	/**
	 * Holds the requests for one action, before IAM acts on them or after (its answer held back),
	 * until the returned function releases them; a request whose caller went away meanwhile is dropped.
	 */
	holdAction(action: IamAction, when: 'before' | 'after'): () => void;
	/** How many requests `holdAction` is holding now. */
	readonly heldActions: number;
}

export interface RecordedRequest {
	action: string;
	/** The Host header: which of AWS's names the request was sent to. */
	host: string;
	accessKeyId: string | undefined;
	outcome: string;
	/** AssumeRole's RoleArn, as sent. */
	roleArn?: string;
}

export interface IssuedSession {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	expiration: string;
	durationSeconds: number;
	user: StsUser;
	/** Whether the session was obtained with an MFA code (aws:MultiFactorAuthPresent). */
	mfa: boolean;
	/** For a role session: the role and the session name. */
	assumed?: { role: StsRole; sessionName: string; arn: string; chained: boolean };
}

export interface StsServer {
	url: string;
	/** The sign-in tokens the fake federation endpoint has issued, by value. */
	readonly signinTokens: ReadonlySet<string>;
	port: number;
	requests: RecordedRequest[];
	issued: IssuedSession[];
	resetRequests(): void;
	setFault(fault: Fault | undefined): void;
	setClockOffset(milliseconds: number): void;
	/** Holds every answer back this long, as a slow network would. */
	setDelay(milliseconds: number): void;
	/**
	 * Seeded answers: every session issued from now on carries these keys and token instead of random
	 * ones (the expiry still follows the clock), so two browsers can be shown the very same session.
	 */
	seed(values: Pick<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> | undefined): void;
	/** Holds every request back until the returned function releases them all: a request in flight for as long as the test needs. */
	hold(): () => void;
	/** How many requests are being held back right now. */
	readonly held: number;
	/** A code the user's device shows now (this step or a neighbour) that no request has used yet. */
	freshCode(user: StsUser): string;
	/**
	 * A fresh code that stays valid for at least the rest of this step: when only the previous step's
	 * is left (the code about to expire), it waits for the next step, whose new code is then fresh.
	 */
	lastingCode(user: StsUser): Promise<string>;
	/** In benchmark mode, the code the user's device shows at the next step. */
	benchmarkCode(user: StsUser): string;
	iam: IamControls;
	/**
	 * A session for a user issued by another local service (the Sign-In fake), known to this STS as
	 * its own are: the same credential store, the same clock, the same signature and expiry checks.
	 */
	issueSession(user: StsUser, seconds: number, mfa: boolean): IssuedSession;
	close(): Promise<void>;
}

const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

class StsError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status = 403,
		readonly type: 'Sender' | 'Receiver' = 'Sender',
	) {
		super(message);
	}
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

function errorXml(error: StsError, requestId: string): string {
	return `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>${error.type}</Type>\n    <Code>${error.code}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

function resultXml(action: string, fields: string, requestId: string): string {
	return `<${action}Response xmlns="${namespace}">\n  <${action}Result>\n${fields}  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

function validation(value: string, member: string, constraint: string): StsError {
	return new StsError(
		'ValidationError',
		`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
		400,
	);
}

const randomAlnum = (length: number) => {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
};

/** The region AWS's STS host name implies (the global endpoint signs for us-east-1); undefined for any other host. */
export function regionOfHost(hostHeader: string): string | undefined {
	const host = hostHeader.replace(/:\d+$/, '');
	if (host === 'sts.amazonaws.com') return 'us-east-1';
	return /^(?:vpce-[a-z0-9-]+\.)?sts(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$/.exec(host)?.[1];
}

/** The GetSessionToken requests the local STS received (each new session is followed by a GetCallerIdentity). */
export function tokenRequests(sts: StsServer) {
	return sts.requests.filter((request) => request.action === 'GetSessionToken');
}

/** `YYYYMMDDTHHMMSSZ` to a time. */
function parseAmzDate(text: string): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
	if (!match) return undefined;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s);
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

export async function startSts(options: StsOptions): Promise<StsServer> {
	const requests: RecordedRequest[] = [];
	const issued: IssuedSession[] = [];
	const usedCodes = new Map<string, Set<string>>();
	const benchmarkSteps = new Map<string, number>();
	let fault: Fault | undefined;
	let clockOffset = options.clockOffsetMs ?? 0;
	let delay = 0;
	let seeded: Pick<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'> | undefined;
	let gate: Promise<void> | undefined;
	let held = 0;
	const now = () => Date.now() + clockOffset;
	/** The codes a device shows now that no request has used: this step's, the next's, then the previous one's. */
	const unusedCodes = (user: StsUser) => {
		const step = stepAt(now());
		const used = usedCodes.get(user.mfaSerial);
		return [step, step + 1, step - 1]
			.filter((candidate) => !used?.has(totpAtStep(user.totpSecret, candidate)))
			.map((candidate) => ({ code: totpAtStep(user.totpSecret, candidate), lasting: candidate >= step }));
	};
	let actionHold: { action: IamAction; when: 'before' | 'after'; gate: Promise<void> } | undefined;
	let heldActions = 0;
	const iam = {
		keys: new Map<string, AccessKey>(),
		allowed: new Set<IamAction>(iamActions),
		newKeyRefusals: 0,
		created: [] as AccessKey[],
		now,
	};
	for (const user of options.users) {
		iam.keys.set(user.accessKeyId, {
			accessKeyId: user.accessKeyId,
			secretAccessKey: user.secretAccessKey,
			user,
			status: user.active === false ? 'Inactive' : 'Active',
			createDate: options.keyCreated?.[user.accessKeyId] ?? iamDate(Date.now() - 10 * 86_400_000),
			refusalsLeft: 0,
		});
	}

	const nextBenchmarkStep = (user: StsUser) => benchmarkSteps.get(user.mfaSerial) ?? 1_000_000;

	function authenticate(request: SignableRequest, service: 'sts' | 'iam'): { user: StsUser; session?: IssuedSession } {
		const auth = parseAuthorization(request.headers.authorization);
		if (typeof auth === 'string') throw new StsError('MissingAuthenticationToken', auth);
		const session = issued.find((entry) => entry.accessKeyId === auth.accessKeyId);
		const key = session ? undefined : iam.keys.get(auth.accessKeyId);
		const user = session?.user ?? (key?.status === 'Active' ? key.user : undefined);
		if (!user) throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.');
		// A new key is not yet known everywhere: AWS refuses it as if it did not exist.
		if (key && key.refusalsLeft > 0) {
			key.refusalsLeft -= 1;
			throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.');
		}
		const amzDate = request.headers['x-amz-date'] ?? '';
		const signedAt = parseAmzDate(amzDate);
		if (signedAt === undefined || !auth.signedHeaders.includes('x-amz-date') || !auth.signedHeaders.includes('host')) {
			throw new StsError('IncompleteSignature', 'The request must sign the host and x-amz-date headers.', 400);
		}
		const serverNow = now();
		const skew = 15 * 60_000;
		if (signedAt < serverNow - skew) {
			throw new StsError(
				'SignatureDoesNotMatch',
				`Signature expired: ${amzDate} is now earlier than ${amzDateOf(new Date(serverNow - skew))} (${amzDateOf(new Date(serverNow))} - 15 min.)`,
			);
		}
		if (signedAt > serverNow + skew) {
			throw new StsError(
				'SignatureDoesNotMatch',
				`Signature not yet current: ${amzDate} is still later than ${amzDateOf(new Date(serverNow + skew))} (${amzDateOf(new Date(serverNow))} + 15 min.)`,
			);
		}
		if (auth.scope.service !== service)
			throw new StsError('SignatureDoesNotMatch', `Credential should be scoped to correct service: '${service}'. `);
		// IAM is global: its one endpoint signs for us-east-1.
		const expectedRegion = service === 'iam' ? 'us-east-1' : (regionOfHost(request.headers.host ?? '') ?? options.region);
		if ((expectedRegion && auth.scope.region !== expectedRegion) || auth.scope.date !== amzDate.slice(0, 8)) {
			throw new StsError('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${auth.scope.region}'.`);
		}
		const secret = session?.secretAccessKey ?? key?.secretAccessKey ?? user.secretAccessKey;
		if (!signatureMatches(request, auth, amzDate, secret)) {
			throw new StsError(
				'SignatureDoesNotMatch',
				'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
			);
		}
		if (session) {
			if (request.headers['x-amz-security-token'] !== session.sessionToken || !auth.signedHeaders.includes('x-amz-security-token')) {
				throw new StsError('InvalidClientTokenId', 'The security token included in the request is invalid.');
			}
			if (Date.parse(session.expiration) <= serverNow)
				throw new StsError('ExpiredToken', 'The security token included in the request is expired');
		}
		if (key) key.lastUsed = { date: iamDate(serverNow), service, region: auth.scope.region };
		return { user, session };
	}

	function checkCode(user: StsUser, serial: string, code: string): void {
		if (serial !== user.mfaSerial) {
			throw new StsError(
				'AccessDenied',
				'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
			);
		}
		const used = usedCodes.get(serial) ?? new Set<string>();
		usedCodes.set(serial, used);
		const invalid = new StsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.');
		if (used.has(code)) throw invalid;
		if (options.benchmark) {
			const step = nextBenchmarkStep(user);
			if (code !== totpAtStep(user.totpSecret, step)) throw invalid;
			benchmarkSteps.set(serial, step + 1);
		} else {
			const step = stepAt(now());
			if (![step - 1, step, step + 1].some((candidate) => totpAtStep(user.totpSecret, candidate) === code)) throw invalid;
		}
		used.add(code);
	}

	function getSessionToken(params: URLSearchParams, user: StsUser, session: IssuedSession | undefined, requestId: string): string {
		if (session) throw new StsError('AccessDenied', 'Cannot call GetSessionToken with session credentials');
		const code = params.get('TokenCode') ?? '';
		const serial = params.get('SerialNumber') ?? '';
		const durationText = params.get('DurationSeconds') ?? '43200';
		const duration = Number(durationText);
		checkMfaParams(serial, code);
		checkDuration(durationText, 129_600);
		checkCode(user, serial, code);
		const granted = user.arn.endsWith(':root') ? Math.min(duration, 3600) : duration;
		const credentials = issue(user, granted, true);
		return resultXml('GetSessionToken', credentialsXml(credentials), requestId);
	}

	function checkMfaParams(serial: string, code: string): void {
		if (code.length !== 6) {
			throw validation(code, 'tokenCode', `Member must have length ${code.length < 6 ? 'greater' : 'less'} than or equal to 6`);
		}
		if (!/^\d+$/.test(code)) throw validation(code, 'tokenCode', 'Member must satisfy regular expression pattern: [\\d]*');
		if (serial.length < 9 || serial.length > 256) {
			throw validation(
				serial,
				'serialNumber',
				`Member must have length ${serial.length < 9 ? 'greater than or equal to 9' : 'less than or equal to 256'}`,
			);
		}
		if (!/^[\w+=/:,.@-]*$/.test(serial))
			throw validation(serial, 'serialNumber', 'Member must satisfy regular expression pattern: [\\w+=/:,.@-]*');
	}

	function checkDuration(text: string, max: number): number {
		const duration = Number(text);
		if (!Number.isInteger(duration) || duration < 900 || duration > max) {
			throw validation(
				text,
				'durationSeconds',
				`Member must have value ${duration < 900 ? 'greater than or equal to 900' : `less than or equal to ${max}`}`,
			);
		}
		return duration;
	}

	function issue(user: StsUser, seconds: number, mfa: boolean, assumed?: IssuedSession['assumed']): IssuedSession {
		const credentials: IssuedSession = {
			accessKeyId: `ASIA${randomAlnum(16)}`,
			secretAccessKey: randomBytes(30).toString('base64'),
			sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(330).toString('base64')}`,
			expiration: new Date(Math.floor(now() / 1000) * 1000 + seconds * 1000).toISOString().replace('.000Z', 'Z'),
			durationSeconds: seconds,
			user,
			mfa,
			...(assumed ? { assumed } : {}),
			...seeded,
		};
		issued.push(credentials);
		return credentials;
	}

	const credentialsXml = (credentials: Pick<IssuedSession, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiration'>) =>
		`    <Credentials>\n      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>\n      <SessionToken>${credentials.sessionToken}</SessionToken>\n      <Expiration>${credentials.expiration}</Expiration>\n    </Credentials>\n`;

	/** A text parameter's length and pattern, with AWS's validation texts. */
	function checkText(value: string | null, member: string, min: number, max: number, pattern: RegExp, patternText: string): string {
		if (value === null) {
			throw new StsError(
				'ValidationError',
				`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
				400,
			);
		}
		if (value.length < min) throw validation(value, member, `Member must have length greater than or equal to ${min}`);
		if (value.length > max) throw validation(value, member, `Member must have length less than or equal to ${max}`);
		if (!pattern.test(value)) throw validation(value, member, `Member must satisfy regular expression pattern: ${patternText}`);
		return value;
	}

	/**
	 * AssumeRole as AWS serves it: parameters validated, the MFA code checked when given, the role's
	 * trust policy (who, external ID, MFA), then the duration against the role's maximum and the
	 * 1-hour limit for a role assumed with temporary credentials.
	 */
	function assumeRole(params: URLSearchParams, user: StsUser, session: IssuedSession | undefined, requestId: string): string {
		const roleArn = checkText(
			params.get('RoleArn'),
			'roleArn',
			20,
			2048,
			/^[\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD]+$/u,
			'[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+',
		);
		const sessionName = checkText(params.get('RoleSessionName'), 'roleSessionName', 2, 64, /^[\w+=,.@-]*$/, '[\\w+=,.@-]*');
		const durationText = params.get('DurationSeconds') ?? '3600';
		const duration = checkDuration(durationText, 43_200);
		const externalId = params.get('ExternalId');
		if (externalId !== null) checkText(externalId, 'externalId', 2, 1224, /^[\w+=,.@:/-]*$/, '[\\w+=,.@:\\/-]*');
		const serial = params.get('SerialNumber');
		const code = params.get('TokenCode');
		if (serial !== null || code !== null) {
			checkMfaParams(serial ?? '', code ?? '');
			checkCode(user, serial ?? '', code ?? '');
		}
		const mfa = session ? session.mfa : serial !== null;
		const role = (options.roles ?? []).find((entry) => entry.arn === roleArn);
		const trusted = role && !session?.assumed && role.trusted.includes(user.arn);
		if (!role || !trusted || (role.externalId !== undefined && externalId !== role.externalId) || (role.requireMfa && !mfa)) {
			const principal = session?.assumed?.arn ?? user.arn;
			throw new StsError('AccessDenied', `User: ${principal} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
		}
		if (session && duration > 3600) {
			throw new StsError(
				'ValidationError',
				'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
				400,
			);
		}
		if (duration > role.maxSessionDuration) {
			throw new StsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
		}
		const [, partition, account, resource] = /^arn:([^:]+):iam::(\d{12}):role\/(.+)$/.exec(roleArn) ?? [];
		const arn = `arn:${partition}:sts::${account}:assumed-role/${resource?.split('/').pop()}/${sessionName}`;
		const credentials = issue(user, duration, mfa, { role, sessionName, arn, chained: session !== undefined });
		const assumedRoleId = `AROA${randomAlnum(17)}:${sessionName}`;
		const fields = `${credentialsXml(credentials)}    <AssumedRoleUser>\n      <AssumedRoleId>${assumedRoleId}</AssumedRoleId>\n      <Arn>${escapeXml(arn)}</Arn>\n    </AssumedRoleUser>\n`;
		return resultXml('AssumeRole', fields, requestId);
	}

	function getCallerIdentity(user: StsUser, session: IssuedSession | undefined, requestId: string): string {
		const assumed = session?.assumed;
		const account = assumed ? (assumed.arn.split(':')[4] ?? '') : user.account;
		const fields = assumed
			? `    <Arn>${escapeXml(assumed.arn)}</Arn>\n    <UserId>AROA${user.userId.slice(4)}:${assumed.sessionName}</UserId>\n    <Account>${account}</Account>\n`
			: `    <Arn>${user.arn}</Arn>\n    <UserId>${user.userId}</UserId>\n    <Account>${user.account}</Account>\n`;
		return resultXml('GetCallerIdentity', fields, requestId);
	}

	/** A GetSessionToken answer with well-formed values except those given. */
	function sessionXml(values: Partial<Omit<IssuedSession, 'user' | 'durationSeconds'>>, requestId: string): string {
		const session = {
			accessKeyId: `ASIA${randomAlnum(16)}`,
			secretAccessKey: randomBytes(30).toString('base64'),
			sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(60).toString('base64')}`,
			expiration: new Date(now() + 3600_000).toISOString(),
			...values,
		};
		return resultXml('GetSessionToken', credentialsXml(session), requestId);
	}

	/** Canned answers for the faults that do answer: status, content type and body. */
	function faultAnswer(current: Exclude<Fault, 'hang' | 'reset'>, requestId: string): [number, string, string] {
		switch (current) {
			case 'server-error': {
				const error = new StsError(
					'InternalFailure',
					'The request processing has failed because of an unknown error, exception or failure.',
					500,
					'Receiver',
				);
				return [500, 'text/xml', errorXml(error, requestId)];
			}
			case 'unavailable-html':
				return [
					503,
					'text/html',
					'<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n',
				];
			case 'truncated': {
				const whole = resultXml(
					'GetSessionToken',
					`    <Credentials>\n      <AccessKeyId>ASIA${randomAlnum(16)}</AccessKeyId>\n      <SecretAccessKey>abc`,
					requestId,
				);
				return [200, 'text/xml', whole.slice(0, whole.indexOf('<SecretAccessKey>') + 20)];
			}
			case 'malformed':
				return [200, 'text/xml', '<?xml version="1.0"?><Status><Ok>yes</Ok></Status>\n'];
			case 'captive-portal':
				return [
					200,
					'text/html',
					'<!DOCTYPE html><html><head><title>Sign in to Wi-Fi</title></head><body><form><input name="room"><button>Connect</button></form></body></html>\n',
				];
			case 'throttle':
				return [400, 'text/xml', errorXml(new StsError('Throttling', 'Rate exceeded', 400), requestId)];
			case 'control-characters':
				return [200, 'text/xml', sessionXml({ sessionToken: `IQoJb3JpZ2luX2VjE&#21;&#27;Y3VybCBldmlsLnRlc3R8c2g=&#21;` }, requestId)];
			case 'long-term-key':
				return [200, 'text/xml', sessionXml({ accessKeyId: `AKIA${randomAlnum(16)}` }, requestId)];
			case 'far-expiry':
				return [200, 'text/xml', sessionXml({ expiration: new Date(now() + 10 * 365 * 86_400_000).toISOString() }, requestId)];
			case 'region-disabled': {
				const message =
					'STS is not activated in this region for account:123456789012. Your account administrator can activate STS in this region using the IAM Console.';
				return [403, 'text/xml', errorXml(new StsError('RegionDisabledException', message), requestId)];
			}
		}
	}

	function misbehave(current: Fault, response: ServerResponse, requestId: string): void {
		if (current === 'hang') return;
		if (current === 'reset') {
			response.socket?.destroy();
			return;
		}
		const [status, type, body] = faultAnswer(current, requestId);
		response.writeHead(status, { 'content-type': type }).end(body);
	}

	const signinTokens = new Map<string, { session: IssuedSession; until: number }>();

	/**
	 * The federation endpoint as AWS runs it at signin.aws.amazon.com/federation: getSigninToken takes
	 * a role session (never an IAM user's GetSessionToken session), SessionDuration only for a role
	 * not assumed with temporary credentials; login takes a token for 15 minutes and lands on the console.
	 */
	function federation(url: URL, response: ServerResponse): undefined {
		const action = url.searchParams.get('Action') ?? '';
		const refuse = (outcome: string, text: string): undefined => {
			requests.push({ action: `federation:${action}`, host: '', accessKeyId: undefined, outcome });
			response.writeHead(400, { 'content-type': 'text/plain' }).end(`${text}\n`);
		};
		if (action === 'getSigninToken') {
			let given: { sessionId?: unknown; sessionKey?: unknown; sessionToken?: unknown };
			try {
				given = JSON.parse(url.searchParams.get('Session') ?? '');
			} catch {
				return refuse('malformed', 'The Session parameter is not valid JSON.');
			}
			const session = issued.find((entry) => entry.accessKeyId === given.sessionId);
			if (!session || session.secretAccessKey !== given.sessionKey || session.sessionToken !== given.sessionToken)
				return refuse('invalid', 'The credentials are not valid.');
			if (Date.parse(session.expiration) <= now()) return refuse('expired', 'The credentials have expired.');
			if (!session.assumed) return refuse('not-a-role', 'GetSessionToken credentials cannot sign in to the console.');
			const duration = url.searchParams.get('SessionDuration');
			if (duration !== null) {
				if (session.assumed.chained) return refuse('chained-duration', 'SessionDuration cannot be used with role chaining.');
				if (!/^\d+$/.test(duration) || Number(duration) < 900 || Number(duration) > 43_200)
					return refuse('bad-duration', 'SessionDuration must be between 900 and 43200.');
			}
			const token = randomBytes(96).toString('base64url');
			signinTokens.set(token, { session, until: now() + 15 * 60_000 });
			requests.push({ action: 'federation:getSigninToken', host: '', accessKeyId: session.accessKeyId, outcome: 'ok' });
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ SigninToken: token }));
			return;
		}
		if (action === 'login') {
			const entry = signinTokens.get(url.searchParams.get('SigninToken') ?? '');
			if (!entry || entry.until <= now()) return refuse('bad-token', 'The sign-in token is not valid.');
			requests.push({ action: 'federation:login', host: '', accessKeyId: entry.session.accessKeyId, outcome: 'ok' });
			const arn = escapeXml(entry.session.assumed?.arn ?? '');
			response
				.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
				.end(`<!DOCTYPE html><html><head><title>Console</title></head><body><h1>Signed in as ${arn}</h1></body></html>\n`);
			return;
		}
		refuse('unknown-action', 'Unknown action.');
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const federationUrl = new URL(request.url ?? '/', 'http://local');
		if (federationUrl.pathname === '/federation') return federation(federationUrl, response);
		const body = await readBody(request);
		if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
		if (gate) {
			held += 1;
			await gate;
			held -= 1;
		}
		const params = new URLSearchParams(request.method === 'POST' ? body : (request.url ?? '').split('?')[1]);
		const action = params.get('Action') ?? '';
		const headers = Object.fromEntries(
			Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
		);
		const accessKeyId = /Credential=([^/]+)\//.exec(headers.authorization ?? '')?.[1];
		const requestId = randomUUID();
		const roleArn = params.get('RoleArn') ?? undefined;
		const record = (outcome: string) =>
			requests.push({ action, host: headers.host ?? '', accessKeyId, outcome, ...(roleArn ? { roleArn } : {}) });
		if (fault) {
			record(fault);
			misbehave(fault, response, requestId);
			return;
		}
		const iamCall = isIamAction(action);
		const stall = actionHold?.action === action ? actionHold : undefined;
		if (stall?.when === 'before') {
			heldActions += 1;
			await stall.gate;
			heldActions -= 1;
			if (request.socket.destroyed) return;
		}
		try {
			const signable = { method: request.method ?? 'GET', url: request.url ?? '/', headers, body };
			const { user, session } = authenticate(signable, iamCall ? 'iam' : 'sts');
			let xml: string;
			if (iamCall) {
				if (params.get('Version') !== iamVersion)
					throw new StsError(
						'InvalidAction',
						`Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
						400,
					);
				const mfaSession = session?.mfa === true && session.assumed === undefined;
				xml = iamAnswer(iam, action, params, { user, mfaSession }, requestId);
				if (stall?.when === 'after') {
					heldActions += 1;
					await stall.gate;
					heldActions -= 1;
					if (request.socket.destroyed) return;
				}
			} else if (action === 'GetSessionToken') xml = getSessionToken(params, user, session, requestId);
			else if (action === 'AssumeRole') xml = assumeRole(params, user, session, requestId);
			else if (action === 'GetCallerIdentity') xml = getCallerIdentity(user, session, requestId);
			else
				throw new StsError(
					'InvalidAction',
					`Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
					400,
				);
			record('ok');
			response.writeHead(200, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }).end(xml);
		} catch (error) {
			if (error instanceof IamError || (iamCall && error instanceof StsError)) {
				const iamError = error instanceof IamError ? error : new IamError(error.code, error.message, error.status);
				record(iamError.code);
				response
					.writeHead(iamError.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId })
					.end(iamErrorXml(iamError, requestId));
				return;
			}
			const stsError =
				error instanceof StsError ? error : new StsError('InternalFailure', 'The request processing has failed.', 500, 'Receiver');
			record(stsError.code);
			response.writeHead(stsError.status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }).end(errorXml(stsError, requestId));
		}
	}

	const listener = (request: IncomingMessage, response: ServerResponse) => {
		handle(request, response).catch(() => response.socket?.destroy());
	};
	const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
		get signinTokens() {
			return new Set(signinTokens.keys());
		},
		port,
		requests,
		issued,
		resetRequests: () => {
			requests.length = 0;
		},
		setFault: (next) => {
			fault = next;
		},
		setClockOffset: (milliseconds) => {
			clockOffset = milliseconds;
		},
		seed: (values) => {
			seeded = values;
		},
		setDelay: (milliseconds) => {
			delay = milliseconds;
		},
		hold: () => {
			let open = () => {};
			gate = new Promise<void>((resolve) => {
				open = resolve;
			});
			return () => {
				gate = undefined;
				open();
			};
		},
		get held() {
			return held;
		},
		freshCode: (user) => {
			const code = unusedCodes(user)[0]?.code;
			if (!code) throw new Error('every code of the current window has been used');
			return code;
		},
		lastingCode: async (user) => {
			const first = unusedCodes(user)[0];
			if (first?.lasting) return first.code;
			// Only the previous step's code, or none, is left: wait for the step to end.
			const stepMs = 30_000;
			await new Promise((resolve) => setTimeout(resolve, stepMs - (now() % stepMs) + 50));
			const next = unusedCodes(user)[0]?.code;
			if (!next) throw new Error('every code of the current window has been used');
			return next;
		},
		benchmarkCode: (user) => {
			// Skip a step whose code happens to repeat one already used, as a device would need to.
			const used = usedCodes.get(user.mfaSerial);
			let step = nextBenchmarkStep(user);
			while (used?.has(totpAtStep(user.totpSecret, step))) step += 1;
			benchmarkSteps.set(user.mfaSerial, step);
			return totpAtStep(user.totpSecret, step);
		},
		iam: {
			get keys() {
				return [...iam.keys.values()];
			},
			keysOf: (arn) => keysOf(iam, arn),
			allow: (actions) => {
				iam.allowed = new Set(actions);
			},
			slowNewKeys: (refusals) => {
				iam.newKeyRefusals = refusals;
			},
			get created() {
				return iam.created;
			},
			holdAction: (action, when) => {
				let open = () => {};
				actionHold = { action, when, gate: new Promise<void>((resolve) => (open = resolve)) };
				return () => {
					actionHold = undefined;
					open();
				};
			},
			get heldActions() {
				return heldActions;
			},
			setCreated: (accessKeyId, date) => {
				const key = iam.keys.get(accessKeyId);
				if (!key) throw new Error(`no key ${accessKeyId}`);
				key.createDate = date;
			},
		},
		issueSession: (user, seconds, mfa) => issue(user, seconds, mfa),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
