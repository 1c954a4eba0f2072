import { describe, expect, it } from 'vitest';
import { parseMfaCode } from './mfa-code';
import {
	capDurationForIdentity,
	parseAccessKeyId,
	parseDurationSeconds,
	parseEndpoint,
	parseMfaSerial,
	parsePassphrase,
	parseProfileName,
	parseSecretAccessKey,
	partitionOfArn,
} from './validate';

const error = (result: { ok: boolean; error?: string }) => (result.ok ? undefined : result.error);

describe('MFA code', () => {
	it('normalises pasted codes', () => {
		expect(parseMfaCode('123 456')).toEqual({ ok: true, value: '123456' });
		expect(parseMfaCode(' 123-456 ')).toEqual({ ok: true, value: '123456' });
	});

	it.each(['', '12345', '1234567', '12a456', '١٢٣٤٥٦'])('refuses %j with a message about the MFA code', (raw) => {
		expect(error(parseMfaCode(raw))).toMatch(/MFA code/);
	});
});

describe('MFA device', () => {
	it('accepts virtual device ARNs of every partition and hardware serials', () => {
		for (const serial of [
			'arn:aws:iam::123456789012:mfa/alice',
			'arn:aws-us-gov:iam::123456789012:mfa/a.b',
			'arn:aws-cn:iam::123456789012:mfa/x',
			'arn:aws-eusc:iam::123456789012:mfa/x',
			'GAHT12345678',
		]) {
			expect(parseMfaSerial(` ${serial} `)).toEqual({ ok: true, value: serial });
		}
	});

	it('names the ARN to paste instead of a user ARN', () => {
		expect(error(parseMfaSerial('arn:aws:iam::123456789012:user/team/alice'))).toContain('arn:aws:iam::123456789012:mfa/alice');
	});

	it('refuses lengths and characters STS refuses', () => {
		expect(error(parseMfaSerial('GAHT1234'))).toMatch(/at least 9/);
		expect(error(parseMfaSerial(`GAHT${'1'.repeat(253)}`))).toMatch(/at most 256/);
		expect(error(parseMfaSerial('GAHT 12345678'))).toMatch(/only contain/);
		expect(error(parseMfaSerial('arn:aws:iam::123456789012:role/x'))).toMatch(/not an MFA device/);
		expect(error(parseMfaSerial('arn:aws-iso:iam::123456789012:mfa/x'))).toMatch(/not an MFA device/);
		expect(error(parseMfaSerial('arn:aws-evil:iam::123456789012:mfa/x'))).toMatch(/not an MFA device/);
	});

	it('reads the partition of an ARN', () => {
		expect(partitionOfArn('arn:aws-cn:iam::1:mfa/x')).toBe('aws-cn');
		expect(partitionOfArn('arn:aws-eusc:iam::1:mfa/x')).toBe('aws-eusc');
		expect(partitionOfArn('arn:aws-iso:iam::1:mfa/x')).toBeUndefined();
		expect(partitionOfArn('GAHT12345678')).toBeUndefined();
	});
});

describe('keys', () => {
	it('accepts long-term key IDs and refuses temporary ones', () => {
		expect(parseAccessKeyId(' AKIAIOSFODNN7EXAMPLE ')).toEqual({ ok: true, value: 'AKIAIOSFODNN7EXAMPLE' });
		expect(error(parseAccessKeyId('ASIAIOSFODNN7EXAMPLE'))).toContain("GetSessionToken needs your IAM user's long-term key");
		expect(error(parseAccessKeyId('AKIA123'))).toMatch(/16 to 128/);
		expect(error(parseAccessKeyId('AKIA-IOSFODNN7EXAMPLE'))).toMatch(/letters and digits/);
	});

	it('trims the secret but refuses inner whitespace', () => {
		expect(parseSecretAccessKey('\tabc/def+ghi\n')).toEqual({ ok: true, value: 'abc/def+ghi' });
		expect(error(parseSecretAccessKey('abc def'))).toMatch(/space or line break/);
		expect(error(parseSecretAccessKey('   '))).toMatch(/Enter the secret/);
	});
});

describe('duration', () => {
	it('keeps within STS limits', () => {
		expect(parseDurationSeconds(900).ok).toBe(true);
		expect(parseDurationSeconds(129_600).ok).toBe(true);
		expect(error(parseDurationSeconds(899))).toMatch(/at least 15 minutes/);
		expect(error(parseDurationSeconds(129_601))).toMatch(/at most 36 hours/);
	});

	it('caps root sessions at an hour', () => {
		expect(capDurationForIdentity(43_200, 'arn:aws:iam::123456789012:root')).toEqual({ seconds: 3600, capped: true });
		expect(capDurationForIdentity(43_200, 'arn:aws:iam::123456789012:user/root')).toEqual({ seconds: 43_200, capped: false });
	});
});

describe('profile name', () => {
	it('must be unique, whatever the case, except for the profile itself', () => {
		expect(error(parseProfileName('Work', ['work']))).toMatch(/already a profile/);
		expect(parseProfileName('work', ['home'], 'work').ok).toBe(true);
	});

	it.each(['', 'a]b', 'a b', 'x\ny', '[work'])('refuses %j', (name) => {
		expect(parseProfileName(name, []).ok).toBe(false);
	});

	it('refuses the names the AWS tools read as something else, saying why, and keeps every other case of them', () => {
		expect(error(parseProfileName('DEFAULT', []))).toBe(
			'DEFAULT in capitals is not a profile to the AWS CLI and boto3: they would add its keys to every other profile of your credentials file. Choose another name (default in lowercase is the usual default profile).',
		);
		expect(error(parseProfileName(' __proto__ ', []))).toBe(
			'__proto__ makes the AWS SDK for JavaScript refuse your whole credentials file. Choose another name.',
		);
		for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__lookupGetter__'])
			expect(error(parseProfileName(name, []))).toBe(
				`${name} is no profile to the AWS SDK for JavaScript: it reads that section into one of JavaScript's built-in objects instead. Choose another name.`,
			);
		// The parsers compare exactly: these are ordinary profiles to both.
		for (const name of ['default', 'Default', 'dEFAULT', '__PROTO__', 'proto', 'Constructor', 'tostring', 'DEFAULT-eu'])
			expect(parseProfileName(name, [])).toEqual({ ok: true, value: name });
	});
});

describe('endpoint', () => {
	it('takes https anywhere, http on loopback, and blank for AWS', () => {
		expect(parseEndpoint('')).toEqual({ ok: true, value: undefined });
		expect(parseEndpoint('https://sts.eu-west-1.amazonaws.com/')).toEqual({ ok: true, value: 'https://sts.eu-west-1.amazonaws.com' });
		expect(parseEndpoint('http://127.0.0.1:4566')).toEqual({ ok: true, value: 'http://127.0.0.1:4566' });
		expect(parseEndpoint('http://localhost:5000').ok).toBe(true);
	});

	it('refuses plain http elsewhere, user info and malformed URLs', () => {
		expect(error(parseEndpoint('http://sts.example.com'))).toMatch(/Use https/);
		expect(error(parseEndpoint('https://me:pw@sts.example.com'))).toMatch(/user name and password/);
		expect(error(parseEndpoint('sts.amazonaws.com'))).toMatch(/not a valid URL/);
		expect(error(parseEndpoint('ftp://127.0.0.1'))).toMatch(/https/);
	});
});

describe('passphrase', () => {
	it('needs a minimum length and a matching confirmation', () => {
		expect(error(parsePassphrase('short'))).toMatch(/at least 10/);
		expect(error(parsePassphrase('long enough phrase', 'long enough phrasE'))).toMatch(/differ/);
		expect(parsePassphrase('long enough phrase', 'long enough phrase').ok).toBe(true);
	});
});
