// The scans themselves, shown to fail: secrets planted in the service worker's and the popup's
// console, and on disk in forms a plain search misses (base64, inside a Snappy-compressed LevelDB
// table), are all found. Without these, a scan that looks in the wrong place would pass forever.
import { readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { expect, test } from './support/fixtures';
import { launchWithExtension } from './support/launch';
import { openPage } from './support/pages';
import { findInDirectory, secretsInText } from './support/scan';

const planted = 'planted-secret-9f3c1e7a-do-not-log';

test('a secret in the worker’s or the popup’s console is caught, including one logged just before the browser closes', async () => {
	const ext = await launchWithExtension();
	try {
		await ext.worker.evaluate((secret) => console.log('worker says', secret), `${planted}-worker`);
		const popup = await openPage(ext, 'popup');
		await popup.evaluate((secret) => console.warn(btoa(secret)), `${planted}-popup`);
		// An object whose value Playwright reads asynchronously, logged as the browser closes.
		await popup.evaluate((secret) => console.log({ nested: secret }), `${planted}-late`);
	} finally {
		await ext.close();
	}
	const browserLog = await readFile(ext.consoleFile, 'utf8');
	// The browser's own log alone has the worker's and the popup's messages, from wherever they came.
	expect(secretsInText([browserLog], [`${planted}-worker`, `${planted}-popup`])).toEqual(['plan… as UTF-8', 'plan… as base64']);
	expect(secretsInText(ext.consoleLog, [`${planted}-late`])).toEqual(['plan… as UTF-8']);
	await rm(ext.userDataDir, { recursive: true, force: true });
	await rm(dirname(ext.consoleFile), { recursive: true, force: true });
});

test('a secret on disk is caught in base64 and inside a Snappy-compressed LevelDB table', async () => {
	const ext = await launchWithExtension();
	const [half, rest] = [planted.slice(0, 20), planted.slice(20)];
	try {
		// Repeated, so LevelDB's Snappy turns the second copy of `half` into a back-reference: the
		// secret is then nowhere in the table as plain bytes.
		await ext.worker.evaluate(
			async ([value, encoded]) => chrome.storage.local.set({ plantedCompressed: value, plantedEncoded: encoded }),
			[`${half}|${'x'.repeat(64)}|${half}${rest}|${'y'.repeat(64)}`, btoa(`${planted}-encoded`)],
		);
		// A few megabytes more make LevelDB write its memory table out as a compressed table file.
		await ext.worker.evaluate(async () => {
			for (let index = 0; index < 6; index += 1) {
				const filler = Array.from({ length: 1_200_000 }, () => Math.floor(Math.random() * 36).toString(36)).join('');
				await chrome.storage.local.set({ [`filler${index}`]: filler });
			}
		});
	} finally {
		await ext.close();
	}
	const found = await findInDirectory(ext.userDataDir, [planted, `${planted}-encoded`]);
	expect(found.some((line) => /\.ldb \(Snappy\): plan… as UTF-8$/.test(line))).toBe(true);
	expect(found.some((line) => /: plan… as base64$/.test(line))).toBe(true);
	expect(found.filter((line) => /\.ldb: plan… as UTF-8$/.test(line))).toEqual([]);
	for (const dir of [ext.userDataDir, dirname(ext.consoleFile)]) await rm(dir, { recursive: true, force: true });
});
