// The demo's world, shared by `npm start` and its end-to-end test: a local STS with one IAM user
// and a browser whose extension already holds that user's profile.

import { alice } from '../sts/fixtures';
import { type StsServer, startSts } from '../sts/server';
import type { ExtensionBrowser } from './launch';
import { launchWithExtension } from './launch';
import { openPage, saveProfile } from './pages';

/** The demo vault's passphrase: printed in the terminal, never a real secret. */
export const demoPassphrase = 'demo passphrase 1234';

/** A running demo. */
export interface Demo {
	sts: StsServer;
	ext: ExtensionBrowser;
	user: typeof alice;
	close: () => Promise<void>;
}

/** Starts the local STS and a browser with the demo profile saved through the options page. */
export async function startDemo(options: { headless: boolean; userDataDir?: string }): Promise<Demo> {
	const sts = await startSts({ users: [alice] });
	const ext = await launchWithExtension({ headless: options.headless, userDataDir: options.userDataDir });
	const page = await openPage(ext, 'options');
	await saveProfile(
		page,
		{ name: 'demo', accessKeyId: alice.accessKeyId, secretAccessKey: alice.secretAccessKey, mfaSerial: alice.mfaSerial, endpoint: sts.url },
		demoPassphrase,
	);
	await page.getByRole('status').filter({ hasText: 'saved' }).waitFor();
	return {
		sts,
		ext,
		user: alice,
		close: async () => {
			await ext.close().catch(() => {});
			await sts.close();
		},
	};
}
