// What the helper's specs share: a private home with the host installed for the test's browser,
// and the AWS CLI run against the local STS as a person would run it in a terminal.
import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildExecutable } from '../../scripts/build-helper-executable.ts';
import { hostTarget } from '../../scripts/bun-runtimes.ts';
import { python } from '../consumers/read';
import type { StsServer } from '../sts/server';
import { alice, aliceProfile, expect, type LaunchOptions, passphrase, test } from './fixtures';
import { privateHome, runHelper } from './host-driver';
import type { ExtensionBrowser } from './launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './pages';

export type Home = Awaited<ReturnType<typeof privateHome>>;

/** Installs the host into a browser profile inside the private home, and starts the browser with that home. */
export async function helperLaunch(home: Home): Promise<LaunchOptions> {
	const userDataDir = join(home.home, 'chromium-profile');
	const installed = await runHelper(['install', '--dev', '--user-data-dir', userDataDir], home.env);
	expect(installed.stderr).toBe('');
	return { userDataDir, env: home.env };
}

/** Every test gets a private home, credentials file and runtime folder, and the host installed for its browser. */
export const helperTest = test
	.extend<{ home: Home }>({
		// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
		home: async ({}, use) => use(await privateHome()),
	})
	.extend({
		extensionLaunch: async ({ home }, use) => use(await helperLaunch(home)),
	});

/** The folder of the PATH without Node that installExecutable made in the private home. */
export const withoutNode = (home: Home) => join(home.home, 'bin-without-node');

/** A PATH with every program of /usr/bin but Node: what the browser, and the helper it starts, may run. */
async function pathWithoutNode(home: Home): Promise<string> {
	const bin = withoutNode(home);
	await mkdir(bin, { recursive: true });
	for (const name of await readdir('/usr/bin'))
		if (!/^(node|nodejs|npm|npx|corepack)$/.test(name)) await symlink(join('/usr/bin', name), join(bin, name));
	return bin;
}

/**
 * Builds the release's executable for this machine into the private home, as a download, and runs
 * its own `install` with these arguments and a PATH without Node; returns where it copied itself.
 */
export async function installExecutable(home: Home, args: readonly string[]) {
	const target = hostTarget();
	if (!target) throw new Error('no helper executable is built for this machine');
	const program = buildExecutable(target, join(home.home, 'download'));
	const env = { ...home.env, PATH: await pathWithoutNode(home) };
	const run = await new Promise<{ stdout: string; stderr: string }>((done) =>
		execFile(program, ['install', ...args], { env }, (_error, stdout, stderr) => done({ stdout, stderr })),
	);
	return { ...run, installed: join(home.home, '.local', 'share', 'mfa-session', 'mfa-session-helper') };
}

/** The AWS CLI v1 run as a person would in a terminal, with only these files. */
export function awsCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
	return new Promise((done) => {
		execFile(python(), ['-m', 'awscli', ...args], { env, timeout: 90_000 }, (error, stdout, stderr) =>
			done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

/** The environment the AWS CLI runs in: the private home, this config file, no instance metadata, one attempt. */
export async function awsEnv(home: Home, config = ''): Promise<NodeJS.ProcessEnv> {
	const configFile = join(home.home, 'aws-config');
	await writeFile(configFile, config);
	return { ...home.env, AWS_CONFIG_FILE: configFile, AWS_EC2_METADATA_DISABLED: 'true', AWS_MAX_ATTEMPTS: '1' };
}

/** `aws sts get-caller-identity` against the local STS, which verifies the signature. */
export async function callerIdentity(sts: StsServer, env: NodeJS.ProcessEnv) {
	return awsCli(['sts', 'get-caller-identity', '--profile', 'work', '--endpoint-url', sts.url, '--region', 'us-east-1'], env);
}

/** Saves the fixture profile and picks its command-line mode on the options page. */
export async function chooseMode(ext: ExtensionBrowser, sts: StsServer, mode: string) {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	await options.getByRole('radio', { name: mode }).check();
	return options;
}

/** A new session from the popup; returns once the extension's own calls that follow it are done. */
export async function newSession(ext: ExtensionBrowser, sts: StsServer) {
	const popup = await openPage(ext, 'popup');
	await typeCode(popup, await sts.lastingCode(alice));
	await expectNewSession(popup);
	await afterSessionCalls(sts);
	return popup;
}

/**
 * Waits for the calls the extension makes on its own after a new session, who it acts as
 * (GetCallerIdentity) and how old its key is (ListAccessKeys), so that a test counting requests
 * from here on sees only its own.
 */
export async function afterSessionCalls(sts: StsServer): Promise<void> {
	const since = () => {
		const actions = sts.requests.map((request) => request.action);
		return actions.slice(actions.lastIndexOf('GetSessionToken') + 1);
	};
	await expect
		.poll(() => ['GetCallerIdentity', 'ListAccessKeys'].every((action) => since().includes(action)), {
			message: 'the extension learns who the session acts as and how old its key is',
		})
		.toBe(true);
}

/** The extension's own popups and popup windows open now, as the browser lists them. */
export function openPrompts(ext: ExtensionBrowser): Promise<string[]> {
	return ext.worker.evaluate(async () =>
		(await chrome.runtime.getContexts({}))
			.filter((context) => context.documentUrl?.includes('/src/popup/index.html'))
			.map((context) => context.contextType),
	);
}

/**
 * Waits until the extension has opened its prompt (the toolbar popup, or a small window where the
 * popup is refused), then returns a popup page to type into. Playwright cannot drive the toolbar
 * popup itself, so the code goes into the same popup page opened in a tab: it shows the same
 * prompt, read from the same state.
 */
export async function prompt(ext: ExtensionBrowser, timeout = 10_000): Promise<Page> {
	await expect.poll(() => openPrompts(ext), { timeout, message: 'the extension opens its popup' }).toHaveLength(1);
	return openPage(ext, 'popup');
}
