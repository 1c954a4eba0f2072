// The benchmark: speed, size and memory of the built extension against budgets, in one headless run
// against one local STS in benchmark mode. It measures `dist/` as it is (`npm run bench` builds it
// first). `--sizes-only` checks the size budgets without a browser and writes no result files.
// Budgets missed make the exit code 1. Nothing here is random: codes come from the STS's counter.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { CDPSession, Page } from '@playwright/test';
import { adminRole, alice } from '../e2e/sts/fixtures';
import { type IssuedSession, type StsServer, startSts } from '../e2e/sts/server';
import { sign } from '../e2e/sts/sigv4';
import { distDir, type ExtensionBrowser, launchWithExtension } from '../e2e/support/launch';
import { openPage, saveProfile, saveRole, typeCode } from '../e2e/support/pages';
import { compiledPrograms, measureHelper } from './bench-helper';
import { describe, statsOf } from './bench-stats';
import { type GraphSize, measureBundles } from './bundle-size';
import { type WorkerChannel, workerChannel } from './worker-cdp';

const kib = 1024;
const runs = { refresh: 20, floor: 20, cli: 7, popup: 20, coldStart: 10, heapRefreshes: 100, roles: 20, firstRun: 3, warmup: 3 };
const budgets = {
	// Issue 25's budgets, side by side with a floor in the same run.
	overheadMs: 10,
	roleOverheadMs: 8,
	cliRatio: 10,
	// Side by side with an empty extension page in the same run (issue 25), not an absolute time.
	popupOverEmptyMs: 15,
	optionsFirstRunOverEmptyMs: 150,
	coldStartMs: 25,
	popupGzip: 10 * kib,
	// What npm test holds the popup to (`--sizes-only`) until it meets popupGzip: no change may grow it past this.
	popupGzipCeiling: 12 * kib,
	// Back to 60 KB: the STS client keeps only what the worker's calls use (vite.config.ts); see bench/size-history.md.
	workerGzip: 60 * kib,
	heapGrowth: 1024 * kib,
	helperOverNodeMs: 25,
	helperCliRatio: 5,
	helperRss: 60 * kib * kib,
	// The container-credentials endpoint of `exec` and `serve`: one GET with a live session (issue 26).
	endpointMs: 3,
};
const benchPassphrase = 'bench passphrase 1234';
const outDir = resolve(import.meta.dirname, '..', 'bench');

/** One line of the budget table. */
interface Check {
	name: string;
	value: string;
	budget: string;
	pass: boolean;
}

/** The in-page record of one code-to-credentials refresh. */
interface RefreshProbe {
	start?: number;
	end?: number;
	phase: 'idle' | 'gone' | 'new';
}

/** When, from navigation start, the popup reaches each step on its way to ready. */
interface PopupPhases {
	htmlLoaded: number;
	scriptsRun: number;
	stateAsked: number;
	stateAnswered: number;
	focused: number;
}

type ProbeWindow = Window & {
	benchRefresh: RefreshProbe;
	benchReady?: number;
	benchReadyFocused?: boolean;
	benchAsked?: number;
	benchAnswered?: number;
};

const kb = (bytes: number) => `${(bytes / kib).toFixed(1)} KB`;

/** Runs `measure` `count` times in a row after `warmup` unrecorded runs. */
async function sample(count: number, measure: () => Promise<number>, warmup = runs.warmup): Promise<number[]> {
	for (let i = 0; i < warmup; i += 1) await measure();
	const samples: number[] = [];
	for (let i = 0; i < count; i += 1) samples.push(await measure());
	return samples;
}

/** Refuses to measure a missing build, and warns about one older than the sources. */
function checkBuild(): void {
	const manifest = join(distDir, 'manifest.json');
	if (!existsSync(manifest)) throw new Error('No dist/: run `npx vite build` (or `npm run bench`, which builds) first.');
	const sources = resolve(distDir, '..', 'src');
	const newestSource = Math.max(...readdirSync(sources, { recursive: true }).map((path) => statSync(join(sources, String(path))).mtimeMs));
	if (newestSource > statSync(manifest).mtimeMs)
		console.warn('warning: dist/ is older than src/; run `npx vite build` for current figures.');
}

/** The size budgets: the popup's and the service worker's script graphs, gzip. */
function sizeChecks(sizes: readonly GraphSize[], popupBudget: number): Check[] {
	const bytesOf = (entry: string) => sizes.find((graph) => graph.entry === entry)?.gzipBytes ?? Number.NaN;
	return [
		{
			name: 'popup scripts (gzip)',
			value: kb(bytesOf('popup')),
			budget: `≤ ${kb(popupBudget)}`,
			pass: bytesOf('popup') <= popupBudget,
		},
		{
			name: 'service worker scripts (gzip)',
			value: kb(bytesOf('service worker')),
			budget: `≤ ${kb(budgets.workerGzip)}`,
			pass: bytesOf('service worker') <= budgets.workerGzip,
		},
	];
}

/** Records, inside the popup, when the sixth digit arrives and when the success status appears. */
function installRefreshProbe(): void {
	// No named inner functions: tsx keeps names with a `__name` helper the page does not have.
	const probe: RefreshProbe = { phase: 'idle' };
	(window as unknown as ProbeWindow).benchRefresh = probe;
	window.addEventListener(
		'input',
		(event) => {
			const now = performance.now();
			const field = event.target as HTMLInputElement;
			if (field.id !== 'code' || field.value.replace(/\D/g, '').length !== 6) return;
			const shown = [...document.querySelectorAll('[role=status]')].some((node) => node.textContent?.startsWith('New session'));
			Object.assign(probe, { start: now, end: undefined, phase: shown ? 'gone' : 'new' });
		},
		true,
	);
	new MutationObserver(() => {
		const shown = [...document.querySelectorAll('[role=status]')].some((node) => node.textContent?.startsWith('New session'));
		if (probe.phase === 'gone' && !shown) probe.phase = 'new';
		else if (probe.phase === 'new' && shown) Object.assign(probe, { end: performance.now(), phase: 'idle' });
	}).observe(document.body, { subtree: true, childList: true, characterData: true });
}

/** Types the STS's next code into the popup and returns the in-page time from sixth digit to success. */
async function timedRefresh(popup: Page, sts: StsServer): Promise<number> {
	await typeCode(popup, sts.benchmarkCode(alice));
	const handle = await popup.waitForFunction(() => {
		const probe = (window as unknown as ProbeWindow).benchRefresh;
		return probe.end !== undefined && probe.start !== undefined && probe.end - probe.start;
	});
	const outcome = sts.requests.at(-1)?.outcome;
	if (outcome !== 'ok') throw new Error(`the STS answered ${outcome} to the popup's refresh`);
	return (await handle.jsonValue()) as number;
}

/** The floor: a bare signed GetSessionToken POST from Node, to its answer's credentials. */
async function bareRequest(sts: StsServer): Promise<number> {
	const url = new URL(sts.url);
	const body = new URLSearchParams({
		Action: 'GetSessionToken',
		Version: '2011-06-15',
		SerialNumber: alice.mfaSerial,
		TokenCode: sts.benchmarkCode(alice),
	}).toString();
	const start = performance.now();
	const headers = { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
	const signed = sign({ method: 'POST', url: '/', headers, body }, alice, 'us-east-1', 'sts');
	const { host: _sentByFetch, ...sent } = signed.headers;
	const response = await fetch(url, { method: 'POST', headers: sent, body });
	const text = await response.text();
	const elapsed = performance.now() - start;
	if (!response.ok || !text.includes('<SessionToken>')) throw new Error(`the bare request failed: ${response.status} ${text}`);
	return elapsed;
}

/** The floor for a role: a bare AssumeRole POST from Node signed with the source's session and its token. */
async function bareAssumeRole(sts: StsServer, source: IssuedSession): Promise<number> {
	const url = new URL(sts.url);
	const body = new URLSearchParams({
		Action: 'AssumeRole',
		Version: '2011-06-15',
		RoleArn: adminRole.arn,
		RoleSessionName: 'alice',
		DurationSeconds: '3600',
	}).toString();
	const start = performance.now();
	const headers = {
		host: url.host,
		'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
		'x-amz-security-token': source.sessionToken,
	};
	const signed = sign({ method: 'POST', url: '/', headers, body }, source, 'us-east-1', 'sts');
	const { host: _sentByFetch, ...sent } = signed.headers;
	const response = await fetch(url, { method: 'POST', headers: sent, body });
	const text = await response.text();
	const elapsed = performance.now() - start;
	if (!response.ok || !text.includes('<SessionToken>')) throw new Error(`the bare AssumeRole failed: ${response.status} ${text}`);
	return elapsed;
}

/** A role's credentials from the source's live session, asked of the worker by a page: request to stored. */
async function timedRoleRefresh(page: Page, profileId: string): Promise<number> {
	return page.evaluate(async (id) => {
		const start = performance.now();
		const answer = await chrome.runtime.sendMessage({ name: 'refresh', payload: { profileId: id } });
		const elapsed = performance.now() - start;
		if (!answer?.ok) throw new Error(`the role refresh failed: ${JSON.stringify(answer?.error)}`);
		return elapsed;
	}, profileId);
}

/** A role profile on the bench profile, then role credentials from its live session against the bare AssumeRole floor. */
async function measureRoles(ext: ExtensionBrowser, page: Page, sts: StsServer) {
	const options = await openPage(ext, 'options');
	await saveRole(options, { name: 'bench-role', roleArn: adminRole.arn, source: 'bench', endpoint: sts.url });
	await options.getByRole('status').filter({ hasText: 'saved' }).waitFor();
	await options.close();
	const roleId = await page.evaluate(async () => {
		const { profiles } = await chrome.storage.local.get('profiles');
		return (profiles as { id: string; name: string }[]).find((profile) => profile.name === 'bench-role')?.id ?? '';
	});
	const source = sts.issued.filter((session) => !session.assumed).at(-1);
	if (!source) throw new Error('no source session to assume the role with');
	const role = await sample(runs.roles, () => timedRoleRefresh(page, roleId));
	const floor = await sample(runs.roles, () => bareAssumeRole(sts, source));
	return { stats: statsOf(role), floor: statsOf(floor) };
}

/** The AWS CLI binary itself, past pyenv's shell shim when there is one (the shim would only add time to its figure). */
function awsCliPath(): string {
	const shim = spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' });
	return process.env.AWS_CLI ?? (shim.status === 0 ? shim.stdout.trim() : 'aws');
}

/** One cold `aws sts get-session-token` process against the local STS, with no config of its own. */
async function cliRequest(sts: StsServer, cli: string, emptyFile: string): Promise<number> {
	const args = [
		'sts',
		'get-session-token',
		'--serial-number',
		alice.mfaSerial,
		'--token-code',
		sts.benchmarkCode(alice),
		'--endpoint-url',
		sts.url,
	];
	const env = {
		PATH: process.env.PATH ?? '',
		HOME: tmpdir(),
		AWS_ACCESS_KEY_ID: alice.accessKeyId,
		AWS_SECRET_ACCESS_KEY: alice.secretAccessKey,
		AWS_DEFAULT_REGION: 'us-east-1',
		AWS_CONFIG_FILE: emptyFile,
		AWS_SHARED_CREDENTIALS_FILE: emptyFile,
	};
	const start = performance.now();
	const { stdout } = await promisify(execFile)(cli, args, { env });
	const elapsed = performance.now() - start;
	if (!stdout.includes('SessionToken')) throw new Error(`the AWS CLI printed no session: ${stdout}`);
	return elapsed;
}

/** Records when the MFA code field gets focus and when the page first asks the worker, from an init script run before the page's. */
function installReadyProbe(): void {
	const probe = window as unknown as ProbeWindow;
	const runtime = chrome.runtime as unknown as { sendMessage: (message: unknown) => Promise<unknown> };
	const send = runtime.sendMessage.bind(runtime);
	// Wrapped to split the wait for the worker's first answer out of the total; the polyfill calls it by name.
	runtime.sendMessage = (message) => {
		probe.benchAsked ??= performance.now();
		return send(message).finally(() => {
			probe.benchAnswered ??= performance.now();
		});
	};
	window.addEventListener(
		'focusin',
		(event) => {
			if ((event.target as Element).id !== 'code' || probe.benchReady !== undefined) return;
			probe.benchReady = performance.now();
			probe.benchReadyFocused = document.activeElement?.id === 'code';
		},
		true,
	);
}

/**
 * Loads the popup afresh in `page` (a tab with the ready probe), notes its phases, and returns the
 * time from navigation start to the code field focused.
 */
async function popupReady(page: Page, extensionId: string, phases: PopupPhases[]): Promise<number> {
	await page.goto(`chrome-extension://${extensionId}/src/popup/index.html?open=${phases.length}`);
	await page.waitForFunction(() => (window as unknown as ProbeWindow).benchReady);
	const { isActive, ...phase } = await page.evaluate(() => {
		const probe = window as unknown as ProbeWindow;
		const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
		return {
			isActive: probe.benchReadyFocused,
			htmlLoaded: navigation?.responseEnd ?? Number.NaN,
			scriptsRun: navigation?.domContentLoadedEventStart ?? Number.NaN,
			stateAsked: probe.benchAsked ?? Number.NaN,
			stateAnswered: probe.benchAnswered ?? Number.NaN,
			focused: probe.benchReady ?? Number.NaN,
		};
	});
	if (!isActive) throw new Error('the code field got focus but was not the active element');
	phases.push(phase);
	return phase.focused;
}

/** Resolves when the extension's worker reaches `status`, as the ServiceWorker domain reports it. */
function workerStatus(cdp: CDPSession, extensionId: string, status: 'stopped' | 'running'): Promise<void> {
	return new Promise((done) => {
		const listener = ({ versions }: { versions: { scriptURL: string; runningStatus: string }[] }) => {
			if (!versions.some((version) => version.scriptURL.includes(extensionId) && version.runningStatus === status)) return;
			cdp.off('ServiceWorker.workerVersionUpdated', listener);
			done();
		};
		cdp.on('ServiceWorker.workerVersionUpdated', listener);
	});
}

/** Times one `getState` round trip from a page, as the page's `send` makes it. */
async function getStateRoundTrip(page: Page): Promise<number> {
	const { elapsed, ok } = await page.evaluate(async () => {
		const start = performance.now();
		const answer = (await chrome.runtime.sendMessage({ name: 'getState', payload: undefined })) as { ok?: boolean } | undefined;
		return { elapsed: performance.now() - start, ok: answer?.ok === true };
	});
	if (!ok) throw new Error('getState failed');
	return elapsed;
}

/** Stops every service worker through CDP, then times a `getState` round trip that has to wake ours. */
async function coldStart(page: Page, cdp: CDPSession, extensionId: string): Promise<number> {
	const stopped = workerStatus(cdp, extensionId, 'stopped');
	await cdp.send('ServiceWorker.stopAllWorkers');
	await stopped;
	const started = workerStatus(cdp, extensionId, 'running');
	const elapsed = await getStateRoundTrip(page);
	// A warm answer would mean the worker never stopped: the figure would not be a cold start.
	const timeout = sleep(5_000, undefined, { ref: false }).then(() => Promise.reject(new Error('the worker did not restart')));
	await Promise.race([started, timeout]);
	return elapsed;
}

/** The worker's used JS heap after two forced collections. */
async function heapAfterGc(worker: WorkerChannel): Promise<number> {
	await worker.call('HeapProfiler.collectGarbage');
	await worker.call('HeapProfiler.collectGarbage');
	return ((await worker.call('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
}

/** Saves the benchmark profile through the options page, as a person would. */
async function saveBenchProfile(ext: ExtensionBrowser, sts: StsServer): Promise<void> {
	const options = await openPage(ext, 'options');
	const { accessKeyId, secretAccessKey, mfaSerial } = alice;
	await saveProfile(options, { name: 'bench', accessKeyId, secretAccessKey, mfaSerial, endpoint: sts.url }, benchPassphrase);
	await options.getByRole('status').filter({ hasText: 'saved' }).waitFor();
	await options.close();
}

/** Code to credentials in the popup, then the same exchange bare from Node and by a cold AWS CLI. */
async function measureRefresh(popup: Page, sts: StsServer) {
	const first = await timedRefresh(popup, sts);
	const refresh = await sample(runs.refresh, () => timedRefresh(popup, sts));
	const floor = await sample(runs.floor, () => bareRequest(sts));
	const emptyDir = await mkdtemp(join(tmpdir(), 'mfa-session-bench-'));
	try {
		const emptyFile = join(emptyDir, 'empty');
		await writeFile(emptyFile, '');
		const cliPath = awsCliPath();
		const cli = await sample(runs.cli, () => cliRequest(sts, cliPath, emptyFile), 1);
		return { first: Math.round(first * 10) / 10, stats: statsOf(refresh), floor: statsOf(floor), cli: statsOf(cli), cliPath };
	} finally {
		await rm(emptyDir, { recursive: true, force: true });
	}
}

/** The worker's heap before, half-way through and after many refreshes, each after forced GC. */
async function measureHeap(ext: ExtensionBrowser, popup: Page, sts: StsServer) {
	const worker = await workerChannel(ext.context, ext.extensionId);
	const before = await heapAfterGc(worker);
	// Measured half-way too: growth that stops after the first half is warm-up (compiled code), not a leak.
	const times = await sample(runs.heapRefreshes / 2, () => timedRefresh(popup, sts), 0);
	const middle = await heapAfterGc(worker);
	times.push(...(await sample(runs.heapRefreshes / 2, () => timedRefresh(popup, sts), 0)));
	const after = await heapAfterGc(worker);
	await worker.detach();
	return { before, middle, after, growth: after - before, refreshes: runs.heapRefreshes, refreshTimes: statsOf(times) };
}

/** Popup ready times, with the median of each phase on the way. */
/** An empty page of the extension, loaded side by side with the popup: what the browser costs before any of our code. */
const emptyPage = 'bench-empty.html';

async function emptyPageLoaded(page: Page, extensionId: string): Promise<number> {
	await page.goto(`chrome-extension://${extensionId}/${emptyPage}`);
	return page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventStart);
}

async function measurePopup(ext: ExtensionBrowser) {
	const phases: PopupPhases[] = [];
	const empty: number[] = [];
	// One tab navigated again and again: a new tab would also time Playwright pausing its new renderer to set it up.
	const tab = await ext.context.newPage();
	await tab.addInitScript(installReadyProbe);
	const ready = statsOf(
		await sample(runs.popup, async () => {
			empty.push(await emptyPageLoaded(tab, ext.extensionId));
			return popupReady(tab, ext.extensionId, phases);
		}),
	);
	await tab.close();
	const phase = (name: keyof PopupPhases) => statsOf(phases.slice(-runs.popup).map((entry) => entry[name])).median;
	return {
		ready,
		empty: statsOf(empty.slice(-runs.popup)),
		phases: {
			htmlLoaded: phase('htmlLoaded'),
			scriptsRun: phase('scriptsRun'),
			stateAsked: phase('stateAsked'),
			stateAnswered: phase('stateAnswered'),
		},
	};
}

/** Records, from an init script, when the options page's profile form (its name field) first exists, checked every millisecond. */
function installFormProbe(): void {
	const probe = window as unknown as { benchForm?: number };
	const timer = setInterval(() => {
		if (!document.getElementById('name')) return;
		probe.benchForm = performance.now();
		clearInterval(timer);
	}, 1);
}

/**
 * The options page on a browser that started 1 s earlier, on its first run (a new profile folder, the
 * extension just installed): navigation start to the profile form; then an empty extension page in the
 * same browser, side by side. Each run is a browser of its own.
 */
async function measureOptionsFirstRun() {
	const ready: number[] = [];
	const empty: number[] = [];
	for (let run = 0; run < runs.firstRun; run++) {
		const started = performance.now();
		const ext = await launchWithExtension();
		try {
			await sleep(Math.max(0, 1_000 - (performance.now() - started)));
			const tab = await ext.context.newPage();
			await tab.addInitScript(installFormProbe);
			await tab.goto(`chrome-extension://${ext.extensionId}/src/options/index.html`);
			await tab.waitForFunction(() => (window as unknown as { benchForm?: number }).benchForm, undefined, { timeout: 30_000 });
			ready.push(await tab.evaluate(() => (window as unknown as { benchForm: number }).benchForm));
			empty.push(await emptyPageLoaded(tab, ext.extensionId));
		} finally {
			await ext.context.close().catch(() => {});
			await rm(ext.userDataDir, { recursive: true, force: true });
		}
	}
	return { ready: statsOf(ready), empty: statsOf(empty) };
}

/** `getState` round trips from a page to a running worker and to one stopped just before. */
async function measureColdStart(ext: ExtensionBrowser, page: Page) {
	const cdp = await ext.context.newCDPSession(page);
	await cdp.send('ServiceWorker.enable');
	const warm = await sample(runs.coldStart, () => getStateRoundTrip(page));
	const cold = await sample(runs.coldStart, () => coldStart(page, cdp, ext.extensionId), 1);
	await cdp.detach();
	return { warm: statsOf(warm), cold: statsOf(cold) };
}

/** The whole browser run, against one local STS: refresh and its baselines, heap, popup ready, cold start. */
async function measureRuntime() {
	const sts = await startSts({ users: [alice], roles: [adminRole], benchmark: true });
	await writeFile(
		join(distDir, emptyPage),
		'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>empty</title></head><body></body></html>\n',
	);
	const ext = await launchWithExtension();
	try {
		await saveBenchProfile(ext, sts);
		const popup = await openPage(ext, 'popup');
		await popup.getByLabel('MFA code').waitFor();
		await popup.evaluate(installRefreshProbe);
		const refresh = await measureRefresh(popup, sts);
		const heap = await measureHeap(ext, popup, sts);
		const popupReady = await measurePopup(ext);
		const getState = await measureColdStart(ext, popup);
		// Last: a role makes every later refresh of its source assume it too.
		const roles = await measureRoles(ext, popup, sts);
		const helper = await measureHelper(refresh.cliPath, compiledPrograms());
		const optionsFirstRun = await measureOptionsFirstRun();
		return {
			chromium: ext.context.browser()?.version() ?? 'unknown',
			refresh,
			heap,
			popup: popupReady,
			getState,
			roles,
			helper,
			optionsFirstRun,
		};
	} finally {
		await ext.context.close().catch(() => {});
		await sts.close();
		await rm(ext.userDataDir, { recursive: true, force: true });
		await rm(join(distDir, emptyPage), { force: true });
	}
}

type Runtime = Awaited<ReturnType<typeof measureRuntime>>;

/** The speed and memory budgets. */
function runtimeChecks(run: Runtime): Check[] {
	const overhead = Math.round((run.refresh.stats.median - run.refresh.floor.median) * 10) / 10;
	const roleOverhead = Math.round((run.roles.stats.median - run.roles.floor.median) * 10) / 10;
	const ratio = Math.round((run.refresh.cli.median / run.refresh.stats.median) * 10) / 10;
	const helperOverNode = Math.round((run.helper.credentials.median - run.helper.node.median) * 10) / 10;
	const helperRatio = Math.round((run.helper.awsCliStart.median / run.helper.credentials.median) * 10) / 10;
	const popupOverEmpty = Math.round((run.popup.ready.median - run.popup.empty.median) * 10) / 10;
	const optionsOverEmpty = Math.round((run.optionsFirstRun.ready.median - run.optionsFirstRun.empty.median) * 10) / 10;
	return [
		{ name: 'code → credentials, popup', value: describe(run.refresh.stats), budget: '(informative)', pass: true },
		{ name: 'floor: bare signed POST from Node', value: describe(run.refresh.floor), budget: '(informative)', pass: true },
		{ name: 'AWS CLI v1, cold process', value: describe(run.refresh.cli), budget: '(informative)', pass: true },
		{
			name: 'overhead over the floor (median)',
			value: `${overhead} ms`,
			budget: `≤ ${budgets.overheadMs} ms`,
			pass: overhead <= budgets.overheadMs,
		},
		{
			name: 'role credentials from a live source, request to stored',
			value: describe(run.roles.stats),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'floor: bare AssumeRole signed with the session, from Node',
			value: describe(run.roles.floor),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'role overhead over its floor (median)',
			value: `${roleOverhead} ms`,
			budget: `≤ ${budgets.roleOverheadMs} ms`,
			pass: roleOverhead <= budgets.roleOverheadMs,
		},
		{ name: 'AWS CLI / ours (median)', value: `${ratio}×`, budget: `≥ ${budgets.cliRatio}×`, pass: ratio >= budgets.cliRatio },
		{ name: 'popup ready (code field focused)', value: describe(run.popup.ready), budget: '(informative)', pass: true },
		{ name: 'empty extension page, side by side (floor)', value: describe(run.popup.empty), budget: '(informative)', pass: true },
		{
			name: 'popup ready over the empty page (median)',
			value: `${popupOverEmpty} ms`,
			budget: `≤ ${budgets.popupOverEmptyMs} ms`,
			pass: popupOverEmpty <= budgets.popupOverEmptyMs,
		},
		{
			name: 'options page ready, first run on a browser started 1 s earlier',
			value: describe(run.optionsFirstRun.ready),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'empty extension page in that browser (floor)',
			value: describe(run.optionsFirstRun.empty),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'options page first run over the empty page (median)',
			value: `${optionsOverEmpty} ms`,
			budget: `≤ ${budgets.optionsFirstRunOverEmptyMs} ms`,
			pass: optionsOverEmpty <= budgets.optionsFirstRunOverEmptyMs,
		},
		{ name: 'getState, warm worker', value: describe(run.getState.warm), budget: '(informative)', pass: true },
		{
			name: 'getState, worker cold start',
			value: describe(run.getState.cold),
			budget: `≤ ${budgets.coldStartMs} ms`,
			pass: run.getState.cold.median <= budgets.coldStartMs,
		},
		{ name: 'helper: `credentials` with a live session', value: describe(run.helper.credentials), budget: '(informative)', pass: true },
		{ name: "helper floor: bare `node -e ''`", value: describe(run.helper.node), budget: '(informative)', pass: true },
		{
			name: 'helper over bare node (median)',
			value: `${helperOverNode} ms`,
			budget: `≤ ${budgets.helperOverNodeMs} ms`,
			pass: helperOverNode <= budgets.helperOverNodeMs,
		},
		{ name: 'AWS CLI v1 cold start (`aws --version`)', value: describe(run.helper.awsCliStart), budget: '(informative)', pass: true },
		{
			name: 'helper executable (linux-x64): `credentials` with a live session',
			value: describe(run.helper.executable),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'floor: an empty program compiled the same way',
			value: describe(run.helper.emptyExecutable),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'helper executable over the compiled floor (median)',
			value: `${Math.round((run.helper.executable.median - run.helper.emptyExecutable.median) * 10) / 10} ms`,
			budget: '(goal ≤ 15 ms)',
			pass: true,
		},
		{
			name: 'floor: a compiled program that only asks the socket and prints the answer',
			value: describe(run.helper.socketClient),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'helper executable over the socket-client floor (median)',
			value: `${Math.round((run.helper.executable.median - run.helper.socketClient.median) * 10) / 10} ms`,
			budget: '(informative: what the helper’s own checks add)',
			pass: true,
		},
		{
			name: 'AWS CLI cold start / helper executable (median)',
			value: `${Math.round((run.helper.awsCliStart.median / run.helper.executable.median) * 10) / 10}×`,
			budget: '(goal ≥ 15×)',
			pass: true,
		},
		{
			name: 'AWS CLI cold start / helper (median)',
			value: `${helperRatio}×`,
			budget: `≥ ${budgets.helperCliRatio}×`,
			pass: helperRatio >= budgets.helperCliRatio,
		},
		{
			name: "bare node floor: AWS CLI cold start / `node -e ''` (median)",
			value: `${Math.round((run.helper.awsCliStart.median / run.helper.node.median) * 10) / 10}×`,
			budget: '(informative: no Node program can beat this)',
			pass: true,
		},
		{
			name: 'AWS CLI cold process with a real STS call / helper (median)',
			value: `${Math.round((run.refresh.cli.median / run.helper.credentials.median) * 10) / 10}×`,
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'helper endpoint (`serve`): GET with a live session, fresh connection',
			value: describe(run.helper.endpoint),
			budget: `≤ ${budgets.endpointMs} ms`,
			pass: run.helper.endpoint.median <= budgets.endpointMs,
		},
		{
			name: 'endpoint floor: bare GET to a trivial loopback server',
			value: describe(run.helper.endpointFloor),
			budget: '(informative)',
			pass: true,
		},
		{
			name: 'helper host resident memory, idle',
			value: `${(run.helper.hostRss / kib / kib).toFixed(1)} MB`,
			budget: `≤ ${budgets.helperRss / kib / kib} MB`,
			pass: run.helper.hostRss <= budgets.helperRss,
		},
		{
			name: `worker heap growth, ${run.heap.refreshes} refreshes`,
			value: `${kb(run.heap.growth)} (${kb(run.heap.before)} → ${kb(run.heap.middle)} → ${kb(run.heap.after)})`,
			budget: `< ${kb(budgets.heapGrowth)}`,
			pass: run.heap.growth < budgets.heapGrowth,
		},
	];
}

/** The budget table as Markdown. */
function table(checks: readonly Check[]): string {
	const rows = checks.map((check) => `| ${check.name} | ${check.value} | ${check.budget} | ${check.pass ? 'pass' : '**FAIL**'} |`);
	return ['| Measure | Result | Budget | |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The machine the figures come from. */
function machine(chromium: string) {
	const cpu = cpus();
	return { cpu: cpu[0]?.model.trim() ?? 'unknown', cores: cpu.length, node: process.version, chromium, date: new Date().toISOString() };
}

/** Writes `bench/results.json` and `bench/RESULTS.md`. */
async function writeResults(
	host: ReturnType<typeof machine>,
	checks: readonly Check[],
	run: Runtime,
	sizes: readonly GraphSize[],
): Promise<void> {
	await mkdir(outDir, { recursive: true });
	const results = { machine: host, budgets, runs, checks, runtime: run, sizes };
	await writeFile(join(outDir, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	const files = sizes.flatMap((graph) => graph.files.map((file) => `| ${graph.entry} | ${file.path} | ${kb(file.gzipBytes)} |`));
	const markdown = [
		'# Benchmark results',
		'',
		`${host.date} · ${host.cpu}, ${host.cores} cores · Node ${host.node} · Chromium ${host.chromium} · headless, local STS on loopback.`,
		'Written by `npm run bench` (scripts/bench.ts); times in milliseconds, measured inside the page.',
		'',
		table(checks),
		'',
		`First refresh after saving the profile (not in the samples): ${run.refresh.first} ms. During the ${run.heap.refreshes} heap refreshes: ${describe(run.heap.refreshTimes)}.`,
		`Popup phases, median ms from navigation start: HTML loaded ${run.popup.phases.htmlLoaded}, scripts run ${run.popup.phases.scriptsRun}, state asked ${run.popup.phases.stateAsked}, state answered ${run.popup.phases.stateAnswered}, code field focused ${run.popup.ready.median}.`,
		`AWS CLI: ${run.refresh.cliPath}. The helper is timed as \`credential_process\` runs it, through its launcher (${run.helper.launcher}), against a host serving a live session; the three commands run interleaved.`,
		'',
		'| Script graph | File | gzip |',
		'| --- | --- | --- |',
		...files,
		'',
		// What each change added, kept by hand beside the results and carried into every new write.
		await readFile(join(outDir, 'size-history.md'), 'utf8').catch(() => ''),
		// Where a refresh's time goes, written by `npm run trace -- --write <heading>` for each change traced.
		await readFile(join(outDir, 'trace.md'), 'utf8').catch(() => ''),
	].join('\n');
	await writeFile(join(outDir, 'RESULTS.md'), markdown);
}

/** Runs the benchmark, prints the table, and sets the exit code from the budgets. */
async function main(): Promise<void> {
	checkBuild();
	const sizes = measureBundles(distDir);
	if (process.argv.includes('--sizes-only')) {
		const checks = sizeChecks(sizes, budgets.popupGzipCeiling);
		console.log(table(checks));
		process.exitCode = checks.every((check) => check.pass) ? 0 : 1;
		return;
	}
	const run = await measureRuntime();
	const checks = [...runtimeChecks(run), ...sizeChecks(sizes, budgets.popupGzip)];
	await writeResults(machine(run.chromium), checks, run, sizes);
	console.log(table(checks));
	console.log(`\nWritten to ${join(outDir, 'RESULTS.md')} and results.json.`);
	process.exitCode = checks.every((check) => check.pass) ? 0 : 1;
}

await main();
