// Registering the helper with the browsers, for the current user only: a host manifest where each
// browser looks, naming a launcher that runs the built helper with the Node that installed it
// (a browser started from the desktop has no shell PATH, so nothing may depend on one).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { helperHostName } from '../lib/helper-protocol';
import { geckoId, unpackedExtensionId } from './extension-id';
import { launcherPath } from './self';

export type BrowserName = 'chrome' | 'chromium' | 'firefox';
export const browserNames: readonly BrowserName[] = ['chrome', 'chromium', 'firefox'];

export interface InstallOptions {
	browsers: readonly BrowserName[];
	/** One Chromium user data directory instead of the per-user locations. */
	userDataDir?: string;
	/** Store ids allowed besides the unpacked build's. */
	extensionIds: readonly string[];
}

/** One place a manifest goes, and on Windows the registry key that points at it. */
interface Target {
	browser: BrowserName;
	manifest: string;
	registryKey?: string;
}

function targets(options: InstallOptions, platform = process.platform, home = homedir()): Target[] {
	if (options.userDataDir)
		return [{ browser: 'chromium', manifest: join(options.userDataDir, 'NativeMessagingHosts', `${helperHostName}.json`) }];
	const file = `${helperHostName}.json`;
	return options.browsers.map((browser): Target => {
		if (platform === 'win32') {
			const vendor = { chrome: 'Google\\Chrome', chromium: 'Chromium', firefox: 'Mozilla' }[browser];
			const base = process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
			return {
				browser,
				manifest: join(base, 'mfa-session', browser, file),
				registryKey: `HKCU\\Software\\${vendor}\\NativeMessagingHosts\\${helperHostName}`,
			};
		}
		if (platform === 'darwin') {
			const folder = { chrome: 'Google/Chrome', chromium: 'Chromium', firefox: 'Mozilla' }[browser];
			return { browser, manifest: join(home, 'Library', 'Application Support', folder, 'NativeMessagingHosts', file) };
		}
		const folder = {
			chrome: '.config/google-chrome/NativeMessagingHosts',
			chromium: '.config/chromium/NativeMessagingHosts',
			firefox: '.mozilla/native-messaging-hosts',
		}[browser];
		return { browser, manifest: join(home, folder, file) };
	});
}

/** The helper being installed: the compiled executable, or the Node build's script. */
export interface HelperProgram {
	path: string;
	executable: boolean;
}

function writeLauncher(helperScript: string): string {
	const path = launcherPath(helperScript);
	const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
	const text =
		process.platform === 'win32'
			? `@"${process.execPath}" "${helperScript}" %*\r\n`
			: `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(helperScript)} "$@"\n`;
	writeFileSync(path, text, { mode: 0o755 });
	chmodSync(path, 0o755);
	return path;
}

/** The host manifest: Chromium names extensions by origin, Firefox by gecko id. */
export function hostManifest(browser: BrowserName, launcher: string, extensionIds: readonly string[]): Record<string, unknown> {
	const common = { name: helperHostName, description: 'MFA Session command-line helper', path: launcher, type: 'stdio' };
	if (browser === 'firefox') return { ...common, allowed_extensions: [geckoId] };
	const ids = [...new Set([unpackedExtensionId, ...extensionIds])];
	return { ...common, allowed_origins: ids.map((id) => `chrome-extension://${id}/`) };
}

/** Writes the launcher and every manifest; returns the lines saying what was written. */
export function install(options: InstallOptions, program: HelperProgram): string[] {
	// The executable needs no launcher: the browser starts it directly.
	const launcher = program.executable ? program.path : writeLauncher(program.path);
	const written = program.executable ? [] : [`launcher ${launcher}`];
	for (const target of targets(options)) {
		mkdirSync(dirname(target.manifest), { recursive: true });
		writeFileSync(target.manifest, `${JSON.stringify(hostManifest(target.browser, launcher, options.extensionIds), null, 2)}\n`);
		written.push(`${target.browser}: ${target.manifest}`);
		if (target.registryKey) {
			execFileSync('reg', ['add', target.registryKey, '/ve', '/t', 'REG_SZ', '/d', target.manifest, '/f'], { stdio: 'ignore' });
			written.push(`${target.browser}: ${target.registryKey}`);
		}
	}
	return written;
}

/** Removes exactly what `install` with the same options wrote (the launcher stays for other installs). */
export function uninstall(options: InstallOptions): string[] {
	const removed: string[] = [];
	for (const target of targets(options)) {
		if (existsSync(target.manifest)) {
			rmSync(target.manifest);
			removed.push(`${target.browser}: ${target.manifest}`);
		}
		if (target.registryKey) {
			try {
				execFileSync('reg', ['delete', target.registryKey, '/f'], { stdio: 'ignore' });
				removed.push(`${target.browser}: ${target.registryKey}`);
			} catch {
				// Not registered: nothing to remove.
			}
		}
	}
	return removed;
}

/** The extension ids `--extension-id` accepts: 32 letters a to p. */
export function isExtensionId(value: string): boolean {
	return /^[a-p]{32}$/.test(value);
}

export { targets as manifestTargets };
