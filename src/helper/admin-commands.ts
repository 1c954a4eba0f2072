// The commands a person runs now and then: `status`, `install` and `uninstall`. Loaded only for
// them, so `credentials` starts with less to load.
import { t } from '../i18n';
import { formatClock } from '../lib/time-format';
import { CommandError } from './credentials-command';
import { type BrowserName, browserNames, type HelperProgram, type InstallOptions, install, isExtensionId, uninstall } from './install';
import { askHelper, channelAddress } from './local-channel';
import { credentialsFilePath } from './paths';

interface StatusAnswer {
	ok: boolean;
	browser: string;
	pid: number;
	socket: string;
	credentialsFile: string;
	served: { profile: string; expiration: string }[];
}

/** `status`: who serves the channel, which sessions are live, where files go. */
export async function status(): Promise<string> {
	const lines: string[] = [];
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

/** Reads `--browser`, `--user-data-dir` and `--extension-id` (repeatable). */
export function parseInstallOptions(args: readonly string[]): InstallOptions {
	let browsers: readonly BrowserName[] = browserNames;
	let userDataDir: string | undefined;
	const extensionIds: string[] = [];
	for (let index = 0; index < args.length; index += 2) {
		const [flag, value] = [args[index], args[index + 1]];
		if (value === undefined || value.startsWith('--')) throw new CommandError(t('helperMissingValue', String(flag)));
		if (flag === '--browser') {
			if (value !== 'all' && !browserNames.includes(value as BrowserName)) throw new CommandError(t('helperBadBrowser'));
			browsers = value === 'all' ? browserNames : [value as BrowserName];
		} else if (flag === '--user-data-dir') userDataDir = value;
		else if (flag === '--extension-id') {
			if (!isExtensionId(value)) throw new CommandError(t('helperBadExtensionId', value));
			extensionIds.push(value);
		} else throw new CommandError(t('helperUnknownOption', String(flag)));
	}
	return { browsers, userDataDir, extensionIds };
}

/** `install`: the manifests and what they point at. */
export function installCommand(args: readonly string[], program: HelperProgram): string {
	return [t('helperWrote'), ...install(parseInstallOptions(args), program).map((line) => `  ${line}`), t('helperInstallNext')].join('\n');
}

/** `uninstall`: removes what `install` with the same options wrote. */
export function uninstallCommand(args: readonly string[]): string {
	const removed = uninstall(parseInstallOptions(args));
	return removed.length === 0 ? t('helperNothingRemoved') : [t('helperRemoved'), ...removed.map((line) => `  ${line}`)].join('\n');
}
