// The command-line helper's entry: started by the browser as a native messaging host, or by a
// person or a tool with a command. It only wires.
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { installEnglishMessages } from '../lib/english-messages';
import { CommandError, credentials, installCommand, status, uninstallCommand } from './commands';
import { runHost } from './host';
import { launcherPath } from './install';

installEnglishMessages();
const [command, ...args] = process.argv.slice(2);
const script = fileURLToPath(import.meta.url);

/** Chromium passes the caller's origin; Firefox the manifest's path and the add-on's id. */
const startedByBrowser = command?.startsWith('chrome-extension://') || (command?.endsWith('.json') && args.length > 0);

async function run(): Promise<string> {
	switch (command) {
		case 'credentials':
			return credentials(args);
		case 'status':
			return status();
		case 'install':
			return installCommand(args, script);
		case 'uninstall':
			return uninstallCommand(args);
		default:
			throw new CommandError(usage);
	}
}

const usage = [
	'mfa-session-helper install [--browser chrome|chromium|firefox|all] [--user-data-dir DIR] [--extension-id ID]',
	'mfa-session-helper uninstall [the same options]',
	'mfa-session-helper status',
	'mfa-session-helper credentials PROFILE [--wait SECONDS]',
].join('\n');

if (startedByBrowser) {
	void runHost(command ?? '', `${launcherPath(script)} credentials`, version);
} else {
	run().then(
		(output) => process.stdout.write(`${output}\n`),
		(error: unknown) => {
			process.stderr.write(`${error instanceof CommandError ? error.message : `mfa-session-helper: ${String(error)}`}\n`);
			process.exitCode = 1;
		},
	);
}
