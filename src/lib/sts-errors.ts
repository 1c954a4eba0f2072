// Every way GetSessionToken can fail, turned into a message that names the cause and the fix.
// The wire codes and texts are the ones AWS sends (see the STS contract); anything the SDK throws
// before an answer arrives is a network problem, a timeout or an answer that is not STS's.
import { t } from '../i18n';
import { classifyEndpoint } from './endpoint-trust';

/** The input a failure points at, in STS's terms. */
export type StsField = 'code' | 'serial' | 'accessKeyId' | 'secret' | 'endpoint' | 'region';

export type StsFailureKind =
	| 'wrong-code'
	| 'wrong-device'
	| 'session-credentials'
	| 'unknown-key'
	| 'wrong-secret'
	| 'clock-skew'
	| 'region-mismatch'
	| 'expired-token'
	| 'region-disabled'
	| 'validation'
	| 'throttled'
	| 'network'
	| 'timeout'
	| 'server'
	| 'bad-response'
	| 'invalid-answer'
	| 'unknown';

export interface StsFailure {
	kind: StsFailureKind;
	message: string;
	field?: StsField;
}

interface FailureContext {
	/** The endpoint that answered: only AWS's own STS has its text shown; a host that is neither AWS's nor loopback not even AWS's wording. */
	endpoint: string;
	timeoutMs: number;
}

const fromAws = (context: FailureContext) => classifyEndpoint(context.endpoint) === 'aws';

/** A server's error code, when it has the shape of one (no spaces, no controls, short). */
const codeShape = /^[A-Za-z][A-Za-z.]{0,63}$/;

/** What another host said, without repeating its words: which host, and its error code. */
function refusedBy(name: string, context: FailureContext): StsFailure {
	const host = new URL(context.endpoint).host;
	return { kind: 'unknown', field: 'endpoint', message: t('stsRefusedByHost', host, codeShape.test(name) ? name : '?') };
}

/** The parts of an SDK error this module reads; anything may be missing. */
interface ErrorShape {
	name?: unknown;
	message?: unknown;
	$metadata?: { httpStatusCode?: unknown };
	$response?: unknown;
}

function shapeOf(error: unknown): { name: string; message: string; status: number | undefined; deserialization: boolean } {
	const shape = (typeof error === 'object' && error !== null ? error : {}) as ErrorShape;
	const status = shape.$metadata?.httpStatusCode;
	const message = typeof shape.message === 'string' ? shape.message : '';
	return {
		name: typeof shape.name === 'string' ? shape.name : '',
		message,
		status: typeof status === 'number' ? status : undefined,
		deserialization: shape.$response !== undefined || /deserializ/i.test(message),
	};
}

function fromStsCode(name: string, message: string, context: FailureContext): StsFailure | undefined {
	switch (name) {
		case 'AccessDenied':
			if (/invalid MFA one time pass code/i.test(message)) {
				return { kind: 'wrong-code', field: 'code', message: t('stsWrongCode') };
			}
			if (/verify your MFA serial number/i.test(message)) {
				return { kind: 'wrong-device', field: 'serial', message: t('stsWrongDevice') };
			}
			if (/session credentials/i.test(message)) {
				return { kind: 'session-credentials', field: 'accessKeyId', message: t('stsSessionCredentials') };
			}
			if (!fromAws(context)) return refusedBy(name, context);
			return { kind: 'unknown', message: t('stsAccessDenied', message || t('stsAccessDeniedDefault')) };
		case 'InvalidClientTokenId':
			return { kind: 'unknown-key', field: 'accessKeyId', message: t('stsUnknownKey') };
		case 'SignatureDoesNotMatch':
			if (/Signature expired|not yet current/i.test(message)) {
				return { kind: 'clock-skew', message: t('stsClockSkew') };
			}
			if (/scoped to a valid region/i.test(message)) {
				return { kind: 'region-mismatch', field: 'region', message: t('stsRegionMismatch', context.endpoint) };
			}
			return { kind: 'wrong-secret', field: 'secret', message: t('stsWrongSecret') };
		case 'ExpiredToken':
			return { kind: 'expired-token', field: 'accessKeyId', message: t('stsExpiredToken') };
		case 'RegionDisabledException':
			return { kind: 'region-disabled', field: 'region', message: t('stsRegionDisabled') };
		case 'ValidationError':
			if (!fromAws(context)) return refusedBy(name, context);
			return { kind: 'validation', message: t('stsValidation', message) };
		case 'Throttling':
		case 'ThrottlingException':
		case 'TooManyRequestsException':
			return { kind: 'throttled', message: t('stsThrottled') };
		default:
			return undefined;
	}
}

/** Describes a failed GetSessionToken call for a person. */
export function describeStsFailure(error: unknown, context: FailureContext): StsFailure {
	const { name, message, status, deserialization } = shapeOf(error);
	const known = fromStsCode(name, message, context);
	// Someone else's host chooses our words by its code and text: name the host instead, keep what the code means.
	if (known && classifyEndpoint(context.endpoint) === 'custom') return { ...refusedBy(name, context), kind: known.kind };
	if (known) return known;
	if (name === 'InvalidSessionAnswer') {
		return { kind: 'invalid-answer', field: 'endpoint', message: t('stsInvalidAnswer', new URL(context.endpoint).host) };
	}
	if (name === 'AbortError' || name === 'TimeoutError') {
		return { kind: 'timeout', field: 'endpoint', message: t('stsTimeout', Math.round(context.timeoutMs / 1000), context.endpoint) };
	}
	if (status !== undefined && status >= 500) {
		return { kind: 'server', message: t('stsServerError', status) };
	}
	if (deserialization || name === 'IncompleteResponse' || (status !== undefined && !/^[A-Z][A-Za-z]+$/.test(name))) {
		return { kind: 'bad-response', field: 'endpoint', message: t('stsBadResponse', context.endpoint) };
	}
	if (name === 'TypeError' || /fetch|network/i.test(message)) {
		return { kind: 'network', field: 'endpoint', message: t('stsNetwork', context.endpoint) };
	}
	if (!fromAws(context)) return refusedBy(name, context);
	const what = name || t('stsUnnamedError');
	return { kind: 'unknown', message: message ? t('stsFailedDetail', what, message) : t('stsFailed', what) };
}
