// The command-line helper's speed and memory: `credentials` with a live session, from process start
// to JSON, side by side with a bare `node -e ''` and the AWS CLI's own cold start; the idle host's RSS.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { privateHome, runHelper, startHost } from '../src/helper/host-driver';
import { statsOf } from './bench-stats';

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

/** Runs the three commands interleaved, so machine noise hits them alike. */
export async function measureHelper(awsCli: string, count = 30) {
	const home = await privateHome();
	const installed = await runHelper(['install', '--dev', '--user-data-dir', join(home.home, 'profile')], home.env);
	const launcher = /launcher (.+)/.exec(installed.stdout)?.[1];
	if (!launcher) throw new Error(`install printed no launcher: ${installed.stdout}${installed.stderr}`);
	const host = startHost(home.env);
	try {
		host.send({ id: 1, type: 'hello' });
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
		const helper: number[] = [];
		const node: number[] = [];
		const cli: number[] = [];
		for (let index = 0; index < count + 3; index += 1) {
			const sample = [
				await timed(launcher, ['credentials', 'work'], home.env),
				await timed(process.execPath, ['-e', ''], home.env),
				index % 4 === 0 ? await timed(awsCli, ['--version'], { PATH: process.env.PATH ?? '', HOME: home.home }) : undefined,
			] as const;
			// The first rounds warm the disk cache and are not counted.
			if (index < 3) continue;
			helper.push(sample[0]);
			node.push(sample[1]);
			if (sample[2] !== undefined) cli.push(sample[2]);
		}
		await new Promise((done) => setTimeout(done, 1000));
		const pid = host.child.pid;
		const rss = pid === undefined ? Number.NaN : await residentBytes(pid);
		return { credentials: statsOf(helper), node: statsOf(node), awsCliStart: statsOf(cli), hostRss: rss, launcher };
	} finally {
		await host.stop();
		await rm(home.home, { recursive: true, force: true });
	}
}
