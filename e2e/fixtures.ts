// Playwright fixtures: a local STS that checks what AWS checks, and a fresh browser with the
// built extension for every test.
import { rm } from 'node:fs/promises';
import { test as base } from '@playwright/test';
import { type ExtensionBrowser, launchWithExtension } from './launch';
import { alice, rootUser } from './sts/fixtures';
import { type StsServer, startSts } from './sts/server';
import { totpAt } from './sts/totp';

export { expect } from '@playwright/test';

/** The profile form values for the fixture IAM user, pointing at the local STS. */
export function aliceProfile(sts: StsServer, name = 'work') {
	return { name, accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfaSerial, endpoint: sts.url };
}

/** The current MFA code of a fixture user, or the one `steps` periods ahead. */
export function codeFor(user: { totpSecret: string }, steps = 0): string {
	return totpAt(user.totpSecret, Date.now() + steps * 30_000);
}

export const test = base.extend<{ sts: StsServer; ext: ExtensionBrowser }>({
	// biome-ignore lint/correctness/noEmptyPattern: Playwright reads fixture dependencies from this pattern.
	sts: async ({}, use) => {
		const sts = await startSts({ users: [alice, rootUser] });
		await use(sts);
		await sts.close();
	},
	// biome-ignore lint/correctness/noEmptyPattern: as above.
	ext: async ({}, use) => {
		const ext = await launchWithExtension();
		await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await use(ext);
		await ext.context.close();
		await rm(ext.userDataDir, { recursive: true, force: true });
	},
});

export { alice, rootUser };
