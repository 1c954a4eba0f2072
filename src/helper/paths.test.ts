import { chmod, chown, mkdir, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelFolder, runtimeDirRefusal, socketPath } from './paths';

async function folders() {
	const home = await mkdtemp(join(tmpdir(), 'mfa-session-paths-'));
	const runtime = join(home, 'run');
	await mkdir(runtime, { mode: 0o700 });
	return { home, runtime };
}

describe('the channel folder', () => {
	it('is in XDG_RUNTIME_DIR when that is this user’s own folder with mode 0700', async () => {
		const { home, runtime } = await folders();
		const env = { HOME: home, XDG_RUNTIME_DIR: runtime };
		expect(runtimeDirRefusal(env)).toBeUndefined();
		expect(channelFolder(env)).toBe(join(runtime, 'mfa-session'));
		expect(socketPath(env)).toBe(join(runtime, 'mfa-session', 'helper.sock'));
	});

	it('is under the home folder without XDG_RUNTIME_DIR, never in the shared temporary folder', async () => {
		const { home } = await folders();
		for (const env of [{ HOME: home }, { HOME: home, XDG_RUNTIME_DIR: '' }]) {
			expect(runtimeDirRefusal(env)).toBeUndefined();
			expect(channelFolder(env)).toBe(join(home, '.mfa-session'));
		}
		expect(channelFolder({ HOME: home })).not.toContain(`mfa-session-${process.getuid?.()}`);
	});

	it('is under the home folder when XDG_RUNTIME_DIR is /tmp, and says why', async () => {
		const { home } = await folders();
		const env = { HOME: home, XDG_RUNTIME_DIR: '/tmp' };
		expect(channelFolder(env)).toBe(join(home, '.mfa-session'));
		expect(runtimeDirRefusal(env)).toMatch(/^XDG_RUNTIME_DIR: \/tmp is open to other users \(mode 777\)$/);
	});

	it('is under the home folder when XDG_RUNTIME_DIR is open to others, missing, relative, a link or a file', async () => {
		const { home, runtime } = await folders();
		const open = join(home, 'open');
		await mkdir(open, { mode: 0o700 });
		await chmod(open, 0o755);
		const link = join(home, 'link');
		await symlink(runtime, link);
		const cases: [string, RegExp][] = [
			[open, /open to other users \(mode 755\)/],
			[join(home, 'missing'), /missing does not exist/],
			['run/user', /is not an absolute path/],
			[link, /link is not a folder/],
			[join(import.meta.dirname, 'paths.ts'), /paths\.ts is not a folder/],
		];
		for (const [value, reason] of cases) {
			const env = { HOME: home, XDG_RUNTIME_DIR: value };
			expect(channelFolder(env)).toBe(join(home, '.mfa-session'));
			expect(runtimeDirRefusal(env)).toMatch(reason);
		}
	});

	it('is under the home folder when XDG_RUNTIME_DIR belongs to another user', async () => {
		const { home } = await folders();
		// As root, a folder given to nobody; as anyone else, the root folder, which root owns.
		let foreign = '/';
		if (process.getuid?.() === 0) {
			foreign = join(home, 'theirs');
			await mkdir(foreign, { mode: 0o700 });
			await chown(foreign, 65534, 65534);
		}
		const env = { HOME: home, XDG_RUNTIME_DIR: foreign };
		expect(channelFolder(env)).toBe(join(home, '.mfa-session'));
		expect(runtimeDirRefusal(env)).toMatch(/belongs to another user/);
	});
});
