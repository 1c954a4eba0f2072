// The linux-x64 helper executable, built from this checkout as a release builds it, run as a person would.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExecutable } from './build-helper-executable.ts';
import { executableTargets } from './bun-runtimes.ts';

const linux = executableTargets.find((target) => target.name === 'linux-x64');
const out = mkdtempSync(join(tmpdir(), 'mfa-session-exe-'));
let built: string | undefined;
/** The executable built once for this file's tests. */
function program(): string {
	if (!linux) throw new Error('no linux-x64 target');
	built ??= buildExecutable(linux, out);
	return built;
}

function run(program: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }) {
	return new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
		execFile(program, args, { ...options, timeout: 30_000 }, (error, stdout, stderr) =>
			done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
		),
	);
}

describe.runIf(process.platform === 'linux' && process.arch === 'x64')('the linux-x64 helper executable', () => {
	it('runs with no Node on PATH, says where the program is, and ignores a .env and bunfig.toml where it starts', {
		timeout: 180_000,
	}, async () => {
		const executable = program();
		const home = mkdtempSync(join(tmpdir(), 'mfa-session-home-'));
		writeFileSync(join(home, '.env'), 'AWS_SHARED_CREDENTIALS_FILE=/tmp/from-dotenv\n');
		writeFileSync(join(home, 'bunfig.toml'), 'preload = ["./nope.ts"]\n');
		const env = { HOME: home, PATH: '', XDG_RUNTIME_DIR: join(home, 'run') };
		const status = await run(executable, ['status'], { env, cwd: home });
		expect(status.stderr).toBe('');
		expect(status.stdout).toContain(`Credentials file: ${join(home, '.aws', 'credentials')}`);
		// Messages come from the embedded messages.json.
		const bad = await run(executable, ['credentials', 'no spaces'], { env, cwd: home });
		expect(bad.stderr).toMatch(/^Give a profile name/);
		// The host manifest names the executable itself: no launcher, no Node.
		const userDataDir = join(home, 'profile');
		const install = await run(executable, ['install', '--user-data-dir', userDataDir], { env, cwd: home });
		expect(install.stderr).toBe('');
		const manifest = JSON.parse(readFileSync(join(userDataDir, 'NativeMessagingHosts', 'app.mfa_session.helper.json'), 'utf8'));
		expect(manifest.path).toBe(resolve(executable));
	});

	it('is byte-identical when built twice, and holds nothing of the build machine’s paths', { timeout: 180_000 }, async () => {
		if (!linux) throw new Error('no linux-x64 target');
		const first = readFileSync(program());
		const second = readFileSync(buildExecutable(linux, join(out, 'second')));
		expect(first.equals(second)).toBe(true);
		expect(first.includes(Buffer.from(process.cwd()))).toBe(false);
	});
});
