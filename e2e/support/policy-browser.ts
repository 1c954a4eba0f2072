// A Chromium that reads an organisation policy of the test's own, without touching the machine's:
// its launcher runs the browser in a private mount namespace where a temporary folder is bound over
// /etc/chromium, so /etc/chromium/policies/managed/ holds only this test's policy file. Needs root
// (unshare -m); other browsers on the machine, and other tests, never see this policy.

import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unpackedExtensionId } from '../../src/helper/extension-id';
import { chromiumPath } from './launch';

const machineFolder = '/etc/chromium';

export interface PolicyBrowser {
	/** The launcher to give Playwright as `executablePath`. */
	launcher: string;
	/** Replaces the policy file, as an administrator would (Chromium notices the change by itself). */
	write(policy: unknown): Promise<void>;
	remove(): Promise<void>;
}

/** The policy file's contents for this extension: Chrome's `3rdparty` → `extensions` → id. */
export function forExtension(settings: unknown): unknown {
	return { '3rdparty': { extensions: { [unpackedExtensionId]: settings } } };
}

/**
 * Writes a launcher (in `root`) that starts `browser` in a private mount namespace where `folder` is
 * bound over `over`: only that browser, and what it starts, sees the folder there.
 */
export async function launcherWithFolder(root: string, folder: string, over: string, browser: string): Promise<string> {
	const launcher = join(root, 'launch-browser');
	const bind = `mount --bind "$0" ${over} && browser="$1" && shift && exec "$browser" "$@"`;
	await writeFile(
		launcher,
		['#!/bin/sh', `exec unshare --mount --propagation private sh -c '${bind}' '${folder}' '${browser}' "$@"`, ''].join('\n'),
	);
	await chmod(launcher, 0o755);
	return launcher;
}

/** A launcher whose browser reads `policy` as machine policy. */
export async function policyBrowser(policy: unknown): Promise<PolicyBrowser> {
	const root = await mkdtemp(join(tmpdir(), 'mfa-session-policy-'));
	const etc = join(root, 'etc-chromium');
	const managed = join(etc, 'policies', 'managed');
	await mkdir(managed, { recursive: true });
	// Whatever the machine keeps there for every Chromium stays visible to this one too.
	if (existsSync(join(machineFolder, 'master_preferences')))
		await copyFile(join(machineFolder, 'master_preferences'), join(etc, 'master_preferences'));
	const file = join(managed, 'mfa-session.json');
	// Written beside, then renamed: Chromium never reads half a file.
	const write = async (next: unknown) => {
		await writeFile(`${file}.tmp`, JSON.stringify(next));
		await rename(`${file}.tmp`, file);
	};
	await write(policy);
	const launcher = await launcherWithFolder(root, etc, machineFolder, chromiumPath);
	return {
		launcher,
		write,
		remove: () => rm(root, { recursive: true, force: true }),
	};
}
