// Which helper download and which install command the options page shows, for the person's own
// system (runtime.getPlatformInfo) and this extension's own id. Pure, so it is tested without a browser.

/** Where the release's helper executables are downloaded from; set at release time with the store ids. */
export const helperDownloadBase = 'https://mfa-session.app/download/';

/** What runtime.getPlatformInfo says, as far as it matters here. */
export interface Platform {
	os: string;
	arch: string;
}

/** The file for this system and the command that installs it, or undefined where no build runs. */
export function helperDownload(platform: Platform, extensionId: string): { file: string; url: string; command: string } | undefined {
	const system = { linux: 'linux', mac: 'darwin', win: 'windows' }[platform.os];
	// Windows on ARM runs the x86-64 build under its emulation; 32-bit systems have none.
	const arch =
		platform.arch === 'arm64' && system !== 'windows'
			? 'arm64'
			: platform.arch === 'x86-64' || (platform.arch === 'arm64' && system === 'windows')
				? 'x64'
				: undefined;
	if (!system || !arch) return undefined;
	const file = `mfa-session-helper-${system}-${arch}${system === 'windows' ? '.exe' : ''}`;
	// Chromium's ids are 32 letters a to p; Firefox knows the add-on by its gecko id, which the helper has built in.
	const id = /^[a-p]{32}$/.test(extensionId) ? ` --extension-id ${extensionId}` : '';
	const command =
		system === 'windows'
			? `"%USERPROFILE%\\Downloads\\${file}" install${id}`
			: `chmod +x ~/Downloads/${file} && ~/Downloads/${file} install${id}`;
	return { file, url: `${helperDownloadBase}${file}`, command };
}
