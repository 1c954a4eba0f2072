// An error meant for a person: its message says what went wrong and how to fix it, and `field`
// names the input it belongs to, so the page can show it where it was typed.
import { t } from '../i18n';

/** Names of the inputs an error can point at. */
export type Field =
	| 'code'
	| 'passphrase'
	| 'confirmation'
	| 'newPassphrase'
	| 'newConfirmation'
	| 'name'
	| 'accessKeyId'
	| 'secretAccessKey'
	| 'mfaSerial'
	| 'durationSeconds'
	| 'region'
	| 'endpoint'
	| 'endpointKind'
	| 'profile'
	| 'session'
	| 'autoLock'
	| 'clearClipboard'
	| 'warning'
	| 'keyAge'
	| 'settingsFile'
	| 'cliMode'
	| 'passkey'
	| 'passkeyName'
	| 'profileType'
	| 'roleArn'
	| 'sourceProfile'
	| 'externalId'
	| 'roleSessionName'
	| 'signin'
	| 'signinCode';

/** The serialisable form that crosses from the service worker to a page. */
export interface ErrorInfo {
	message: string;
	field?: Field;
	kind?: string;
}

/** A failure to show as it is; anything else is an unexpected error. */
export class UserError extends Error {
	readonly field?: Field;
	readonly kind?: string;

	constructor(message: string, field?: Field, kind?: string) {
		super(message);
		this.name = 'UserError';
		this.field = field;
		this.kind = kind;
	}

	/** Rebuilds the error a page receives. */
	static from(info: ErrorInfo): UserError {
		return new UserError(info.message, info.field, info.kind);
	}
}

/** Turns anything thrown into what a page may show; unexpected errors keep only their type. */
export function toErrorInfo(error: unknown): ErrorInfo {
	if (error instanceof UserError) return { message: error.message, field: error.field, kind: error.kind };
	const name = error instanceof Error ? error.name : typeof error;
	return { message: t('unexpectedError', name), kind: 'unexpected' };
}
