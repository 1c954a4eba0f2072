// Organisation policy in Firefox: firefox-esr reads `policies.json` from its installation's
// `distribution` folder, and hands the `3rdparty` → `Extensions` → add-on id section to the add-on
// as `browser.storage.managed`. The browser runs in a private mount namespace with a temporary
// folder bound over that `distribution` folder (e2e/support/policy-browser.ts), so the machine's Firefox
// never sees this policy. Needs root, as the Chromium policy tests do.
// Run: `npm run test:firefox-policy` (builds dist-firefox first).
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launcherWithFolder } from '../e2e/support/policy-browser';
import { geckoId as addonId } from '../src/helper/extension-id';

const distDir = resolve(import.meta.dirname, '..', 'dist-firefox');
const distribution = '/usr/share/firefox-esr/distribution';
const settings = {
	presetProfiles: [{ name: 'team', region: 'eu-west-1' }],
	allowedExportFormats: ['.env'],
	maxSessionSeconds: 60,
	supportContact: { text: 'IT desk', url: 'https://help.example.com/aws' },
};

const root = await mkdtemp(join(tmpdir(), 'mfa-session-firefox-policy-'));
const folder = join(root, 'distribution');
await mkdir(folder);
// What the package keeps there (search engines) stays visible to this Firefox too.
await cp(distribution, folder, { recursive: true });
await writeFile(join(folder, 'policies.json'), JSON.stringify({ policies: { '3rdparty': { Extensions: { [addonId]: settings } } } }));
process.env.FIREFOX_PATH = await launcherWithFolder(root, folder, distribution, '/usr/lib/firefox-esr/firefox-esr');
// Read after FIREFOX_PATH is set: the driver takes the browser's path when it loads.
const { launchFirefox } = await import('./bidi');
const { addonConsole, freePort } = await import('./rdp');

const debuggerPort = await freePort();
const firefox = await launchFirefox({}, debuggerPort);
let failure: unknown;
try {
	await firefox.send('webExtension.install', { extensionData: { type: 'path', path: distDir } });
	const addon = await addonConsole(debuggerPort, addonId);
	// The console's evaluation does not wait for promises: each answer is left on the page and polled.
	const settle = async (expression: string, what: string): Promise<unknown> => {
		const slot = `__answer${Math.random().toString(36).slice(2)}`;
		await addon.evaluate(
			`void Promise.resolve(${expression}).then((v) => { globalThis.${slot} = { v }; }, (e) => { globalThis.${slot} = { e: String(e) }; })`,
		);
		for (let tries = 0; tries < 150; tries++) {
			const answer = (await addon.evaluate(`globalThis.${slot}`)) as { v?: unknown; e?: string } | null;
			if (answer) return answer.e === undefined ? answer.v : Promise.reject(new Error(`${what}: ${answer.e}`));
			await new Promise((done) => setTimeout(done, 100));
		}
		throw new Error(`timed out waiting for ${what}`);
	};
	const same = (a: unknown, b: unknown, what: string) => {
		if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${what}: got ${JSON.stringify(a)}, expected ${JSON.stringify(b)}`);
		console.log(`- ${what}`);
	};
	try {
		same(await settle('browser.storage.managed.get(null)', 'managed storage'), settings, 'browser.storage.managed holds the policy');
		const stored = async () =>
			(await settle(`browser.storage.local.get(['profiles', 'preferences'])`, 'stored settings')) as {
				profiles?: { name: string; managed?: boolean }[];
				preferences?: { exportFormat?: string };
			};
		let local = await stored();
		for (let tries = 0; tries < 50 && !local.profiles?.length; tries++) local = await stored();
		same(
			local.profiles?.map(({ name, managed }) => ({ name, managed })),
			[{ name: 'team', managed: true }],
			'the preset profile was created',
		);
		same(local.preferences?.exportFormat, 'dotenv', 'the preference moved to the one allowed format');
		// A page's request, sent from an extension tab as the options page sends it.
		await settle(`browser.tabs.create({ url: '/src/options/index.html' })`, 'the options tab');
		const fromPage = (name: string, payload: unknown) =>
			settle(
				`new Promise((done) => { const poll = () => { const page = browser.extension.getViews({ type: 'tab' })[0]; if (page?.document.readyState === 'complete') done(page.browser.runtime.sendMessage(${JSON.stringify({ name, payload })})); else setTimeout(poll, 100); }; poll(); })`,
				name,
			);
		const refused = (await fromPage('setPreferences', { exportFormat: 'bash' })) as {
			ok: boolean;
			error?: { kind?: string; message?: string };
		};
		same([refused.ok, refused.error?.kind], [false, 'policy'], 'the worker refuses a forbidden format');
		same(refused.error?.message?.endsWith('Help: IT desk (https://help.example.com/aws).'), true, 'the refusal names the support contact');
		const state = (await fromPage('getState', undefined)) as { value: { policyProblems: string[] } };
		same(
			state.value.policyProblems,
			['Policy value maxSessionSeconds is 60, outside 900 to 129600; it is not applied.'],
			'the problem is reported',
		);
	} finally {
		addon.close();
	}
} catch (error) {
	failure = error;
}
await firefox.close();
await rm(root, { recursive: true, force: true });
if (failure) {
	console.error(`FAILED: ${failure instanceof Error ? failure.message : String(failure)}`);
	process.exit(1);
}
console.log('PASSED: Firefox reads the policy from policies.json and the add-on enforces it');
