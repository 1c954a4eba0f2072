// The command-line helper's speed and memory: `credentials` with a live session, from process start
// to JSON, through the Node build and through the compiled executable, side by side with a bare
// `node -e ''`, an empty compiled program and the AWS CLI's own cold start; the idle host's RSS.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { privateHome, runHelper, startHost } from '../e2e/support/host-driver';
import { statsOf } from './bench-stats';
import { buildExecutable } from './build-helper-executable.ts';
import { hostTarget } from './bun-runtimes.ts';

const run = promisify(execFile);

async function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
	const start = performance.now();
	await run(command, args, { env });
	return performance.now() - start;
}

/** VmRSS of a process, in bytes (Linux). */
async function residentBytes(pid: number): Promise<number> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

/**
 * The released linux-x64 helper executable and two floors compiled the same way: an empty program,
 * and one that only sends the request over the socket and prints the answer (bench-socket-client.ts).
 */
export interface Executables {
	helper: string;
	empty: string;
	client: string;
}

/** Builds both for this machine, as `npm run package` does. */
export function compiledPrograms(): Executables {
	const target = hostTarget();
	if (!target) throw new Error(`no helper executable is built for ${process.platform}-${process.arch}`);
	const out = mkdtempSync(join(tmpdir(), 'mfa-session-bench-exe-'));
	const entry = join(out, 'empty.ts');
	writeFileSync(entry, '');
	return {
		helper: buildExecutable(target, out),
		empty: buildExecutable(target, out, { entry, name: 'empty-program' }),
		client: buildExecutable(target, out, { entry: 'scripts/bench-socket-client.ts', name: 'socket-client' }),
	};
}

/** One GET on a fresh connection, as an SDK's first credentials request; resolves with its time in ms. */
function timedGet(url: string, headers: Record<string, string>): Promise<number> {
	const start = performance.now();
	return new Promise((done, failed) => {
		const sent = request(url, { headers, agent: false }, (response) => {
			response.resume();
			response.on('end', () =>
				response.statusCode === 200 ? done(performance.now() - start) : failed(new Error(`${url}: ${response.statusCode}`)),
			);
		});
		sent.on('error', failed);
		sent.end();
	});
}

/** Starts a program and waits for the first line that matches on its stdout. */
function startedWith(command: string, args: readonly string[], env: NodeJS.ProcessEnv, match: RegExp) {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
	return new Promise<{ child: ChildProcess; found: RegExpExecArray }>((done, failed) => {
		let text = '';
		const timer = setTimeout(() => failed(new Error(`${command} ${args.join(' ')} printed nothing like ${match} within 30 s`)), 30_000);
		child.stdout?.on('data', (chunk) => {
			text += chunk;
			const found = match.exec(text);
			if (!found) return;
			clearTimeout(timer);
			done({ child, found });
		});
	});
}

// The floor beside the endpoint: a server that answers every GET with a small JSON, in a process of its own as the endpoint is.
const trivialServer = `const s = require('node:http').createServer((q, r) => r.end('{"ok":true}'));
s.listen(0, '127.0.0.1', () => console.log('port ' + s.address().port));`;

/** The endpoint of `serve` with a live session, GET by GET beside the trivial loopback server. */
export async function measureEndpoint(launcher: string, env: NodeJS.ProcessEnv, count: number) {
	const serve = await startedWith(launcher, ['serve', 'work'], env, /FULL_URI=(\S+)\nAWS_CONTAINER_AUTHORIZATION_TOKEN=(\S+)\n/);
	const floor = await startedWith(process.execPath, ['-e', trivialServer], env, /port (\d+)/);
	try {
		const [, uri = '', token = ''] = serve.found;
		const floorUrl = `http://127.0.0.1:${floor.found[1]}/`;
		const endpoint: number[] = [];
		const bare: number[] = [];
		for (let index = 0; index < count + 20; index += 1) {
			const sample = [await timedGet(uri, { authorization: token }), await timedGet(floorUrl, {})] as const;
			if (index < 20) continue;
			endpoint.push(sample[0]);
			bare.push(sample[1]);
		}
		return { endpoint: statsOf(endpoint), floor: statsOf(bare) };
	} finally {
		serve.child.kill('SIGTERM');
		floor.child.kill('SIGTERM');
	}
}

/** Runs the commands interleaved, so machine noise hits them alike. */
export async function measureHelper(awsCli: string, executables: Executables, count = 30) {
	const home = await privateHome();
	const installed = await runHelper(['install', '--dev', '--user-data-dir', join(home.home, 'profile')], home.env);
	const launcher = /launcher (.+)/.exec(installed.stdout)?.[1];
	if (!launcher) throw new Error(`install printed no launcher: ${installed.stdout}${installed.stderr}`);
	const host = startHost(home.env);
	try {
		host.send({ id: 1, type: 'hello', protocol: 1 });
		await host.next((message) => message.id === 1, 'hello');
		const credentials = {
			accessKeyId: 'ASIAEXAMPLEBENCH0001',
			secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			sessionToken: 'BENCHTOKEN',
			expiration: new Date(Date.now() + 3_600_000).toISOString(),
		};
		host.send({ id: 2, type: 'serve', profile: 'work', credentials });
		await host.next((message) => message.id === 2, 'serve answer');
		const { stdout } = await run(launcher, ['credentials', 'work'], { env: home.env });
		if (!stdout.includes('BENCHTOKEN')) throw new Error(`credentials printed no session: ${stdout}`);
		const compiled = await run(executables.helper, ['credentials', 'work'], { env: home.env });
		if (!compiled.stdout.includes('BENCHTOKEN')) throw new Error(`the executable printed no session: ${compiled.stdout}`);
		const bare = await run(executables.client, [], { env: home.env });
		if (!bare.stdout.includes('BENCHTOKEN')) throw new Error(`the socket client printed no session: ${bare.stdout}`);
		const helper: number[] = [];
		const node: number[] = [];
		const executable: number[] = [];
		const empty: number[] = [];
		const client: number[] = [];
		const cli: number[] = [];
		for (let index = 0; index < count + 3; index += 1) {
			const sample = [
				await timed(launcher, ['credentials', 'work'], home.env),
				await timed(process.execPath, ['-e', ''], home.env),
				await timed(executables.helper, ['credentials', 'work'], home.env),
				await timed(executables.empty, [], home.env),
				await timed(executables.client, [], home.env),
				index % 4 === 0 ? await timed(awsCli, ['--version'], { PATH: process.env.PATH ?? '', HOME: home.home }) : undefined,
			] as const;
			// The first rounds warm the disk cache and are not counted.
			if (index < 3) continue;
			helper.push(sample[0]);
			node.push(sample[1]);
			executable.push(sample[2]);
			empty.push(sample[3]);
			client.push(sample[4]);
			if (sample[5] !== undefined) cli.push(sample[5]);
		}
		const endpoint = await measureEndpoint(launcher, home.env, 200);
		await new Promise((done) => setTimeout(done, 1000));
		const pid = host.child.pid;
		const rss = pid === undefined ? Number.NaN : await residentBytes(pid);
		return {
			credentials: statsOf(helper),
			node: statsOf(node),
			executable: statsOf(executable),
			emptyExecutable: statsOf(empty),
			socketClient: statsOf(client),
			awsCliStart: statsOf(cli),
			hostRss: rss,
			endpoint: endpoint.endpoint,
			endpointFloor: endpoint.floor,
			launcher,
		};
	} finally {
		await host.stop();
		await rm(home.home, { recursive: true, force: true });
	}
}
