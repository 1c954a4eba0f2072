// Where each browser keeps its profiles and reads native messaging host manifests, per system
// (Chromium's chrome_paths and each vendor's documentation). A manifest is written only for a
// browser whose profile folder exists: a browser never run here has nowhere to read it from.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { helperHostName } from '../lib/helper-protocol';

export type BrowserName =
	| 'chrome'
	| 'chrome-beta'
	| 'chrome-dev'
	| 'chrome-canary'
	| 'chromium'
	| 'edge'
	| 'edge-beta'
	| 'edge-dev'
	| 'brave'
	| 'vivaldi'
	| 'opera'
	| 'arc'
	| 'firefox';

/** One browser's place on this system. */
export interface BrowserFolder {
	browser: BrowserName;
	label: string;
	/** Firefox names extensions by gecko id; every other browser by origin. */
	firefox: boolean;
	/** Any of these existing means the browser has run here (empty for system-wide places). */
	profiles: string[];
	/** The manifest file itself. */
	manifest: string;
	/** On Windows: the registry key whose default value names the manifest. */
	registryKey?: string;
}

const labels: Record<BrowserName, string> = {
	chrome: 'Google Chrome',
	'chrome-beta': 'Google Chrome Beta',
	'chrome-dev': 'Google Chrome Dev',
	'chrome-canary': 'Google Chrome Canary',
	chromium: 'Chromium',
	edge: 'Microsoft Edge',
	'edge-beta': 'Microsoft Edge Beta',
	'edge-dev': 'Microsoft Edge Dev',
	brave: 'Brave',
	vivaldi: 'Vivaldi',
	opera: 'Opera',
	arc: 'Arc',
	firefox: 'Firefox',
};

export const browserNames = Object.keys(labels) as BrowserName[];

const file = `${helperHostName}.json`;

function folder(browser: BrowserName, profiles: string[], manifestFolder: string, registryKey?: string): BrowserFolder {
	return { browser, label: labels[browser], firefox: browser === 'firefox', profiles, manifest: join(manifestFolder, file), registryKey };
}

/** A Chromium-family browser whose manifests sit in `<user data dir>/NativeMessagingHosts`. */
const inProfile = (browser: BrowserName, userData: string) => folder(browser, [userData], join(userData, 'NativeMessagingHosts'));

/** Every browser's per-user place on this system. */
export function userBrowserFolders(platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = homedir()): BrowserFolder[] {
	if (platform === 'win32') {
		const local = env.LOCALAPPDATA ?? join(home, 'AppData', 'Local');
		const manifests = join(local, 'MFA Session', 'manifests');
		const key = (vendor: string) => `HKCU\\Software\\${vendor}\\NativeMessagingHosts\\${helperHostName}`;
		const chromium = (browser: BrowserName, vendor: string, data: string) =>
			folder(browser, [join(local, data, 'User Data')], join(manifests, browser), key(vendor));
		return [
			chromium('chrome', 'Google\\Chrome', 'Google\\Chrome'),
			chromium('chromium', 'Chromium', 'Chromium'),
			chromium('edge', 'Microsoft\\Edge', 'Microsoft\\Edge'),
			chromium('brave', 'BraveSoftware\\Brave-Browser', 'BraveSoftware\\Brave-Browser'),
			chromium('vivaldi', 'Vivaldi', 'Vivaldi'),
			folder(
				'firefox',
				[join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Mozilla', 'Firefox')],
				join(manifests, 'firefox'),
				key('Mozilla'),
			),
		];
	}
	if (platform === 'darwin') {
		const support = join(home, 'Library', 'Application Support');
		return [
			inProfile('chrome', join(support, 'Google', 'Chrome')),
			inProfile('chrome-beta', join(support, 'Google', 'Chrome Beta')),
			inProfile('chrome-dev', join(support, 'Google', 'Chrome Dev')),
			inProfile('chrome-canary', join(support, 'Google', 'Chrome Canary')),
			inProfile('chromium', join(support, 'Chromium')),
			inProfile('edge', join(support, 'Microsoft Edge')),
			inProfile('brave', join(support, 'BraveSoftware', 'Brave-Browser')),
			inProfile('vivaldi', join(support, 'Vivaldi')),
			inProfile('arc', join(support, 'Arc', 'User Data')),
			folder('firefox', [join(support, 'Firefox')], join(support, 'Mozilla', 'NativeMessagingHosts')),
		];
	}
	const config = env.XDG_CONFIG_HOME || join(home, '.config');
	return [
		inProfile('chrome', join(config, 'google-chrome')),
		inProfile('chrome-beta', join(config, 'google-chrome-beta')),
		inProfile('chrome-dev', join(config, 'google-chrome-unstable')),
		inProfile('chromium', join(config, 'chromium')),
		inProfile('edge', join(config, 'microsoft-edge')),
		inProfile('edge-beta', join(config, 'microsoft-edge-beta')),
		inProfile('edge-dev', join(config, 'microsoft-edge-dev')),
		inProfile('brave', join(config, 'BraveSoftware', 'Brave-Browser')),
		inProfile('vivaldi', join(config, 'vivaldi')),
		inProfile('opera', join(config, 'opera')),
		// Firefox reads ~/.mozilla/native-messaging-hosts even where its profiles moved to XDG folders.
		folder('firefox', [join(home, '.mozilla'), join(config, 'mozilla')], join(home, '.mozilla', 'native-messaging-hosts')),
	];
}

/** The system-wide places an administrator installs for every user (root or Administrator). */
export function systemBrowserFolders(platform = process.platform, env: NodeJS.ProcessEnv = process.env): BrowserFolder[] {
	if (platform === 'win32') {
		const manifests = join(env.ProgramFiles ?? 'C:\\Program Files', 'MFA Session', 'manifests');
		const key = (vendor: string) => `HKLM\\Software\\${vendor}\\NativeMessagingHosts\\${helperHostName}`;
		return [
			folder('chrome', [], join(manifests, 'chrome'), key('Google\\Chrome')),
			folder('chromium', [], join(manifests, 'chromium'), key('Chromium')),
			folder('edge', [], join(manifests, 'edge'), key('Microsoft\\Edge')),
			folder('firefox', [], join(manifests, 'firefox'), key('Mozilla')),
		];
	}
	if (platform === 'darwin')
		return [
			folder('chrome', [], '/Library/Google/Chrome/NativeMessagingHosts'),
			folder('chromium', [], '/Library/Application Support/Chromium/NativeMessagingHosts'),
			folder('edge', [], '/Library/Microsoft/Edge/NativeMessagingHosts'),
			folder('firefox', [], '/Library/Application Support/Mozilla/NativeMessagingHosts'),
		];
	return [
		folder('chrome', [], '/etc/opt/chrome/native-messaging-hosts'),
		folder('chromium', [], '/etc/chromium/native-messaging-hosts'),
		folder('edge', [], '/etc/opt/edge/native-messaging-hosts'),
		folder('firefox', [], '/usr/lib/mozilla/native-messaging-hosts'),
	];
}

/** Where the installed helper and the record of what was written live. */
export function installFolder(
	system: boolean,
	platform = process.platform,
	env: NodeJS.ProcessEnv = process.env,
	home = homedir(),
): string {
	if (platform === 'win32')
		return system
			? join(env.ProgramFiles ?? 'C:\\Program Files', 'MFA Session')
			: join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'MFA Session');
	if (platform === 'darwin')
		return system ? '/Library/Application Support/MFA Session' : join(home, 'Library', 'Application Support', 'MFA Session');
	return system ? '/usr/local/lib/mfa-session' : join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mfa-session');
}
