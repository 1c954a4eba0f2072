import { execFile } from 'node:child_process';
import { access, constants, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackedExtensionId } from './extension-id';
import { helperScript, privateHome, runHelper } from './host-driver';
import { manifestTargets } from './install';

const storeId = 'abcdefghijklmnopabcdefghijklmnop';

describe('install', () => {
	it('writes one Chromium profile’s host manifest and a launcher with absolute paths; uninstall removes it', async () => {
		const { env, home } = await privateHome();
		const userDataDir = join(home, 'profile');
		const run = await runHelper(['install', '--user-data-dir', userDataDir, '--extension-id', storeId], env);
		expect(run.stderr).toBe('');
		const manifestPath = join(userDataDir, 'NativeMessagingHosts', 'app.mfa_session.helper.json');
		expect(run.stdout).toContain(manifestPath);
		const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
		expect(manifest).toEqual({
			name: 'app.mfa_session.helper',
			description: 'MFA Session command-line helper',
			path: join(helperScript, '..', 'mfa-session-helper'),
			type: 'stdio',
			allowed_origins: [`chrome-extension://${unpackedExtensionId}/`, `chrome-extension://${storeId}/`],
		});
		await access(manifest.path, constants.X_OK);
		const launcher = await readFile(manifest.path, 'utf8');
		expect(launcher).toContain(`'${process.execPath}' '${helperScript}' "$@"`);
		// The launcher works without any PATH, as from a desktop-started browser.
		const status = await new Promise<string>((done) =>
			execFile(manifest.path, ['status'], { env: { ...env, PATH: '' } }, (_error, stdout) => done(stdout)),
		);
		expect(status).toContain('Not connected');
		const removed = await runHelper(['uninstall', '--user-data-dir', userDataDir], env);
		expect(removed.stdout).toContain(manifestPath);
		await expect(stat(manifestPath)).rejects.toThrow();
	});

	it('writes every browser’s per-user manifest under HOME, Firefox by gecko id', async () => {
		const { env, home } = await privateHome();
		const run = await runHelper(['install'], env);
		expect(run.code).toBe(0);
		const firefox = JSON.parse(await readFile(join(home, '.mozilla/native-messaging-hosts/app.mfa_session.helper.json'), 'utf8'));
		expect(firefox.allowed_extensions).toEqual(['mfa-session@mfa-session.app']);
		expect(firefox.allowed_origins).toBeUndefined();
		for (const folder of ['.config/google-chrome', '.config/chromium']) {
			const chrome = JSON.parse(await readFile(join(home, folder, 'NativeMessagingHosts/app.mfa_session.helper.json'), 'utf8'));
			expect(chrome.allowed_origins).toEqual([`chrome-extension://${unpackedExtensionId}/`]);
		}
		const removed = await runHelper(['uninstall', '--browser', 'firefox'], env);
		expect(removed.stdout.trim().split('\n')).toHaveLength(2);
		await expect(stat(join(home, '.mozilla/native-messaging-hosts/app.mfa_session.helper.json'))).rejects.toThrow();
		await stat(join(home, '.config/chromium/NativeMessagingHosts/app.mfa_session.helper.json'));
	});

	it('refuses bad options with one line', async () => {
		const { env } = await privateHome();
		expect((await runHelper(['install', '--browser', 'safari'], env)).stderr).toBe('--browser takes chrome, chromium, firefox or all.\n');
		expect((await runHelper(['install', '--extension-id', 'XYZ'], env)).stderr).toMatch(/^An extension id is 32 letters/);
		expect((await runHelper(['install', '--user-data-dir'], env)).stderr).toBe('--user-data-dir needs a value.\n');
	});

	it('knows where each browser looks on macOS and Windows', () => {
		const options = { browsers: ['chrome', 'chromium', 'firefox'] as const, extensionIds: [] };
		expect(manifestTargets(options, 'darwin', '/Users/me').map((target) => target.manifest)).toEqual([
			'/Users/me/Library/Application Support/Google/Chrome/NativeMessagingHosts/app.mfa_session.helper.json',
			'/Users/me/Library/Application Support/Chromium/NativeMessagingHosts/app.mfa_session.helper.json',
			'/Users/me/Library/Application Support/Mozilla/NativeMessagingHosts/app.mfa_session.helper.json',
		]);
		expect(manifestTargets(options, 'win32', '/Users/me').map((target) => target.registryKey)).toEqual([
			'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Chromium\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\app.mfa_session.helper',
		]);
	});
});
