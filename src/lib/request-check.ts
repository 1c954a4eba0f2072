// What each request of the pages' message table carries, checked once where it enters the worker
// (background/listen.ts): a handler gets the payload its type names, or never runs. Each field is
// `name`, `name?` when it may be missing, and `:boolean`, `:object` or `:array` when not a string.
import type { Result } from './result';

/** Every message a page may send, with the fields of its payload. */
export const requestShapes = {
	getState: '',
	saveProfile: ':object',
	saveConsoleProfile: 'name region endpoint id? trustedHost?',
	storeSignin: 'profileId clientId refreshToken proofKey credentials:object subject passphrase? confirmation?',
	saveConfigProfiles: 'profiles:array passphrase? confirmation?',
	deleteProfile: 'profileId',
	unlock: 'passphrase',
	lock: '',
	changePassphrase: 'current next confirmation',
	forgetSecrets: '',
	removePasskey: 'id',
	setPreferences: ':object',
	exportSettings: '',
	dismissPolicyNotices: '',
	previewSettings: 'text',
	importSettings: 'text plan:object',
	refresh: 'profileId code? passphrase?',
	exportSession: 'profileId format copy?:boolean',
	noteCopy: 'digest',
	commandShortcuts: '',
	chooseProfile: 'profileId',
	takeEndpointNotice: '',
	openConsole: 'profileId',
	rotateKey: 'profileId keepOld?:boolean code?',
	resumeRotation: 'code?',
	dismissRotationReport: '',
	helperStatus: '',
	setCliMode: 'profileId mode',
	takePromptMark: '',
	pendingAsk: '',
	denyAsk: '',
};

/** The name of a message a page may send. */
export type RequestName = keyof typeof requestShapes;

const kindOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** Checks a request's payload against its message's fields; says which value is wrong. */
export function checkRequest(name: RequestName, payload: unknown): Result<unknown> {
	const fields = requestShapes[name].split(' ').filter(Boolean);
	if (fields.length === 0) return { ok: true, value: undefined };
	if (kindOf(payload) !== 'object') return { ok: false, error: `${name}: the payload is not an object` };
	const given = payload as Record<string, unknown>;
	for (const field of fields) {
		const [, key = '', optional, kind = 'string'] = /^(\w*)(\?)?(?::(\w+))?$/.exec(field) ?? [];
		const value = key === '' ? payload : given[key];
		if ((value !== undefined || !optional) && kindOf(value) !== kind)
			return { ok: false, error: `${name}: ${key || 'the payload'} is not ${/^[ao]/.test(kind) ? 'an' : 'a'} ${kind}` };
	}
	return { ok: true, value: payload };
}
