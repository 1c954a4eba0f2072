// Builds the command-line helper into one executable per system with `bun build --compile`:
// `mfa-session-helper-<os>-<arch>[.exe]` in the output folder (default artifacts/). Each is the
// pinned Bun runtime for that system (checked against package-lock.json, scripts/bun-runtimes.ts)
// with the helper's bytecode and messages.json inside. Two builds of one commit are byte-identical:
// the output name is fixed, and nothing of this checkout's path or the build time goes in. Both darwin
// builds get an ad-hoc signature over every page (scripts/macho-sign.ts).
//   tsx scripts/build-helper-executable.ts [--target linux-x64 ...] [--out DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { baseRuntime, type ExecutableTarget, executableName, executableTargets, hostTarget } from './bun-runtimes.ts';
import { helperNoticesFile, lockedHelperNotices } from './helper-notices.ts';
import { adHocSign } from './macho-sign.ts';

/** Where the notices are written to be embedded: a fixed path, so that builds stay byte-identical. */
const noticesAsset = join('node_modules', '.cache', 'mfa-session-helper', helperNoticesFile);

/**
 * Builds one target's executable into `out` (darwin ones signed ad hoc unless `sign` is false);
 * returns its path. `entry` and `name` build another program the same way (the benchmark's floor).
 */
export function buildExecutable(
	target: ExecutableTarget,
	out: string,
	{ sign = true, entry = 'src/helper/main.ts', name = executableName(target) } = {},
): string {
	const host = hostTarget();
	if (!host) throw new Error(`Bun has no runtime for ${process.platform}-${process.arch} to build with`);
	const outfile = join(out, name);
	mkdirSync(out, { recursive: true });
	rmSync(outfile, { force: true });
	mkdirSync(dirname(noticesAsset), { recursive: true });
	writeFileSync(noticesAsset, lockedHelperNotices());
	execFileSync(
		baseRuntime(host),
		[
			'build',
			entry,
			'--compile',
			'--minify',
			'--bytecode',
			// A compiled program would otherwise read ./.env and ./bunfig.toml wherever it is started.
			'--no-compile-autoload-dotenv',
			'--no-compile-autoload-bunfig',
			'--define',
			'MFA_SESSION_EXECUTABLE=true',
			`--target=${target.bunTarget}`,
			`--compile-executable-path=${baseRuntime(target)}`,
			// Embedded at /$bunfs/root/messages.json, read by bundledFile() (src/helper/self.ts).
			'--asset=public/_locales/en/messages.json',
			// Embedded at /$bunfs/root/THIRD_PARTY_NOTICES.txt: `mfa-session-helper notices` prints it.
			`--asset=${noticesAsset}`,
			`--outfile=${outfile}`,
		],
		{ stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NO_COLOR: '1' } },
	);
	// Bun leaves darwin-x64 with its runtime's signature, which no longer covers the pages it changed.
	if (sign && target.name.startsWith('darwin-')) writeFileSync(outfile, adHocSign(readFileSync(outfile), 'mfa-session-helper'));
	return outfile;
}

function options(args: readonly string[]): { targets: ExecutableTarget[]; out: string } {
	const names = args.flatMap((arg, index) => (args[index - 1] === '--target' ? [arg] : []));
	const outIndex = args.indexOf('--out');
	const targets =
		names.length === 0
			? [...executableTargets]
			: names.map((name) => {
					const target = executableTargets.find((candidate) => candidate.name === name);
					if (!target) throw new Error(`--target takes ${executableTargets.map((candidate) => candidate.name).join(', ')}; not ${name}`);
					return target;
				});
	return { targets, out: outIndex >= 0 ? String(args[outIndex + 1]) : 'artifacts' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { targets, out } = options(process.argv.slice(2));
	for (const target of targets) console.log(buildExecutable(target, out));
}
