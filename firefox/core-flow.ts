// The core flow in Firefox, as the Chromium e2e test lives it: a profile on the options page, a code
// in the popup, a session from the local STS. Drives Debian's firefox-esr: WebDriver BiDi launches it
// and installs the add-on; BiDi cannot reach extension pages (bugzil.la/1755014), so the pages are
// driven from the add-on's background page through Firefox's debugger protocol, as a person's
// typing would: values set on the labelled fields, with the `input` events Preact listens to.
// Run: `npm run test:firefox` (builds dist-firefox first).
import { resolve } from 'node:path';
import { alice } from '../e2e/sts/fixtures';
import { startSts } from '../e2e/sts/server';
import { findInDirectory, secretsInText } from '../e2e/support/scan';
import { geckoId as addonId } from '../src/helper/extension-id';
import { type Firefox, launchFirefox } from './bidi';
import { type AddonConsole, addonConsole, freePort } from './rdp';

const distDir = resolve(import.meta.dirname, '..', 'dist-firefox');
const passphrase = 'correct horse battery staple';

/** An expression for the open extension tab at this path, from the background page. */
function view(path: string): string {
	return `browser.extension.getViews({ type: 'tab' }).find((v) => v.location.pathname === ${JSON.stringify(path)})`;
}

/** Polls an expression about the page until it is truthy; on timeout, says what the page's status and alerts showed. */
async function waitFor(addon: AddonConsole, path: string, condition: string, what: string): Promise<void> {
	const inPage = (body: string) =>
		`(() => { const page = ${view(path)}; if (!page || page.document.readyState !== 'complete') return false; const document = page.document; return ${body}; })()`;
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline) {
		if (await addon.evaluate(inPage(condition))) return;
		await new Promise((done) => setTimeout(done, 100));
	}
	const shown = await addon.evaluate(
		inPage(`[...document.querySelectorAll('[role=status],[role=alert]')].map((e) => e.textContent).join(' | ')`),
	);
	throw new Error(`timed out waiting for ${what}; the page shows: ${String(shown || '(nothing)')}`);
}

/** A condition: an element with the role contains the text. */
function roleHasText(role: string, text: string): string {
	return `[...document.querySelectorAll('[role=${role}]')].some((e) => e.textContent.includes(${JSON.stringify(text)}))`;
}

/** Opens an extension page in a new tab and waits until it has rendered a form. */
async function open(addon: AddonConsole, path: string): Promise<void> {
	await addon.evaluate(`void browser.tabs.create({ url: ${JSON.stringify(path)} })`);
	await waitFor(addon, path, `document.querySelector('form') !== null`, `${path} to render`);
}

/** Types values into the fields with these visible labels, firing the `input` events Preact listens to. */
async function fillByLabel(addon: AddonConsole, path: string, values: Record<string, string>): Promise<void> {
	const labels = JSON.stringify(Object.keys(values));
	await waitFor(
		addon,
		path,
		`${labels}.every((text) => [...document.querySelectorAll('label')].some((l) => l.textContent.trim() === text))`,
		`fields ${labels}`,
	);
	await addon.evaluate(`(() => {
		const page = ${view(path)};
		for (const [text, value] of Object.entries(${JSON.stringify(values)})) {
			const field = [...page.document.querySelectorAll('label')].find((l) => l.textContent.trim() === text).control;
			field.focus();
			field.value = value;
			field.dispatchEvent(new page.InputEvent('input', { bubbles: true, data: value, inputType: 'insertText' }));
		}
	})()`);
}

/** Clicks the button with this visible text. */
async function clickButton(addon: AddonConsole, path: string, name: string): Promise<void> {
	await addon.evaluate(
		`[...${view(path)}.document.querySelectorAll('button')].find((b) => b.textContent.trim() === ${JSON.stringify(name)}).click()`,
	);
}

/** Fails with a message unless the condition holds. */
function check(condition: boolean, message: string): void {
	if (!condition) throw new Error(message);
}

/** The flow itself, step by step, each step logged so a failure shows how far it got. */
async function coreFlow(
	firefox: Firefox,
	debuggerPort: number,
	stsUrl: string,
	freshCode: () => string,
	okCount: () => number,
): Promise<void> {
	const step = (text: string) => console.log(`- ${text}`);
	const installed = await firefox.send<{ extension: string }>('webExtension.install', { extensionData: { type: 'path', path: distDir } });
	check(installed.extension === addonId, `installed ${installed.extension}, expected ${addonId}`);
	step(`installed ${installed.extension} from ${distDir} (BiDi webExtension.install)`);
	const addon = await addonConsole(debuggerPort, addonId);
	try {
		step(`background page reached: ${await addon.evaluate('location.href')}`);
		const options = '/src/options/index.html';
		await open(addon, options);
		step('options page open');
		await fillByLabel(addon, options, {
			'Profile name': 'work',
			'Access key ID': alice.accessKeyId,
			'Secret access key': alice.secretAccessKey,
			'MFA device ARN or serial number': alice.mfaSerial,
			'STS endpoint': stsUrl,
			Passphrase: passphrase,
			'Confirm passphrase': passphrase,
		});
		await clickButton(addon, options, 'Save profile');
		await waitFor(addon, options, roleHasText('status', 'saved'), 'the profile to be saved');
		step('profile saved');

		const popup = '/src/popup/index.html';
		await open(addon, popup);
		step('popup page open (in a tab)');
		await fillByLabel(addon, popup, { 'MFA code': freshCode() });
		await waitFor(addon, popup, roleHasText('status', 'New session'), 'a new session');
		check(okCount() === 1, `the STS granted ${okCount()} GetSessionToken requests, expected 1`);
		step('new session from the local STS: exactly one GetSessionToken answered ok');
	} finally {
		addon.close();
	}
}

/** Runs the flow against a fresh STS and Firefox, prints extension errors, and exits non-zero on failure. */
async function main(): Promise<void> {
	const sts = await startSts({ users: [alice] });
	const debuggerPort = await freePort();
	const firefox = await launchFirefox({}, debuggerPort);
	console.log(`Firefox ${firefox.version}, BiDi session open, debugger server on ${debuggerPort}`);
	let failure: unknown;
	try {
		await coreFlow(
			firefox,
			debuggerPort,
			sts.url,
			() => sts.freshCode(alice),
			() => sts.requests.filter((request) => request.action === 'GetSessionToken' && request.outcome === 'ok').length,
		);
	} catch (error) {
		failure = error;
	}
	const extensionLines = firefox.output.filter((line) => /moz-extension:|mfa-session@/i.test(line));
	// Every secret the flow made or saw, in every encoding, in the console and in the profile on disk
	// (sessionstore's mozLz4 files, which keep open tabs' form fields, uncompressed first).
	const secrets = [alice.secretAccessKey, passphrase, ...sts.issued.flatMap((session) => [session.secretAccessKey, session.sessionToken])];
	const inConsole = secretsInText([...firefox.output, ...firefox.log], secrets);
	let onDisk: string[] = [];
	await firefox.close(async (profile) => {
		onDisk = await findInDirectory(profile, secrets);
	});
	await sts.close();
	if (extensionLines.length > 0) console.log(`Firefox output about the extension:\n${extensionLines.join('\n')}`);
	if (inConsole.length > 0) failure ??= new Error(`secrets in the console: ${inConsole.join(', ')}`);
	if (onDisk.length > 0) failure ??= new Error(`secrets in the profile on disk:\n${onDisk.join('\n')}`);
	if (failure) {
		console.error(`FAILED: ${failure instanceof Error ? failure.message : String(failure)}`);
		process.exit(1);
	}
	console.log('PASSED: the core flow works in Firefox');
}

await main();
