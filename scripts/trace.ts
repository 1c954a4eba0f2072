// Where one code-to-credentials refresh spends its time, traced in the built extension: every
// storage, permission, crypto and network call the worker makes (wrapped in place, with the time it
// took), the page's message round trip around them, and a CPU profile of the worker. `npm run trace`
// builds an unminified copy into dist-trace/ so the profile names functions; the numbers are for
// comparing two builds on one machine, not for budgets (that is `npm run bench`).
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { alice } from '../e2e/sts/fixtures';
import { startSts } from '../e2e/sts/server';
import { launchWithExtension } from '../e2e/support/launch';
import { openPage, saveProfile, typeCode } from '../e2e/support/pages';
import { statsOf } from './bench-stats';
import { workerChannel } from './worker-cdp';

const refreshes = 10;
const warmup = 3;

interface Span {
	label: string;
	start: number;
	ms: number;
}

/**
 * Wraps the extension APIs the worker awaits, recording each call; runs inside the worker (and the page).
 */
function installSpans(): void {
	const spans: Span[] = [];
	(globalThis as unknown as { traceSpans: Span[] }).traceSpans = spans;
	const wrap = (owner: Record<string, unknown>, method: string, label: (args: unknown[]) => string) => {
		const original = owner[method] as (...args: unknown[]) => unknown;
		owner[method] = (...args: unknown[]) => {
			// On one clock for the page and the worker, so the page's round trip sits on the worker's timeline.
			const start = performance.timeOrigin + performance.now();
			const record = () => spans.push({ label: label(args), start, ms: performance.timeOrigin + performance.now() - start });
			const last = args.at(-1);
			// The polyfill calls Chrome's APIs with a callback last; fetch and WebCrypto return promises.
			if (typeof last === 'function') {
				args[args.length - 1] = (...results: unknown[]) => {
					record();
					return (last as (...results: unknown[]) => unknown)(...results);
				};
				return original.apply(owner, args);
			}
			const result = original.apply(owner, args);
			if (result instanceof Promise) result.then(record, record);
			else record();
			return result;
		};
	};
	const keysOf = (value: unknown) =>
		typeof value === 'string'
			? value
			: Array.isArray(value)
				? value.join(',')
				: value && typeof value === 'object'
					? Object.keys(value).join(',')
					: 'all';
	const api = (globalThis as unknown as { chrome: Record<string, Record<string, Record<string, unknown>>> }).chrome;
	for (const area of ['local', 'session'] as const) {
		const storage = api.storage?.[area] as Record<string, unknown> | undefined;
		if (!storage) continue;
		for (const method of ['get', 'set', 'remove']) wrap(storage, method, (args) => `storage.${area}.${method}(${keysOf(args[0])})`);
	}
	if (api.permissions) wrap(api.permissions as unknown as Record<string, unknown>, 'contains', () => 'permissions.contains');
	if (api.runtime)
		wrap(
			api.runtime as unknown as Record<string, unknown>,
			'sendMessage',
			(args) => `message ${(args[0] as { name?: string })?.name ?? ''}`,
		);
	wrap(
		globalThis as unknown as Record<string, unknown>,
		'fetch',
		(args) => `fetch ${new URL(String((args[0] as Request)?.url ?? args[0])).pathname}`,
	);
	const subtle = crypto.subtle as unknown as Record<string, unknown>;
	for (const method of ['importKey', 'deriveKey', 'decrypt', 'encrypt', 'sign', 'digest']) wrap(subtle, method, () => `crypto.${method}`);
}

/** The spans recorded since the last call (run inside the worker or the page). */
function spliceSpans(): Span[] {
	const spans = (globalThis as unknown as { traceSpans: Span[] }).traceSpans;
	return spans.splice(0, spans.length);
}

// tsx names inner functions through a `__name` helper that only Node has.
const nameHelper = 'globalThis.__name = (fn) => fn';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

/** Milliseconds of CPU per function (self time), from a CDP profile's samples. */
function selfTimes(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): Map<string, number> {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const times = new Map<string, number>();
	profile.samples.forEach((id, index) => {
		const frame = byId.get(id)?.callFrame;
		if (!frame) return;
		const file = frame.url.split('/').at(-1) ?? '';
		const name = frame.functionName || (frame.url ? `(anonymous) ${file}:${frame.lineNumber + 1}` : '(program)');
		const label = frame.url && frame.functionName ? `${name} (${file})` : name;
		times.set(label, (times.get(label) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000);
	});
	return times;
}

/** A Markdown table. */
function markdownTable(head: readonly string[], rows: readonly string[][]): string {
	return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

const round = (ms: number) => (Math.round(ms * 100) / 100).toFixed(2);

async function main(): Promise<void> {
	const sts = await startSts({ users: [alice], benchmark: true });
	const ext = await launchWithExtension({ extensionDir: resolve(import.meta.dirname, '..', 'dist-trace') });
	try {
		const options = await openPage(ext, 'options');
		const { accessKeyId, secretAccessKey, mfaSerial } = alice;
		await saveProfile(options, { name: 'trace', accessKeyId, secretAccessKey, mfaSerial, endpoint: sts.url }, 'trace passphrase 1234');
		await options.getByRole('status').filter({ hasText: 'saved' }).waitFor();
		await options.close();
		const popup = await openPage(ext, 'popup');
		await popup.getByLabel('MFA code').waitFor();
		const refresh = async () => {
			await typeCode(popup, sts.benchmarkCode(alice));
			await popup.getByRole('status').filter({ hasText: 'New session' }).waitFor();
			await popup
				.getByRole('status')
				.filter({ hasText: 'New session' })
				.evaluate((node) => node.remove());
		};
		for (let i = 0; i < warmup; i += 1) await refresh();
		await ext.worker.evaluate(nameHelper);
		await ext.worker.evaluate(installSpans);
		await popup.evaluate(nameHelper);
		await popup.evaluate(installSpans);
		const cdp = await workerChannel(ext.context, ext.extensionId);
		await cdp.call('Profiler.enable');
		await cdp.call('Profiler.setSamplingInterval', { interval: 50 });
		await cdp.call('Profiler.start');
		const perRefresh: { page: Span[]; worker: Span[] }[] = [];
		for (let i = 0; i < refreshes; i += 1) {
			await ext.worker.evaluate(spliceSpans);
			await popup.evaluate(spliceSpans);
			await refresh();
			perRefresh.push({ page: await popup.evaluate(spliceSpans), worker: await ext.worker.evaluate(spliceSpans) });
		}
		const { profile } = (await cdp.call('Profiler.stop')) as { profile: Parameters<typeof selfTimes>[0] };
		await cdp.detach();
		const text = report(perRefresh, selfTimes(profile));
		console.log(text);
		const heading = process.argv[process.argv.indexOf('--write') + 1];
		if (process.argv.includes('--write') && heading) {
			const file = resolve(import.meta.dirname, '..', 'bench', 'trace.md');
			const before = await readFile(file, 'utf8').catch(() => "# Where a refresh's time goes (npm run trace)\n");
			await writeFile(file, `${before.trimEnd()}\n\n## ${heading}\n\n${text.replace(/^## .*\n\n/, '')}\n`);
		}
	} finally {
		await ext.close();
		await sts.close();
	}
}

function report(perRefresh: { page: Span[]; worker: Span[] }[], cpu: Map<string, number>): string {
	const lines: string[] = [];
	const print = (text: string) => lines.push(text);
	const roundTrips = perRefresh.map(({ page }) => page.find((span) => span.label === 'message refresh')?.ms ?? Number.NaN);
	const labels = [...new Set(perRefresh.flatMap(({ worker }) => worker.map((span) => span.label)))];
	const rows = labels.map((label) => {
		const calls = perRefresh.map(({ worker }) => worker.filter((span) => span.label === label));
		const total = statsOf(calls.map((list) => list.reduce((sum, span) => sum + span.ms, 0)));
		return [label, String(calls[0]?.length ?? 0), round(total.median)];
	});
	rows.sort((a, b) => Number(b[2]) - Number(a[2]));
	print(`## One refresh, traced (${refreshes} refreshes after ${warmup} unrecorded; medians)\n`);
	print(`Page → worker → page round trip of \`refresh\`: ${round(statsOf(roundTrips).median)} ms.\n`);
	print(markdownTable(['call the worker awaited', 'calls per refresh', 'ms per refresh'], rows));
	const [first] = perRefresh;
	if (first) {
		const sent = first.page.find((span) => span.label === 'message refresh');
		const page = sent ? [{ ...sent, label: 'the page sends `refresh` … and has its answer' }] : [];
		const all = [...page, ...first.worker].sort((a, b) => a.start - b.start);
		const origin = all[0]?.start ?? 0;
		print('\nThe first traced refresh in order (ms from the page sending it; the worker’s calls, then what the page asks next):\n');
		print(
			markdownTable(
				['start', 'ms', 'call'],
				all.map((span) => [round(span.start - origin), round(span.ms), span.label]),
			),
		);
	}
	const top = [...cpu.entries()]
		.filter(([name]) => name !== '(idle)')
		.sort((a, b) => b[1] - a[1])
		.slice(0, 20);
	print(`\nThe worker's CPU per refresh (self time, sampled every 50 µs), the 20 largest:\n`);
	print(
		markdownTable(
			['function', 'ms per refresh'],
			top.map(([name, ms]) => [name, round(ms / refreshes)]),
		),
	);
	return lines.join('\n');
}

await main();
