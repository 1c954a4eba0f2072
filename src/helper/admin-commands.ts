// The commands a person runs now and then: `status`, `install` and `uninstall`. Loaded only for
// them, so `credentials` starts with less to load.
import { existsSync, readFileSync } from 'node:fs';
import { version } from '../../package.json';
import { t } from '../i18n';
import { formatClock } from '../lib/time-format';
import { type BrowserName, browserNames, systemBrowserFolders, userBrowserFolders } from './browser-folders';
import { CommandError } from './credentials-command';
import { type HelperProgram, type InstallOptions, install, isExtensionId, uninstall } from './install';
import { askHelper, channelAddress } from './local-channel';
import { credentialsFilePath } from './paths';
import { bundledFile, commandPath } from './self';

interface StatusAnswer {
	ok: boolean;
	browser: string;
	pid: number;
	socket: string;
	credentialsFile: string;
	served: { profile: string; expiration: string }[];
}

/** Each browser here whose host manifest exists, and the program it starts. */
function manifestLines(): string[] {
	const lines: string[] = [];
	for (const folder of [...userBrowserFolders(), ...systemBrowserFolders()]) {
		if (!existsSync(folder.manifest)) continue;
		let path: unknown;
		try {
			path = (JSON.parse(readFileSync(folder.manifest, 'utf8')) as { path?: unknown }).path;
		} catch {
			path = undefined;
		}
		lines.push(t('helperStatusManifest', folder.label, folder.manifest, typeof path === 'string' ? path : '?'));
	}
	return lines.length > 0 ? lines : [t('helperStatusNoManifest')];
}

/** `status`: this helper's version, which browsers start which helper, who serves the channel, which sessions are live. */
export async function status(): Promise<string> {
	const lines = [t('helperStatusVersion', version, commandPath()), ...manifestLines()];
	try {
		const answer = (await askHelper({ type: 'status' }, 2_000)) as StatusAnswer;
		lines.push(t('helperStatusConnected', answer.browser, answer.pid, answer.socket));
		for (const { profile, expiration } of answer.served)
			lines.push(t('helperStatusSession', profile, `${formatClock(new Date(expiration))} (${expiration})`));
		if (answer.served.length === 0) lines.push(t('helperStatusNoSessions'));
		lines.push(t('helperStatusFile', answer.credentialsFile));
	} catch {
		lines.push(t('helperStatusNotConnected', channelAddress()), t('helperStatusFile', credentialsFilePath()));
	}
	return lines.join('\n');
}

/** Reads `--browser` and `--extension-id` (repeatable), `--user-data-dir`, `--dev` and `--system`. */
export function parseInstallOptions(args: readonly string[]): InstallOptions {
	let browsers: BrowserName[] | undefined;
	let userDataDir: string | undefined;
	const extensionIds: string[] = [];
	const flags = { dev: false, system: false };
	for (let index = 0; index < args.length; index++) {
		const flag = String(args[index]);
		if (flag === '--dev' || flag === '--system') {
			flags[flag === '--dev' ? 'dev' : 'system'] = true;
			continue;
		}
		const value = args[++index];
		if (value === undefined || value.startsWith('--')) throw new CommandError(t('helperMissingValue', flag));
		if (flag === '--browser') {
			if (value !== 'all' && !browserNames.includes(value as BrowserName))
				throw new CommandError(t('helperBadBrowser', browserNames.join(', ')));
			browsers = value === 'all' ? undefined : [...(browsers ?? []), value as BrowserName];
		} else if (flag === '--user-data-dir') userDataDir = value;
		else if (flag === '--extension-id') {
			if (!isExtensionId(value)) throw new CommandError(t('helperBadExtensionId', value));
			extensionIds.push(value);
		} else throw new CommandError(t('helperUnknownOption', flag));
	}
	return { browsers, userDataDir, extensionIds, ...flags };
}

/** `install`: the helper, the manifests, and the browsers left out. */
export function installCommand(args: readonly string[], program: HelperProgram): string {
	const { written, skipped } = install(parseInstallOptions(args), program);
	return [
		t('helperWrote'),
		...written.map((line) => `  ${line}`),
		...(skipped.length > 0 ? [t('helperSkipped', skipped.join(', '))] : []),
		t('helperInstallNext'),
	].join('\n');
}

/** `uninstall`: removes what `install` recorded. */
export function uninstallCommand(args: readonly string[]): string {
	const removed = uninstall(parseInstallOptions(args));
	return removed.length === 0 ? t('helperNothingRemoved') : [t('helperRemoved'), ...removed.map((line) => `  ${line}`)].join('\n');
}

/** `notices`: the third-party notices embedded in an executable (its runtime's components and licenses). */
export function notices(): string {
	const file = bundledFile('THIRD_PARTY_NOTICES.txt');
	if (!existsSync(file)) throw new CommandError(t('helperNoNotices'));
	return readFileSync(file, 'utf8').trimEnd();
}
