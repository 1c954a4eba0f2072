// Regions and endpoint kinds as the built extension offers them, checked against the AWS SDK's
// own data, and the one-time notice for profiles an upgrade moved to the regional endpoint.

import type { Page } from '@playwright/test';
import { excludedRegions, sdkPartitions, servedPartitions } from '../scripts/aws-regions';
import { alice, expect, test } from './support/fixtures';
import { launchWithExtension } from './support/launch';
import { openPage } from './support/pages';

test('the region list is every region the SDK knows in the served partitions, each with the kinds AWS runs', async ({ ext }) => {
	const options = await openPage(ext, 'options');
	const region = options.getByLabel('Region');
	const kinds = options.getByLabel('AWS endpoint');
	const known = sdkPartitions()
		.filter(({ id }) => (servedPartitions as readonly string[]).includes(id))
		.flatMap((partition) => Object.keys(partition.regions).filter((id) => !id.endsWith('-global') && !(id in excludedRegions)));
	// evaluateAll does not wait: the form renders once the worker's first answer arrives.
	await expect(region.locator('option[value="eu-west-1"]')).toHaveCount(1);
	const offered = await region.locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
	expect(offered.sort()).toEqual(known.sort());
	await expect(region.locator('optgroup')).toHaveCount(servedPartitions.length);
	await expect(region.locator('option[value="eu-west-1"]')).toHaveText('eu-west-1 – Europe (Ireland)');

	await region.selectOption('af-south-1');
	await expect(kinds.locator('option')).toHaveText(['Regional (sts.af-south-1.amazonaws.com)']);
	await expect(options.getByText(/version 2 tokens/)).toHaveCount(0);
	await region.selectOption('eu-west-1');
	await expect(kinds.locator('option')).toHaveText(['Regional (sts.eu-west-1.amazonaws.com)', 'Global (sts.amazonaws.com)']);
	await expect(kinds).toHaveAccessibleDescription(/valid in all AWS Regions/);
	await region.selectOption('ca-central-1');
	await expect(kinds.locator('option')).toHaveText(['Regional (sts.ca-central-1.amazonaws.com)', 'Global (sts.amazonaws.com)']);
	await region.selectOption('eusc-de-east-1');
	await expect(kinds.locator('option')).toHaveText(['Regional (sts.eusc-de-east-1.amazonaws.eu)']);
});

test('an upgrade moves "global" in an opt-in region and FIPS where AWS runs none to regional, and says why once', async ({ ext }) => {
	const profile = { accessKeyId: alice.accessKeyId, mfaSerial: alice.mfaSerial, durationSeconds: 3600 };
	// The new install's own first run stamps the schema; the older data is written after it.
	await expect
		.poll(() => ext.worker.evaluate(async () => (await chrome.storage.local.get('schemaVersion')).schemaVersion))
		.toEqual(expect.any(Number));
	await ext.worker.evaluate(async (base) => {
		await chrome.storage.local.clear();
		await chrome.storage.local.set({
			schemaVersion: 2,
			profiles: [
				{ ...base, id: 'p1', name: 'cape', region: 'af-south-1', endpointKind: 'global' },
				{ ...base, id: 'p2', name: 'calgary', region: 'ca-west-1', endpointKind: 'fips' },
				{ ...base, id: 'p3', name: 'ireland', region: 'eu-west-1', endpointKind: 'global' },
			],
		});
	}, profile);
	// The browser starts again with the new version: its worker's first run upgrades the storage.
	await ext.context.close();
	const again = await launchWithExtension({ userDataDir: ext.userDataDir });
	try {
		await movedOnce(await openPage(again, 'options'));
	} finally {
		await again.context.close();
	}
});

/** The options page after the upgrade: the notice, the moved profiles, and silence on the next visit. */
async function movedOnce(options: Page) {
	const notice = options.getByRole('status').filter({ hasText: 'Endpoints changed by this update' });
	await expect(notice).toContainText('“cape” now uses the regional STS endpoint of af-south-1 instead of the global one.');
	await expect(notice).toContainText('“calgary” now uses the regional STS endpoint of ca-west-1: AWS runs no STS FIPS endpoint');
	await expect(notice).not.toContainText('ireland');
	await options.getByLabel('Profile to edit').selectOption({ label: 'cape' });
	await expect(options.getByLabel('AWS endpoint')).toHaveValue('regional');
	await options.getByLabel('Profile to edit').selectOption({ label: 'ireland' });
	await expect(options.getByLabel('AWS endpoint')).toHaveValue('global');

	const stored = await options.evaluate(() => chrome.storage.local.get(null));
	expect(stored.schemaVersion).toBeGreaterThanOrEqual(3);
	expect(stored.endpointNotice).toBeUndefined();
	expect((stored.profiles as { endpointKind?: string }[]).map((saved) => saved.endpointKind)).toEqual([undefined, undefined, 'global']);

	await options.reload();
	await expect(options.getByLabel('Profile to edit')).toBeVisible();
	await expect(options.getByText('Endpoints changed by this update')).toHaveCount(0);
}
