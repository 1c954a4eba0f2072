// Registering the helper with the browsers. The executable copies itself to one stable place
// (installFolder) and every manifest names that copy; the Node build from a checkout gets a launcher
// that runs it with the Node that installed it (a browser started from the desktop has no shell
// PATH, so nothing may depend on one). What was written is recorded beside it, and `uninstall`
// removes exactly that.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { t } from '../i18n';
import { helperHostName } from '../lib/helper-protocol';
import { type BrowserFolder, type BrowserName, installFolder, systemBrowserFolders, userBrowserFolders } from './browser-folders';
import { CommandError } from './credentials-command';
import { geckoId, storeExtensionIds, unpackedExtensionId } from './extension-id';
import { copyFileAtomic, createFolder, type InstallRecord, readRecord, writeFileAtomic } from './install-files';
import { launcherPath } from './self';

export interface InstallOptions {
	/** Only these browsers; otherwise every one whose profile folder exists. */
	browsers?: readonly BrowserName[];
	/** One Chromium user data directory instead of the browsers' own places. */
	userDataDir?: string;
	/** Extension ids allowed besides the store ids the release knows. */
	extensionIds: readonly string[];
	/** Also allow the unpacked build's id, which any developer-mode extension can claim. */
	dev: boolean;
	/** The system-wide places, for every user, instead of this user's. */
	system: boolean;
}

/** The helper being installed: the compiled executable, or the Node build's script. */
export interface HelperProgram {
	path: string;
	executable: boolean;
}

/** The ids a Chromium manifest allows: the release's store ids, `--extension-id`s, the unpacked build's with `--dev`. */
export function allowedIds(options: Pick<InstallOptions, 'extensionIds' | 'dev'>): string[] {
	return [...new Set([...storeExtensionIds, ...options.extensionIds, ...(options.dev ? [unpackedExtensionId] : [])])];
}

/** The host manifest: Chromium names extensions by origin, Firefox by gecko id. */
export function hostManifest(firefox: boolean, path: string, ids: readonly string[]): Record<string, unknown> {
	const common = { name: helperHostName, description: 'MFA Session command-line helper', path, type: 'stdio' };
	if (firefox) return { ...common, allowed_extensions: [geckoId] };
	return { ...common, allowed_origins: ids.map((id) => `chrome-extension://${id}/`) };
}

/** The places this install writes to, and the browsers left out because they never ran here. */
export function installTargets(
	options: InstallOptions,
	platform = process.platform,
): { targets: BrowserFolder[]; skipped: BrowserFolder[] } {
	if (options.userDataDir) {
		const manifest = join(options.userDataDir, 'NativeMessagingHosts', `${helperHostName}.json`);
		return { targets: [{ browser: 'chromium', label: options.userDataDir, firefox: false, profiles: [], manifest }], skipped: [] };
	}
	const all = options.system ? systemBrowserFolders(platform) : userBrowserFolders(platform);
	const chosen = all.filter((folder) => !options.browsers || options.browsers.includes(folder.browser));
	// A browser asked for by name gets its manifest even before its first run.
	const found = (folder: BrowserFolder) => options.system || options.browsers || folder.profiles.some((profile) => existsSync(profile));
	return { targets: chosen.filter(found), skipped: chosen.filter((folder) => !found(folder)) };
}

function writeLauncher(helperScript: string): string {
	const path = launcherPath(helperScript);
	const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
	const text =
		process.platform === 'win32'
			? `@"${process.execPath}" "${helperScript}" %*\r\n`
			: `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(helperScript)} "$@"\n`;
	writeFileAtomic(path, text, 0o755);
	return path;
}

/** Copies the executable (or writes the launcher), then every manifest; returns the lines saying what was written. */
export function install(options: InstallOptions, program: HelperProgram): { written: string[]; skipped: string[] } {
	const { targets, skipped } = installTargets(options);
	const ids = allowedIds(options);
	if (ids.length === 0 && targets.some((target) => !target.firefox)) throw new CommandError(t('helperNoExtensionId'));
	const folder = installFolder(options.system);
	const record = readRecord(folder);
	const created: string[] = [];
	let command: string;
	if (program.executable) {
		command = join(folder, process.platform === 'win32' ? 'mfa-session-helper.exe' : 'mfa-session-helper');
		created.push(...copyFileAtomic(program.path, command, 0o755));
		record.executable = command;
	} else {
		command = writeLauncher(program.path);
		record.launcher = command;
	}
	const written = [`${program.executable ? 'helper' : 'launcher'} ${command}`];
	for (const target of targets) {
		created.push(...writeFileAtomic(target.manifest, `${JSON.stringify(hostManifest(target.firefox, command, ids), null, 2)}\n`, 0o644));
		written.push(`${target.label}: ${target.manifest}`);
		if (target.registryKey) {
			execFileSync('reg', ['add', target.registryKey, '/ve', '/t', 'REG_SZ', '/d', target.manifest, '/f'], { stdio: 'ignore' });
			written.push(`${target.label}: ${target.registryKey}`);
		}
		record.manifests = [
			...record.manifests.filter((entry) => entry.path !== target.manifest),
			{ browser: target.browser, label: target.label, path: target.manifest, registryKey: target.registryKey },
		];
	}
	created.push(...createFolder(folder));
	record.folders = [...new Set([...record.folders, ...created])];
	writeFileAtomic(join(folder, 'installed.json'), `${JSON.stringify(record, null, 2)}\n`, 0o644);
	return { written, skipped: skipped.map((target) => target.label) };
}

/**
 * Removes what `install` recorded: the manifests (only those of `--browser`, or under
 * `--user-data-dir`, when given), and once none is left the helper, its launcher and the record.
 */
export function uninstall(options: InstallOptions): string[] {
	const folder = installFolder(options.system);
	const record = readRecord(folder);
	const chosen = (entry: InstallRecord['manifests'][number]) =>
		options.userDataDir
			? entry.path.startsWith(join(options.userDataDir, 'NativeMessagingHosts'))
			: !options.browsers || options.browsers.includes(entry.browser);
	const removed: string[] = [];
	for (const entry of record.manifests.filter(chosen)) {
		if (existsSync(entry.path)) {
			rmSync(entry.path);
			removed.push(`${entry.label}: ${entry.path}`);
		}
		if (entry.registryKey) {
			try {
				execFileSync('reg', ['delete', entry.registryKey, '/f'], { stdio: 'ignore' });
				removed.push(`${entry.label}: ${entry.registryKey}`);
			} catch {
				// Not registered: nothing to remove.
			}
		}
	}
	record.manifests = record.manifests.filter((entry) => !chosen(entry));
	if (record.manifests.length > 0) {
		writeFileAtomic(join(folder, 'installed.json'), `${JSON.stringify(record, null, 2)}\n`, 0o644);
		return removed;
	}
	for (const path of [record.executable, record.launcher, join(folder, 'installed.json')]) {
		if (path && existsSync(path)) {
			rmSync(path);
			if (path !== join(folder, 'installed.json')) removed.push(path);
		}
	}
	// Deepest first, and only those left empty: a folder someone put something in stays.
	for (const created of [...record.folders, folder].sort((a, b) => b.length - a.length))
		if (existsSync(created) && readdirSync(created).length === 0) rmdirSync(created);
	return removed;
}

/** The extension ids `--extension-id` accepts: 32 letters a to p. */
export function isExtensionId(value: string): boolean {
	return /^[a-p]{32}$/.test(value);
}
