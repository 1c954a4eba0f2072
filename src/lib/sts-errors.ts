// Every way GetSessionToken can fail, turned into a message that names the cause and the fix.
// The wire codes and texts are the ones AWS sends (see the STS contract); anything the SDK throws
// before an answer arrives is a network problem, a timeout or an answer that is not STS's.

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
	| 'unknown';

export interface StsFailure {
	kind: StsFailureKind;
	message: string;
	field?: StsField;
}

interface FailureContext {
	endpoint: string;
	timeoutMs: number;
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
				return {
					kind: 'wrong-code',
					field: 'code',
					message: 'AWS refused this MFA code: it is wrong, expired or was already used. Wait for the next code in your app and try again.',
				};
			}
			if (/verify your MFA serial number/i.test(message)) {
				return {
					kind: 'wrong-device',
					field: 'serial',
					message:
						"AWS could not check the code against this MFA device: the device ARN is wrong or not this user's. Copy the device's ARN (…:mfa/NAME) from the IAM console into the profile.",
				};
			}
			if (/session credentials/i.test(message)) {
				return {
					kind: 'session-credentials',
					field: 'accessKeyId',
					message: "This profile holds a temporary key. Save your IAM user's long-term access key (AKIA…) instead.",
				};
			}
			return { kind: 'unknown', message: `AWS denied the request: ${message || 'access denied'}. Check the user's IAM policies.` };
		case 'InvalidClientTokenId':
			return {
				kind: 'unknown-key',
				field: 'accessKeyId',
				message:
					'AWS does not know this access key ID, or it is inactive or deleted. Check it in the IAM console and save the current key.',
			};
		case 'SignatureDoesNotMatch':
			if (/Signature expired|not yet current/i.test(message)) {
				return {
					kind: 'clock-skew',
					message:
						"Your computer's clock is off by more than 15 minutes, so AWS refused the request. Set the clock to update automatically and try again.",
				};
			}
			if (/scoped to a valid region/i.test(message)) {
				return {
					kind: 'region-mismatch',
					field: 'region',
					message: `The region does not match the STS endpoint ${context.endpoint}. Choose the endpoint's region in the profile, or clear the custom endpoint.`,
				};
			}
			return {
				kind: 'wrong-secret',
				field: 'secret',
				message: 'AWS says the signature does not match: the secret access key is wrong. Paste the secret access key again in the profile.',
			};
		case 'ExpiredToken':
			return {
				kind: 'expired-token',
				field: 'accessKeyId',
				message: "The key used to sign has expired: it is a temporary key. Save your IAM user's long-term access key (AKIA…) instead.",
			};
		case 'RegionDisabledException':
			return {
				kind: 'region-disabled',
				field: 'region',
				message:
					'STS is not activated in this region for your account. Choose another region, or ask an administrator to activate it in the IAM console.',
			};
		case 'ValidationError':
			return { kind: 'validation', message: `AWS refused the request as invalid: ${message}` };
		case 'Throttling':
		case 'ThrottlingException':
		case 'TooManyRequestsException':
			return {
				kind: 'throttled',
				message: 'AWS is limiting requests right now (rate exceeded). Wait a minute and try again with a new code.',
			};
		default:
			return undefined;
	}
}

/** Describes a failed GetSessionToken call for a person. */
export function describeStsFailure(error: unknown, context: FailureContext): StsFailure {
	const { name, message, status, deserialization } = shapeOf(error);
	const known = fromStsCode(name, message, context);
	if (known) return known;
	if (name === 'AbortError' || name === 'TimeoutError') {
		return {
			kind: 'timeout',
			field: 'endpoint',
			message: `STS did not answer within ${Math.round(context.timeoutMs / 1000)} seconds (${context.endpoint}). Check your connection or VPN, then try again with a new code.`,
		};
	}
	if (status !== undefined && status >= 500) {
		return {
			kind: 'server',
			message: `STS had a server error (HTTP ${status}). Nothing was changed; try again in a moment with a new code.`,
		};
	}
	if (deserialization || name === 'IncompleteResponse' || (status !== undefined && !/^[A-Z][A-Za-z]+$/.test(name))) {
		return {
			kind: 'bad-response',
			field: 'endpoint',
			message: `The answer from ${context.endpoint} was not STS's (a captive portal or proxy page, or a cut-off reply). Sign in to the network if it asks you to, then try again.`,
		};
	}
	if (name === 'TypeError' || /fetch|network/i.test(message)) {
		return {
			kind: 'network',
			field: 'endpoint',
			message: `Could not reach ${context.endpoint}: you seem to be offline, or the name does not resolve. Check your connection, VPN or the STS endpoint.`,
		};
	}
	return { kind: 'unknown', message: `STS failed: ${name || 'error'}${message ? `: ${message}` : ''}. Try again with a new code.` };
}
