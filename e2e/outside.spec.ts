// Messages from outside the extension. A web page has no messaging API for it at all; another
// extension has one, and its `runtime.sendMessage` to our id goes to `onMessageExternal`, which the
// extension never registers, and the manifest has no `externally_connectable` to open that door.
// (That the worker also drops messages whose sender is not this extension is unit-tested, lib/sender.)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aliceProfile, closeAndScan, expect, passphrase, secretsOf, test } from './support/fixtures';
import { distDir, launchWithExtension, pathExtensionId } from './support/launch';
import { openPage, saveProfile } from './support/pages';

test('another extension gets "Receiving end does not exist", and the manifest lets no one else connect', async ({ sts }) => {
	const manifest = JSON.parse(await readFile(join(distDir, 'manifest.json'), 'utf8'));
	expect(manifest).not.toHaveProperty('externally_connectable');

	const other = await mkdtemp(join(tmpdir(), 'mfa-session-other-extension-'));
	await writeFile(
		join(other, 'manifest.json'),
		JSON.stringify({ manifest_version: 3, name: 'Another extension', version: '1.0', background: { service_worker: 'worker.js' } }),
	);
	await writeFile(join(other, 'worker.js'), '// Sends messages from the tests.\n');
	const both = `${distDir},${other}`;
	const ext = await launchWithExtension({ args: [`--disable-extensions-except=${both}`, `--load-extension=${both}`] });
	try {
		const options = await openPage(ext, 'options');
		await saveProfile(options, aliceProfile(sts), passphrase);
		await expect(options.getByRole('status')).toContainText('saved');

		const otherId = pathExtensionId(other);
		const otherWorker =
			ext.context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${otherId}/`)) ??
			(await ext.context.waitForEvent('serviceworker', {
				predicate: (worker) => worker.url().startsWith(`chrome-extension://${otherId}/`),
			}));
		const answers = await otherWorker.evaluate(async (target) => {
			const attempts = [{ name: 'getState' }, { name: 'unlock', payload: { passphrase: 'guess guess guess' } }, { name: 'exportSession' }];
			return Promise.all(
				attempts.map((message) =>
					chrome.runtime.sendMessage(target, message).then(
						(answer) => `answered: ${JSON.stringify(answer)}`,
						(error: Error) => `refused: ${error.message}`,
					),
				),
			);
		}, ext.extensionId);
		expect(answers).toEqual(Array(3).fill('refused: Could not establish connection. Receiving end does not exist.'));
		// The guess was never counted: nothing reached the vault.
		expect(await ext.worker.evaluate(async () => (await chrome.storage.local.get('unlockFailures')).unlockFailures)).toBeUndefined();
	} finally {
		await closeAndScan(ext, secretsOf(sts));
		await rm(other, { recursive: true, force: true });
	}
});
