import { execFile } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helperScript, privateHome, runHelper } from '../../e2e/support/host-driver';
import { installFolder, systemBrowserFolders, userBrowserFolders } from './browser-folders';
import { unpackedExtensionId } from './extension-id';
import { allowedIds } from './install';
import { readRecord } from './install-files';

const storeId = 'abcdefghijklmnopabcdefghijklmnop';

describe('install', () => {
	it('writes one Chromium profile’s host manifest and a launcher with absolute paths; uninstall removes it', async () => {
		const { env, home } = await privateHome();
		const userDataDir = join(home, 'profile');
		const run = await runHelper(['install', '--dev', '--user-data-dir', userDataDir, '--extension-id', storeId], env);
		expect(run.stderr).toBe('');
		const manifestPath = join(userDataDir, 'NativeMessagingHosts', 'app.mfa_session.helper.json');
		expect(run.stdout).toContain(manifestPath);
		const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
		expect(manifest).toEqual({
			name: 'app.mfa_session.helper',
			description: 'MFA Session command-line helper',
			path: join(helperScript, '..', 'mfa-session-helper'),
			type: 'stdio',
			allowed_origins: [`chrome-extension://${storeId}/`, `chrome-extension://${unpackedExtensionId}/`],
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
		await expect(stat(manifest.path)).rejects.toThrow();
	});

	it('without --dev or an --extension-id no manifest allows the unpacked build’s id, which any developer-mode extension can claim', async () => {
		const { env, home } = await privateHome();
		const userDataDir = join(home, 'profile');
		const refused = await runHelper(['install', '--user-data-dir', userDataDir], env);
		expect(refused.stderr).toMatch(/^No extension id to allow: add --extension-id/);
		await expect(stat(join(userDataDir, 'NativeMessagingHosts'))).rejects.toThrow();
		await runHelper(['install', '--user-data-dir', userDataDir, '--extension-id', storeId], env);
		const manifest = JSON.parse(await readFile(join(userDataDir, 'NativeMessagingHosts', 'app.mfa_session.helper.json'), 'utf8'));
		expect(manifest.allowed_origins).toEqual([`chrome-extension://${storeId}/`]);
		expect(allowedIds({ extensionIds: [], dev: true })).toEqual([unpackedExtensionId]);
	});

	it('writes a manifest for each browser whose profile folder exists, Firefox by gecko id, and names the others it skipped', async () => {
		const { env, home } = await privateHome();
		await mkdir(join(home, '.config', 'chromium'), { recursive: true });
		await mkdir(join(home, '.mozilla', 'firefox'), { recursive: true });
		const run = await runHelper(['install', '--extension-id', storeId], env);
		expect(run.code).toBe(0);
		expect(run.stdout).toMatch(/Skipped, no profile folder \(never run here\): Google Chrome, .*Opera\./);
		const firefox = JSON.parse(await readFile(join(home, '.mozilla/native-messaging-hosts/app.mfa_session.helper.json'), 'utf8'));
		expect(firefox.allowed_extensions).toEqual(['mfa-session@mfa-session.app']);
		expect(firefox.allowed_origins).toBeUndefined();
		const chromium = JSON.parse(await readFile(join(home, '.config/chromium/NativeMessagingHosts/app.mfa_session.helper.json'), 'utf8'));
		expect(chromium.allowed_origins).toEqual([`chrome-extension://${storeId}/`]);
		await expect(stat(join(home, '.config/google-chrome'))).rejects.toThrow();
		const removed = await runHelper(['uninstall', '--browser', 'firefox'], env);
		expect(removed.stdout.trim().split('\n')).toHaveLength(2);
		await expect(stat(join(home, '.mozilla/native-messaging-hosts/app.mfa_session.helper.json'))).rejects.toThrow();
		await stat(join(home, '.config/chromium/NativeMessagingHosts/app.mfa_session.helper.json'));
		const rest = await runHelper(['uninstall'], env);
		expect(rest.stdout).toContain('chromium/NativeMessagingHosts');
		await expect(stat(join(home, '.local', 'share', 'mfa-session'))).rejects.toThrow();
	});

	it('refuses bad options with one line', async () => {
		const { env } = await privateHome();
		expect((await runHelper(['install', '--browser', 'safari'], env)).stderr).toMatch(
			/^--browser takes one of chrome, chrome-beta, .*, firefox, or all\.\n$/,
		);
		expect((await runHelper(['install', '--extension-id', 'XYZ'], env)).stderr).toMatch(/^An extension id is 32 letters/);
		expect((await runHelper(['install', '--user-data-dir'], env)).stderr).toBe('--user-data-dir needs a value.\n');
	});

	it('knows where each browser looks on macOS and Windows, per user and system-wide', () => {
		const mac = userBrowserFolders('darwin', {}, '/Users/me');
		expect(mac.find((folder) => folder.browser === 'arc')?.manifest).toBe(
			'/Users/me/Library/Application Support/Arc/User Data/NativeMessagingHosts/app.mfa_session.helper.json',
		);
		expect(mac.find((folder) => folder.browser === 'firefox')?.manifest).toBe(
			'/Users/me/Library/Application Support/Mozilla/NativeMessagingHosts/app.mfa_session.helper.json',
		);
		const windows = userBrowserFolders('win32', { LOCALAPPDATA: 'C:\\L', APPDATA: 'C:\\R' }, 'C:\\me');
		expect(windows.map((folder) => folder.registryKey)).toEqual([
			'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Chromium\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Vivaldi\\NativeMessagingHosts\\app.mfa_session.helper',
			'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\app.mfa_session.helper',
		]);
		expect(systemBrowserFolders('linux').map((folder) => folder.manifest)).toContain(
			'/etc/chromium/native-messaging-hosts/app.mfa_session.helper.json',
		);
		expect(installFolder(false, 'darwin', {}, '/Users/me')).toBe('/Users/me/Library/Application Support/MFA Session');
		expect(installFolder(false, 'linux', {}, '/home/me')).toBe('/home/me/.local/share/mfa-session');
	});

	it('trusts the install record only as far as its shape: uninstall never removes a file it could not have written', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-record-'));
		await writeFile(
			join(folder, 'installed.json'),
			JSON.stringify({
				executable: '/etc/passwd',
				launcher: '/etc/shadow',
				manifests: [
					{ browser: 'chromium', label: 'Chromium', path: '/etc/hosts' },
					{ browser: 'netscape', label: 'N', path: '/x/app.mfa_session.helper.json' },
					{ browser: 'chromium', label: 'Chromium', path: '/x/app.mfa_session.helper.json' },
				],
			}),
		);
		expect(readRecord(folder)).toEqual({
			folders: [],
			executable: undefined,
			launcher: undefined,
			manifests: [{ browser: 'chromium', label: 'Chromium', path: '/x/app.mfa_session.helper.json' }],
		});
		expect(readRecord(join(folder, 'absent'))).toEqual({ manifests: [], folders: [] });
	});
});
