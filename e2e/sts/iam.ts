// IAM's access-key actions as AWS serves them (Query API, version 2010-05-08, SigV4 service `iam`,
// signed for us-east-1 at the global endpoint): ListAccessKeys, CreateAccessKey, DeleteAccessKey and
// GetAccessKeyLastUsed, with AWS's XML, its error texts and its quota of two keys a user. Like a
// typical "MFA required" account policy, every action asks for a session made with MFA.
import { randomBytes } from 'node:crypto';
import type { StsUser } from './fixtures';

export const iamNamespace = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const iamVersion = '2010-05-08';

/** The actions this IAM serves, by their Query name. */
export const iamActions = ['ListAccessKeys', 'CreateAccessKey', 'DeleteAccessKey', 'GetAccessKeyLastUsed'] as const;
export type IamAction = (typeof iamActions)[number];

export const isIamAction = (action: string): action is IamAction => (iamActions as readonly string[]).includes(action);

/** One access key as IAM keeps it. */
export interface AccessKey {
	accessKeyId: string;
	secretAccessKey: string;
	user: StsUser;
	status: 'Active' | 'Inactive';
	createDate: string;
	lastUsed?: { date: string; service: string; region: string };
	/** Requests still refused while IAM spreads the new key (eventual consistency). */
	refusalsLeft: number;
}

/** An error as IAM answers it. */
export class IamError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly status = 403,
	) {
		super(message);
	}
}

/** Who signed: the user, and whether with a session made with MFA. */
export interface IamCaller {
	user: StsUser;
	mfaSession: boolean;
}

export interface IamState {
	keys: Map<string, AccessKey>;
	/** The actions the user's policy allows. */
	allowed: Set<IamAction>;
	/** How many requests each new key is refused before IAM accepts it everywhere. */
	newKeyRefusals: number;
	/** Every key made, deleted ones too. */
	created: AccessKey[];
	now: () => number;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** IAM's time format: whole seconds, `Z`. */
export const iamDate = (time: number) => new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const userName = (user: StsUser) => user.arn.split('/').pop() ?? '';

const randomAlnum = (length: number) => {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
};

function resultXml(action: IamAction, fields: string | undefined, requestId: string): string {
	const result = fields === undefined ? '' : `  <${action}Result>\n${fields}  </${action}Result>\n`;
	return `<${action}Response xmlns="${iamNamespace}">\n${result}  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
}

/** IAM's error body. */
export function iamErrorXml(error: IamError, requestId: string): string {
	return `<ErrorResponse xmlns="${iamNamespace}">\n  <Error>\n    <Type>Sender</Type>\n    <Code>${error.code}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
}

function denied(caller: IamCaller, action: IamAction, target: string, explicit: boolean): IamError {
	const why = explicit
		? 'with an explicit deny in an identity-based policy'
		: `because no identity-based policy allows the iam:${action} action`;
	return new IamError(
		'AccessDenied',
		`User: ${caller.user.arn} is not authorized to perform: iam:${action} on resource: user ${target} ${why}`,
	);
}

function checkKeyId(value: string | null): string {
	if (value === null)
		throw new IamError(
			'ValidationError',
			"1 validation error detected: Value null at 'accessKeyId' failed to satisfy constraint: Member must not be null",
			400,
		);
	if (value.length < 16 || value.length > 128 || !/^[\w]+$/.test(value))
		throw new IamError(
			'ValidationError',
			`1 validation error detected: Value '${value}' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+`,
			400,
		);
	return value;
}

const memberXml = (key: AccessKey, indent: string) =>
	`${indent}<UserName>${userName(key.user)}</UserName>\n${indent}<AccessKeyId>${key.accessKeyId}</AccessKeyId>\n${indent}<Status>${key.status}</Status>\n`;

/** The keys of one IAM user, oldest first. */
export const keysOf = (state: IamState, arn: string) => [...state.keys.values()].filter((key) => key.user.arn === arn);

/** Answers one IAM action for a caller whose signature was already checked. */
export function iamAnswer(state: IamState, action: IamAction, params: URLSearchParams, caller: IamCaller, requestId: string): string {
	const own = userName(caller.user);
	const target = params.get('UserName') ?? own;
	// The account's policy: IAM only from a session made with MFA, and only on the caller's own user.
	if (!caller.mfaSession) throw denied(caller, action, target, true);
	if (target !== own || !state.allowed.has(action)) throw denied(caller, action, target, false);
	const mine = keysOf(state, caller.user.arn);
	if (action === 'ListAccessKeys') {
		const members = mine
			.map(
				(key) =>
					`        <member>\n${memberXml(key, '          ')}          <CreateDate>${key.createDate}</CreateDate>\n        </member>\n`,
			)
			.join('');
		return resultXml(
			action,
			`    <UserName>${own}</UserName>\n    <AccessKeyMetadata>\n${members}    </AccessKeyMetadata>\n    <IsTruncated>false</IsTruncated>\n`,
			requestId,
		);
	}
	if (action === 'CreateAccessKey') {
		if (mine.length >= 2) throw new IamError('LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2', 409);
		const key: AccessKey = {
			accessKeyId: `AKIA${randomAlnum(16)}`,
			secretAccessKey: randomBytes(30).toString('base64'),
			user: caller.user,
			status: 'Active',
			createDate: iamDate(state.now()),
			refusalsLeft: state.newKeyRefusals,
		};
		state.keys.set(key.accessKeyId, key);
		state.created.push(key);
		const fields = `    <AccessKey>\n${memberXml(key, '      ')}      <SecretAccessKey>${key.secretAccessKey}</SecretAccessKey>\n      <CreateDate>${key.createDate}</CreateDate>\n    </AccessKey>\n`;
		return resultXml(action, fields, requestId);
	}
	const keyId = checkKeyId(params.get('AccessKeyId'));
	const key = mine.find((entry) => entry.accessKeyId === keyId);
	if (!key) throw new IamError('NoSuchEntity', `The Access Key with id ${keyId} cannot be found.`, 404);
	if (action === 'DeleteAccessKey') {
		state.keys.delete(keyId);
		return resultXml(action, undefined, requestId);
	}
	const used = key.lastUsed
		? `      <LastUsedDate>${key.lastUsed.date}</LastUsedDate>\n      <ServiceName>${key.lastUsed.service}</ServiceName>\n      <Region>${key.lastUsed.region}</Region>\n`
		: '      <ServiceName>N/A</ServiceName>\n      <Region>N/A</Region>\n';
	return resultXml(action, `    <UserName>${own}</UserName>\n    <AccessKeyLastUsed>\n${used}    </AccessKeyLastUsed>\n`, requestId);
}
