// The command-line helper's entry: started by the browser as a native messaging host, or by a
// person or a tool with a command. It only wires. `credentials` runs on every AWS CLI call, so
// everything else is loaded only when asked for, and the messages only when one is printed.
import { readFileSync } from 'node:fs';
import { installMessages, type Messages } from '../lib/english-messages';
import { CommandError, credentials } from './credentials-command';
import { bundledFile, commandPath, isExecutable, selfPath } from './self';

installMessages(() => JSON.parse(readFileSync(bundledFile('messages.json'), 'utf8')) as Messages);
const [command, ...args] = process.argv.slice(2);

/** Chromium passes the caller's origin; Firefox the manifest's path and the add-on's id. */
const startedByBrowser = command?.startsWith('chrome-extension://') || (command?.endsWith('.json') && args.length > 0);

const usage = [
	'mfa-session-helper install [--extension-id ID]... [--browser NAME]... [--user-data-dir DIR] [--dev] [--system]',
	'mfa-session-helper uninstall [--browser NAME]... [--user-data-dir DIR] [--system]',
	'mfa-session-helper status',
	'mfa-session-helper credentials PROFILE [--wait SECONDS]',
	'mfa-session-helper notices',
].join('\n');

async function run(): Promise<string> {
	if (command === 'credentials') return credentials(args);
	const admin = await import('./admin-commands');
	switch (command) {
		case 'status':
			return admin.status();
		case 'install':
			return admin.installCommand(args, { path: selfPath(), executable: isExecutable() });
		case 'uninstall':
			return admin.uninstallCommand(args);
		case 'notices':
			return admin.notices();
		default:
			throw new CommandError(usage);
	}
}

if (startedByBrowser) {
	void import('./host').then(({ runHost }) => runHost(command ?? '', commandPath()));
} else {
	run().then(
		(output) => process.stdout.write(`${output}\n`),
		(error: unknown) => {
			process.stderr.write(`${error instanceof CommandError ? error.message : `mfa-session-helper: ${String(error)}`}\n`);
			process.exitCode = 1;
		},
	);
}
