import { describe, expect, it } from 'vitest';
import { helperDownload } from './helper-download';

const id = 'abcdefghijklmnopabcdefghijklmnop';

describe('helperDownload', () => {
	it('names the file for each system the release builds, and the command with this extension’s id', () => {
		expect(helperDownload({ os: 'linux', arch: 'x86-64' }, id)).toEqual({
			file: 'mfa-session-helper-linux-x64',
			url: 'https://mfa-session.app/download/mfa-session-helper-linux-x64',
			command: `chmod +x ~/Downloads/mfa-session-helper-linux-x64 && ~/Downloads/mfa-session-helper-linux-x64 install --extension-id ${id}`,
		});
		expect(helperDownload({ os: 'linux', arch: 'arm64' }, id)?.file).toBe('mfa-session-helper-linux-arm64');
		expect(helperDownload({ os: 'mac', arch: 'arm64' }, id)?.file).toBe('mfa-session-helper-darwin-arm64');
		expect(helperDownload({ os: 'mac', arch: 'x86-64' }, id)?.file).toBe('mfa-session-helper-darwin-x64');
		expect(helperDownload({ os: 'win', arch: 'x86-64' }, id)?.command).toBe(
			`"%USERPROFILE%\\Downloads\\mfa-session-helper-windows-x64.exe" install --extension-id ${id}`,
		);
		expect(helperDownload({ os: 'win', arch: 'arm64' }, id)?.file).toBe('mfa-session-helper-windows-x64.exe');
	});

	it('leaves the id out for Firefox, whose gecko id the helper knows, and offers nothing where no build runs', () => {
		expect(helperDownload({ os: 'linux', arch: 'x86-64' }, 'mfa-session@mfa-session.app')?.command).toBe(
			'chmod +x ~/Downloads/mfa-session-helper-linux-x64 && ~/Downloads/mfa-session-helper-linux-x64 install',
		);
		expect(helperDownload({ os: 'cros', arch: 'x86-64' }, id)).toBeUndefined();
		expect(helperDownload({ os: 'linux', arch: 'x86-32' }, id)).toBeUndefined();
		expect(helperDownload({ os: 'openbsd', arch: 'x86-64' }, id)).toBeUndefined();
	});
});
