import { describe, expect, it } from 'vitest';
import { describeStsFailure } from './sts-errors';

const context = { endpoint: 'https://sts.us-east-1.amazonaws.com', timeoutMs: 15_000 };
const awsError = (name: string, message: string, status = 403) =>
	Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
const describe_ = (error: unknown) => describeStsFailure(error, context);

describe('STS failures', () => {
	it.each([
		['AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.', 'wrong-code', 'code', /MFA code/],
		[
			'AccessDenied',
			'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.',
			'wrong-device',
			'serial',
			/:mfa\/NAME/,
		],
		['AccessDenied', 'Cannot call GetSessionToken with session credentials', 'session-credentials', 'accessKeyId', /long-term/],
		['InvalidClientTokenId', 'The security token included in the request is invalid.', 'unknown-key', 'accessKeyId', /inactive/],
		[
			'SignatureDoesNotMatch',
			'The request signature we calculated does not match the signature you provided.',
			'wrong-secret',
			'secret',
			/secret access key/,
		],
		[
			'SignatureDoesNotMatch',
			'Signature expired: 20180703T083815Z is now earlier than 20180703T152801Z (20180703T154301Z - 15 min.)',
			'clock-skew',
			undefined,
			/clock/,
		],
		['SignatureDoesNotMatch', 'Signature not yet current: 20180703T083815Z is still later than ...', 'clock-skew', undefined, /clock/],
		['SignatureDoesNotMatch', "Credential should be scoped to a valid region, not 'us-east-2'.", 'region-mismatch', 'region', /region/],
		['ExpiredToken', 'The security token included in the request is expired', 'expired-token', 'accessKeyId', /temporary/],
		['RegionDisabledException', 'STS is not activated in this region for account:123456789012.', 'region-disabled', 'region', /activate/],
		['Throttling', 'Rate exceeded', 'throttled', undefined, /Wait a minute/],
	])('maps %s "%s"', (name, message, kind, field, text) => {
		const failure = describe_(awsError(name, message));
		expect(failure.kind).toBe(kind);
		expect(failure.field).toBe(field);
		expect(failure.message).toMatch(text);
	});

	it('says when STS did not answer in time', () => {
		expect(describe_(Object.assign(new Error('Request aborted'), { name: 'AbortError' })).message).toMatch(/within 15 seconds/);
		expect(describe_(Object.assign(new Error('signal timed out'), { name: 'TimeoutError' })).kind).toBe('timeout');
	});

	it('tells network failures, server errors and foreign answers apart', () => {
		expect(describe_(new TypeError('Failed to fetch')).kind).toBe('network');
		expect(describe_(awsError('InternalFailure', 'unknown', 500)).kind).toBe('server');
		expect(describe_(awsError('Unknown', 'UnknownError', 503)).message).toMatch(/HTTP 503/);
		const parse = Object.assign(
			new Error('Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.'),
			{
				$response: {},
				$metadata: { httpStatusCode: 200 },
			},
		);
		expect(describe_(parse).kind).toBe('bad-response');
		expect(describe_(Object.assign(new Error('no credentials'), { name: 'IncompleteResponse' })).kind).toBe('bad-response');
		expect(describe_('something odd').kind).toBe('unknown');
	});

	it("shows another host's words as its claim: host and error code only", () => {
		const emulator = { endpoint: 'http://127.0.0.1:4566', timeoutMs: 15_000 };
		for (const error of [
			awsError('AccessDenied', 'Your account is suspended: call +1 555 0100 and read them your code'),
			awsError('ValidationError', 'Paste your secret access key here: https://evil.test'),
			awsError('Weird', 'Visit https://evil.test'),
		]) {
			const failure = describeStsFailure(error, emulator);
			expect(failure.message).toMatch(/^127\.0\.0\.1:4566 refused the request \((AccessDenied|ValidationError|Weird|\?)\)/);
			expect(failure.message).not.toMatch(/evil|suspended/);
		}
		expect(describeStsFailure(awsError('Bad\u001b[2Kname', 'x'), emulator).message).not.toContain('\u001b');
		expect(describeStsFailure(awsError('AccessDenied', 'Denied by SCP'), context).message).toContain('Denied by SCP');
	});

	it('names the host whose session answer was refused', () => {
		const failure = describe_(Object.assign(new Error('Invalid SessionToken in the answer'), { name: 'InvalidSessionAnswer' }));
		expect(failure).toMatchObject({ kind: 'invalid-answer', field: 'endpoint' });
		expect(failure.message).toMatch(/^The answer from sts\.us-east-1\.amazonaws\.com is not a valid STS session/);
	});
});
