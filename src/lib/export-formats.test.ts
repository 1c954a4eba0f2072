import { describe, expect, it } from 'vitest';
import { type ExportFormat, exportFormats, quotePosix, renderExport } from './export-formats';

const credentials = {
	accessKeyId: 'ASIAQWERTYUIOPASDFGH',
	secretAccessKey: 'abc/def+ghi=',
	sessionToken: 'IQoJb3JpZ2luX2VjE+/=',
	expiration: '2026-11-22T20:15:00.123Z',
};
const input = { profileName: 'work', credentials };

describe('export formats', () => {
	it('are labelled as people know them', () => {
		expect(exportFormats.map((format) => format.label)).toEqual([
			'bash / zsh',
			'.env',
			'fish',
			'PowerShell',
			'Windows cmd',
			'credentials file',
			'credential_process JSON',
		]);
	});

	it('writes shell lines with the expiry in RFC 3339 UTC', () => {
		expect(renderExport('bash', input)).toBe(
			[
				'export AWS_ACCESS_KEY_ID=ASIAQWERTYUIOPASDFGH',
				'export AWS_SECRET_ACCESS_KEY=abc/def+ghi=',
				'export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjE+/=',
				'export AWS_CREDENTIAL_EXPIRATION=2026-11-22T20:15:00Z',
				'',
			].join('\n'),
		);
		expect(renderExport('fish', input)).toContain("set -gx AWS_SESSION_TOKEN 'IQoJb3JpZ2luX2VjE+/='\n");
		expect(renderExport('powershell', input)).toContain("$Env:AWS_CREDENTIAL_EXPIRATION = '2026-11-22T20:15:00Z'\n");
		expect(renderExport('cmd', input)).toContain('set "AWS_ACCESS_KEY_ID=ASIAQWERTYUIOPASDFGH"\n');
		expect(renderExport('dotenv', input)).toContain('AWS_SECRET_ACCESS_KEY=abc/def+ghi=\n');
	});

	it('adds the region only when asked', () => {
		expect(renderExport('bash', input)).not.toContain('REGION');
		expect(renderExport('bash', { ...input, region: 'eu-west-1' })).toContain(
			'export AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n',
		);
	});

	it('names the credentials section after the profile and says to replace an existing one', () => {
		const text = renderExport('credentials', input);
		expect(text).toContain('\n[work]\naws_access_key_id = ASIAQWERTYUIOPASDFGH\n');
		expect(text).toContain('aws_session_token = IQoJb3JpZ2luX2VjE+/=\n');
		expect(text).toContain('x_security_token_expires = 2026-11-22T20:15:00Z\n');
		expect(text).toMatch(/^# .*2026-11-22T20:15:00Z/);
		expect(text).toMatch(/Replace any existing \[work\] section/);
		expect(text).not.toMatch(/"/);
	});

	it('writes credential_process JSON version 1', () => {
		expect(JSON.parse(renderExport('process', input))).toEqual({
			Version: 1,
			AccessKeyId: credentials.accessKeyId,
			SecretAccessKey: credentials.secretAccessKey,
			SessionToken: credentials.sessionToken,
			Expiration: '2026-11-22T20:15:00Z',
		});
	});

	it('quotes values that need it and refuses what a format cannot carry', () => {
		const odd = { ...input, credentials: { ...credentials, secretAccessKey: `it's $HOME "x" %PATH%` } };
		expect(renderExport('bash', odd)).toContain(`export AWS_SECRET_ACCESS_KEY='it'\\''s $HOME "x" %PATH%'`);
		expect(renderExport('powershell', odd)).toContain(`$Env:AWS_SECRET_ACCESS_KEY = 'it''s $HOME "x" %PATH%'`);
		expect(renderExport('fish', odd)).toContain(`set -gx AWS_SECRET_ACCESS_KEY 'it\\'s $HOME "x" %PATH%'`);
		expect(() => renderExport('cmd', odd)).toThrow(/Windows cmd/);
		expect(() => renderExport('credentials', { ...input, credentials: { ...credentials, sessionToken: 'a\nb' } })).toThrow(RangeError);
	});

	it('writes no credentials-file section under a name the AWS tools would not read as a profile (one saved before such names were refused)', () => {
		expect(() => renderExport('credentials', { ...input, profileName: 'DEFAULT' })).toThrow(/^DEFAULT in capitals is not a profile/);
		expect(renderExport('bash', { ...input, profileName: 'DEFAULT' })).toContain('export AWS_ACCESS_KEY_ID=');
	});

	it('ends every format with one LF and no CR', () => {
		for (const { id } of exportFormats) {
			const text = renderExport(id as ExportFormat, input);
			expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
			expect(text).not.toContain('\r');
		}
	});

	it('quotes what zsh would expand in an assigned value, and leaves plain keys bare', () => {
		expect(quotePosix('=ls')).toBe("'=ls'");
		expect(quotePosix('a:=ls')).toBe("'a:=ls'");
		expect(quotePosix('abc/def+ghi==')).toBe('abc/def+ghi==');
		expect(quotePosix('2026-11-22T20:15:00Z')).toBe('2026-11-22T20:15:00Z');
	});

	it('refuses anything outside printable ASCII in every format, naming the field', () => {
		for (const format of exportFormats.map((entry) => entry.id)) {
			expect(() => renderExport(format, { ...input, credentials: { ...credentials, sessionToken: 'IQoJ\u0015rm -rf ~' } })).toThrow(
				/^sessionToken holds a character outside printable ASCII/,
			);
			expect(() => renderExport(format, { ...input, region: 'eu-west-1\u001b[2K' })).toThrow(/^region holds/);
		}
	});
});
