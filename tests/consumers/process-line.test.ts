// The credential_process line the options page shows, run by the real readers: the built helper,
// copied into a folder whose name holds a space, a single quote and `$`, installed there, started
// as the browser starts it and serving a session; boto3 (botocore's shlex split) and the JavaScript
// SDK (a shell) then run the line the helper's `hello` gave, as pasted into ~/.aws/config.
import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readBoto3ConfigProfile, readJsConfigProfile } from '../../e2e/consumers/read';
import { helperScript, privateHome, type RunningHost, startHost } from '../../e2e/support/host-driver';
import { commandWord, processConfigLines } from '../../src/lib/process-line';

const session = {
	accessKeyId: 'ASIAEXAMPLEPROCESS01',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
	expiration: new Date(Date.now() + 3_600_000).toISOString(),
};

const run = promisify(execFile);
const hosts: RunningHost[] = [];
afterAll(async () => {
	await Promise.all(hosts.map((host) => host.stop()));
});

describe('the credential_process line', () => {
	it("runs the helper from a path with a space, a quote and $ in both botocore's split and the JavaScript SDK's shell", async () => {
		const { home, env } = await privateHome();
		const folder = join(home, "it's a $HOME dir", 'dist-helper');
		await mkdir(dirname(folder), { recursive: true });
		await cp(dirname(helperScript), folder, { recursive: true });
		const script = join(folder, 'helper.cjs');
		// Installed from the copy, as a person would from a checkout there: the launcher is written beside it.
		const installed = await run(process.execPath, [script, 'install', '--dev', '--user-data-dir', join(home, 'profile')], { env });
		expect(installed.stderr).toBe('');
		const host = startHost(env, script);
		hosts.push(host);
		host.send({ id: 1, type: 'hello', protocol: 1 });
		const hello = (await host.next((message) => message.id === 1, 'hello')) as { info: { command: string } };
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session });
		await host.next((message) => message.id === 2, 'serve answer');
		const config = processConfigLines(hello.info.command, 'work');
		const channel = { XDG_RUNTIME_DIR: env.XDG_RUNTIME_DIR ?? '' };
		const expected = { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
		expect(await readBoto3ConfigProfile(config, 'work', channel)).toMatchObject(expected);
		expect(await readJsConfigProfile(config, 'work', channel)).toMatchObject(expected);
		// The line as it reads: the path, quoted only as much as it needs.
		expect(hello.info.command).toBe(`${commandWord(join(folder, 'mfa-session-helper'), process.platform)} credentials`);
	}, 60_000);
});

describe('commandWord', () => {
	it('leaves a plain path bare and quotes any other for the platform', () => {
		expect(commandWord('/home/alice/mfa-session/dist-helper/mfa-session-helper', 'linux')).toBe(
			'/home/alice/mfa-session/dist-helper/mfa-session-helper',
		);
		expect(commandWord("/home/a b/it's $HOME/mfa-session-helper", 'darwin')).toBe("'/home/a b/it'\\''s $HOME/mfa-session-helper'");
		expect(commandWord('C:\\Users\\alice\\mfa\\mfa-session-helper.cmd', 'win32')).toBe('C:\\Users\\alice\\mfa\\mfa-session-helper.cmd');
		expect(commandWord('C:\\Users\\Alice Smith\\mfa\\mfa-session-helper.cmd', 'win32')).toBe(
			'"C:\\Users\\Alice Smith\\mfa\\mfa-session-helper.cmd"',
		);
	});
});
