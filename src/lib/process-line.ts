// The `credential_process` line the options page shows for a profile the helper serves. botocore
// splits the line itself (shlex's POSIX rules; on Windows the C runtime's), the JavaScript SDK hands
// it to a shell (sh; cmd.exe on Windows): the helper's path is quoted so that both run that path,
// whatever spaces, quotes or `$` it holds.
import { quotePosix } from './export-formats';

/** The helper's path as the first word of the line, for the platform the helper runs on. */
export function commandWord(path: string, platform: string): string {
	// Windows paths hold no `"`; inside double quotes cmd.exe still expands %NAME%, which no quoting prevents.
	if (platform === 'win32') return /^[\w\\:.-]+$/.test(path) ? path : `"${path}"`;
	return quotePosix(path);
}

/** The `~/.aws/config` lines for a profile: `command` is the helper's own, already quoted. */
export function processConfigLines(command: string, profile: string): string {
	return `[profile ${profile}]\ncredential_process = ${command} ${profile}\n`;
}
