// The linux-x64 helper executable, built from this checkout as a release builds it, run as a person would.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExecutable } from './build-helper-executable.ts';
import { executableTargets } from './bun-runtimes.ts';
import { lockedHelperNotices } from './helper-notices.ts';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const storeId = 'abcdefghijklmnopabcdefghijklmnop';

/** Every file and folder under `folder`, as paths relative to it. */
function listing(folder: string): string[] {
	return (readdirSync(folder, { recursive: true }) as string[]).sort();
}

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
	});

	it('prints the third-party notices of its runtime, embedded as the release writes them', { timeout: 180_000 }, async () => {
		const home = mkdtempSync(join(tmpdir(), 'mfa-session-home-'));
		const printed = await run(program(), ['notices'], { env: { HOME: home, PATH: '' }, cwd: home });
		expect(printed.stderr).toBe('');
		expect(printed.stdout).toBe(`${lockedHelperNotices().trimEnd()}\n`);
	});

	it('installs itself for Chrome, Chromium, Edge, Brave, Vivaldi and Firefox, skips Opera, upgrades in place, and uninstall leaves nothing', {
		timeout: 180_000,
	}, async () => {
		const executable = program();
		const home = mkdtempSync(join(tmpdir(), 'mfa-session-home-'));
		const config = join(home, 'xdg-config');
		const profiles = ['google-chrome', 'chromium', 'microsoft-edge', 'BraveSoftware/Brave-Browser', 'vivaldi'];
		for (const folder of profiles) mkdirSync(join(config, folder), { recursive: true });
		mkdirSync(join(home, '.mozilla', 'firefox'), { recursive: true });
		const env = { HOME: home, XDG_CONFIG_HOME: config, PATH: '', XDG_RUNTIME_DIR: join(home, 'run') };
		const before = listing(home);
		const installed = await run(executable, ['install', '--extension-id', storeId], { env, cwd: home });
		expect(installed.stderr).toBe('');
		expect(installed.stdout).toMatch(/Skipped, no profile folder \(never run here\): .*Opera/);
		const copy = join(home, '.local', 'share', 'mfa-session', 'mfa-session-helper');
		expect(readFileSync(copy).equals(readFileSync(executable))).toBe(true);
		const manifests = [
			...profiles.map((folder) => join(config, folder, 'NativeMessagingHosts')),
			join(home, '.mozilla', 'native-messaging-hosts'),
		];
		for (const folder of manifests) {
			const manifest = JSON.parse(readFileSync(join(folder, 'app.mfa_session.helper.json'), 'utf8'));
			expect(manifest.path).toBe(copy);
			if (folder.includes('.mozilla')) expect(manifest.allowed_extensions).toEqual(['mfa-session@mfa-session.app']);
			else expect(manifest.allowed_origins).toEqual([`chrome-extension://${storeId}/`]);
		}
		expect(existsSync(join(config, 'opera'))).toBe(false);
		// The copy, run from its place, says its version and which browsers start it.
		const status = await run(copy, ['status'], { env, cwd: home });
		expect(status.stdout).toContain(`MFA Session helper ${version} (${copy}).`);
		expect(status.stdout).toContain(
			`Vivaldi: ${join(config, 'vivaldi', 'NativeMessagingHosts', 'app.mfa_session.helper.json')} starts ${copy}`,
		);
		// Installing again from the installed copy replaces it in place.
		const again = await run(copy, ['install', '--extension-id', storeId], { env, cwd: home });
		expect(again.stderr).toBe('');
		expect(readdirSync(join(home, '.local', 'share', 'mfa-session')).sort()).toEqual(['installed.json', 'mfa-session-helper']);
		const removed = await run(copy, ['uninstall'], { env, cwd: home });
		expect(removed.stdout).toContain(copy);
		expect(listing(home)).toEqual(before);
	});

	it('installs system-wide with --system (in a private mount namespace) and uninstalls exactly that', { timeout: 180_000 }, async () => {
		const executable = program();
		const root = mkdtempSync(join(tmpdir(), 'mfa-session-system-'));
		const places = ['/etc/opt', '/etc/chromium', '/usr/lib/mozilla', '/usr/local/lib'];
		const inRoot = (place: string) => join(root, place.replaceAll('/', '_'));
		for (const place of places) mkdirSync(inRoot(place));
		const binds = places.map((place) => `mount --bind ${inRoot(place)} ${place}`).join(' && ');
		const inNamespace = (args: string[]) =>
			run('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `${binds} && exec "$@"`, 'sh', executable, ...args], {
				env: { HOME: join(root, 'home'), PATH: '/usr/sbin:/usr/bin:/sbin:/bin' },
			});
		const installed = await inNamespace(['install', '--system', '--extension-id', storeId]);
		expect(installed.stderr).toBe('');
		const copy = '/usr/local/lib/mfa-session/mfa-session-helper';
		const read = (place: string, rest: string) =>
			JSON.parse(readFileSync(join(inRoot(place), rest, 'app.mfa_session.helper.json'), 'utf8'));
		expect(read('/etc/opt', 'chrome/native-messaging-hosts')).toMatchObject({
			path: copy,
			allowed_origins: [`chrome-extension://${storeId}/`],
		});
		expect(read('/etc/opt', 'edge/native-messaging-hosts').path).toBe(copy);
		expect(read('/etc/chromium', 'native-messaging-hosts').path).toBe(copy);
		expect(read('/usr/lib/mozilla', 'native-messaging-hosts').allowed_extensions).toEqual(['mfa-session@mfa-session.app']);
		expect(readFileSync(join(inRoot('/usr/local/lib'), 'mfa-session', 'mfa-session-helper')).equals(readFileSync(executable))).toBe(true);
		// Nothing went to the home folder, or to the machine's own /etc.
		expect(existsSync(join(root, 'home'))).toBe(false);
		expect(existsSync('/etc/chromium/native-messaging-hosts/app.mfa_session.helper.json')).toBe(false);
		const removed = await inNamespace(['uninstall', '--system']);
		expect(removed.stdout).toContain(copy);
		// The folders it created go too: /etc/opt/chrome and the rest were not there before.
		for (const place of places) expect(listing(inRoot(place))).toEqual([]);
	});

	it('is byte-identical when built twice, and holds nothing of the build machine’s paths', { timeout: 180_000 }, async () => {
		if (!linux) throw new Error('no linux-x64 target');
		const first = readFileSync(program());
		const second = readFileSync(buildExecutable(linux, join(out, 'second')));
		expect(first.equals(second)).toBe(true);
		expect(first.includes(Buffer.from(process.cwd()))).toBe(false);
	});
});
