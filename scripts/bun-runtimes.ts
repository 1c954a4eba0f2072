// Bun's base runtimes, one per system the helper executable is built for. npm installs only this
// machine's (the others are optional dependencies for other systems), so the rest are fetched by
// npm itself (`npm pack`) and refused unless their sha512 is the one package-lock.json records:
// a fresh clone needs nothing but the npm registry, and nothing the lock file does not name.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** A system the helper ships for: Bun's `--target` and the npm package holding its runtime. */
export interface ExecutableTarget {
	/** As in the file name: `mfa-session-helper-<name>[.exe]`. */
	name: 'linux-x64' | 'linux-arm64' | 'darwin-x64' | 'darwin-arm64' | 'windows-x64';
	bunTarget: string;
	runtimePackage: string;
	/** The runtime's path inside the package. */
	binary: string;
	exe: '' | '.exe';
}

export const executableTargets: readonly ExecutableTarget[] = [
	{ name: 'linux-x64', bunTarget: 'bun-linux-x64', runtimePackage: '@oven/bun-linux-x64', binary: 'bin/bun', exe: '' },
	{ name: 'linux-arm64', bunTarget: 'bun-linux-arm64', runtimePackage: '@oven/bun-linux-aarch64', binary: 'bin/bun', exe: '' },
	{ name: 'darwin-x64', bunTarget: 'bun-darwin-x64', runtimePackage: '@oven/bun-darwin-x64', binary: 'bin/bun', exe: '' },
	{ name: 'darwin-arm64', bunTarget: 'bun-darwin-arm64', runtimePackage: '@oven/bun-darwin-aarch64', binary: 'bin/bun', exe: '' },
	{ name: 'windows-x64', bunTarget: 'bun-windows-x64', runtimePackage: '@oven/bun-windows-x64', binary: 'bin/bun.exe', exe: '.exe' },
];

/** The file a target's executable is built into; the name is embedded in the program, so it never varies. */
export function executableName(target: ExecutableTarget): string {
	return `mfa-session-helper-${target.name}${target.exe}`;
}

/** The target for the system this runs on, if the helper ships for it. */
export function hostTarget(platform = process.platform, arch = process.arch): ExecutableTarget | undefined {
	const os = platform === 'win32' ? 'windows' : platform;
	return executableTargets.find((target) => target.name === `${os}-${arch}`);
}

/** A package's version and integrity as package-lock.json records them. */
export function lockedPackage(lock: unknown, name: string): { version: string; integrity: string } {
	const entry = (lock as { packages?: Record<string, { version?: unknown; integrity?: unknown }> }).packages?.[`node_modules/${name}`];
	if (typeof entry?.version !== 'string' || typeof entry.integrity !== 'string' || !entry.integrity.startsWith('sha512-'))
		throw new Error(`package-lock.json has no version and sha512 integrity for ${name}`);
	return { version: entry.version, integrity: entry.integrity };
}

/** Throws unless the bytes are the ones the integrity string (`sha512-<base64>`) names. */
export function checkIntegrity(bytes: Uint8Array, integrity: string, what: string): void {
	const actual = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
	if (actual !== integrity) throw new Error(`${what}: sha512 is ${actual}, package-lock.json says ${integrity}: refused`);
}

/** One regular file's bytes from a tar archive (ustar, as npm packs), by its path. */
export function tarEntry(tar: Uint8Array, path: string): Uint8Array {
	const text = (from: number, length: number) =>
		Buffer.from(tar.subarray(from, from + length))
			.toString('utf8')
			.replace(/\0.*$/s, '');
	for (let offset = 0; offset + 512 <= tar.length; ) {
		const name = text(offset, 100);
		if (name === '') break;
		const prefix = text(offset + 345, 155);
		const size = Number.parseInt(text(offset + 124, 12).trim() || '0', 8);
		const type = text(offset + 156, 1);
		const full = prefix ? `${prefix}/${name}` : name;
		if ((type === '0' || type === '') && full === path) return tar.subarray(offset + 512, offset + 512 + size);
		offset += 512 + Math.ceil(size / 512) * 512;
	}
	throw new Error(`${path} is not in the archive`);
}

const cacheRoot = join('node_modules', '.cache', 'mfa-session-bun');

/**
 * The target's base runtime, checked against the lock file: from the cache when its bytes still
 * hash as recorded there, else fetched with `npm pack` (npm's own cache first) and unpacked.
 */
export function baseRuntime(target: ExecutableTarget, lockFile = 'package-lock.json'): string {
	const known = checked.get(target.name);
	if (known) return known;
	const runtime = fetchRuntime(target, lockFile);
	checked.set(target.name, runtime);
	return runtime;
}

/** Runtimes already checked in this process, by target. */
const checked = new Map<string, string>();

function fetchRuntime(target: ExecutableTarget, lockFile: string): string {
	const { version, integrity } = lockedPackage(JSON.parse(readFileSync(lockFile, 'utf8')), target.runtimePackage);
	const folder = join(cacheRoot, `${target.name}-${version}`);
	const runtime = join(folder, `bun${target.exe}`);
	const stamp = join(folder, 'sha256');
	const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
	if (existsSync(runtime) && existsSync(stamp) && readFileSync(stamp, 'utf8') === `${integrity}\n${digest(readFileSync(runtime))}`)
		return runtime;
	const scratch = mkdtempSync(join(tmpdir(), 'mfa-session-bun-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', `${target.runtimePackage}@${version}`, '--json', '--silent', '--pack-destination', scratch], {
				encoding: 'utf8',
				shell: process.platform === 'win32',
			}),
		) as { filename: string }[];
		const tarball = readFileSync(join(scratch, String(packed[0]?.filename)));
		checkIntegrity(tarball, integrity, `${target.runtimePackage}@${version}`);
		const bytes = tarEntry(gunzipSync(tarball), `package/${target.binary}`);
		mkdirSync(folder, { recursive: true });
		writeFileSync(`${runtime}.tmp`, bytes);
		chmodSync(`${runtime}.tmp`, 0o755);
		renameSync(`${runtime}.tmp`, runtime);
		writeFileSync(stamp, `${integrity}\n${digest(bytes)}`);
		return runtime;
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
}
