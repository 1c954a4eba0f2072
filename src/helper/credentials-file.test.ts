// The writer against real files: concurrent writers, a change by someone else mid-write, and the
// helper killed at random moments in the middle of writing.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { privateHome, startHost } from '../../e2e/support/host-driver';
import { editCredentialsFile } from './credentials-file';
import { removeSection, sessionSection, writeSection } from './ini-section';

const session = (n: number) => ({
	accessKeyId: `ASIAEXAMPLE${String(n).padStart(9, '0')}`,
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: `TOKEN${n}`,
	expiration: '2030-01-01T00:00:00Z',
});

const written = (text: string, n: number) => {
	const edit = writeSection(text, 'work', session(n));
	if (!edit.ok) throw new Error(edit.refusal);
	return edit.text;
};

const run = promisify(execFile);

/** Makes a file one cannot delete: immutable for root (who ignores folder permissions), else a read-only folder. */
async function undeletable(folder: string, file: string): Promise<() => Promise<void>> {
	if (process.getuid?.() === 0) {
		await run('chattr', ['+i', file]);
		return async () => void (await run('chattr', ['-i', file]));
	}
	await chmod(folder, 0o500);
	return () => chmod(folder, 0o700);
}

describe('editCredentialsFile', () => {
	it('re-reads a file changed by someone else between its read and its rename', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		await writeFile(file, '[a]\nx = 1\n');
		let calls = 0;
		const result = await editCredentialsFile(file, (text) => {
			calls += 1;
			// The first time, another program saves its own change right after our read.
			if (calls === 1) writeFileSync(file, '[a]\nx = 2\n');
			return writeSection(text, 'work', session(1));
		});
		expect(result.ok).toBe(true);
		expect(calls).toBe(2);
		expect(await readFile(file, 'utf8')).toBe(written('[a]\nx = 2\n', 1));
		expect((await readdir(folder)).sort()).toEqual(['credentials']);
	});

	it('breaks a lock left empty by a writer killed between taking it and naming itself', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		await writeFile(file, '[a]\nx = 1\n');
		await writeFile(`${file}.mfa-session.lock`, '');
		const longAgo = new Date(Date.now() - 2_000);
		await utimes(`${file}.mfa-session.lock`, longAgo, longAgo);
		const started = Date.now();
		const result = await editCredentialsFile(file, (text) => writeSection(text, 'work', session(1)));
		expect(result.ok).toBe(true);
		// Broken at once, not after the five seconds a live writer's lock is waited for.
		expect(Date.now() - started).toBeLessThan(4_000);
		expect(await readFile(file, 'utf8')).toBe(written('[a]\nx = 1\n', 1));
		expect((await readdir(folder)).sort()).toEqual(['credentials']);
	});

	it('fails plainly, and soon, on a stale lock it cannot remove, leaving the lock and the file as they were', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		const lockFile = `${file}.mfa-session.lock`;
		await writeFile(file, '[a]\nx = 1\n');
		// Left by a writer that has ended (no process has id 2^22 + 1, above Linux's pid_max).
		await writeFile(lockFile, String(2 ** 22 + 1));
		const undo = await undeletable(folder, lockFile);
		try {
			const outcome = editCredentialsFile(file, (text) => writeSection(text, 'work', session(1))).then(
				() => 'written',
				(error: Error) => error.message,
			);
			const bound = new Promise<string>((done) => setTimeout(() => done('still waiting after 8 s'), 8_000));
			const message = await Promise.race([outcome, bound]);
			expect(message).toMatch(
				/mfa-session\.lock is stale \(its writer ended or stopped long ago\) but cannot be removed \((EPERM|EACCES)\); remove it by hand/,
			);
		} finally {
			await undo();
		}
		expect(await readFile(file, 'utf8')).toBe('[a]\nx = 1\n');
		expect(await readFile(lockFile, 'utf8')).toBe(String(2 ** 22 + 1));
	}, 15_000);

	it('keeps every byte outside its section as it was, bytes that are not UTF-8 included', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		// A Latin-1 comment, a lone continuation byte, a sequence cut short, 0xFF, and CRLF lines of someone else's.
		const before = Buffer.concat([
			Buffer.from('# caf'),
			Buffer.from([0xe9, 0x20, 0x80, 0x20, 0xc3, 0x0a]),
			Buffer.from('[mine]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\nnote = '),
			Buffer.from([0xff, 0xfe, 0xa0, 0x0a]),
		]);
		await writeFile(file, before);
		const write = await editCredentialsFile(file, (text) => writeSection(text, 'work', session(1)));
		expect(write.ok).toBe(true);
		const after = await readFile(file);
		expect(after.subarray(0, before.length).equals(before)).toBe(true);
		expect(after.subarray(before.length).toString('latin1')).toBe(`\n${sessionSection('work', session(1))}`);
		expect((await editCredentialsFile(file, (text) => removeSection(text, 'work'))).ok).toBe(true);
		expect((await readFile(file)).equals(before)).toBe(true);
	});

	it('keeps a UTF-8 file UTF-8, its byte order mark and non-ASCII text included', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		const before = Buffer.from('\ufeff# clés de Zoë\u00a0: ne pas partager 🔑\n[mine]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n', 'utf8');
		await writeFile(file, before);
		expect((await editCredentialsFile(file, (text) => writeSection(text, 'work', session(2)))).ok).toBe(true);
		const after = await readFile(file);
		expect(after.subarray(0, before.length).equals(before)).toBe(true);
		expect(after.toString('utf8')).toBe(written(before.toString('utf8'), 2));
		expect((await editCredentialsFile(file, (text) => removeSection(text, 'work'))).ok).toBe(true);
		expect((await readFile(file)).equals(before)).toBe(true);
	});

	it('serialises concurrent writers under the lock: no update is lost', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
		const file = join(folder, 'credentials');
		const names = Array.from({ length: 12 }, (_, index) => `p${index}`);
		await Promise.all(names.map((name, index) => editCredentialsFile(file, (text) => writeSection(text, name, session(index)))));
		const text = await readFile(file, 'utf8');
		for (const name of names) expect(text.match(new RegExp(`^\\[${name}\\]$`, 'gm'))).toHaveLength(1);
	});
});

describe('the helper killed in the middle of writes', () => {
	it('always leaves a whole file, old or new, never a partial one', async () => {
		const { env, credentialsFile } = await privateHome();
		const base = `# my keys\n[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = ${'k'.repeat(40)}\n`;
		await mkdir(join(credentialsFile, '..'), { recursive: true });
		await writeFile(credentialsFile, base);
		const allowed = new Set([base]);
		let n = 0;
		for (let round = 0; round < 12; round += 1) {
			const host = startHost(env);
			const burst = 150;
			const first = n + 1;
			for (let index = 0; index < burst; index += 1) {
				n += 1;
				allowed.add(written(base, n));
				host.send({ id: n, type: 'write', profile: 'work', credentials: session(n) });
			}
			// Killed in the middle of the writes, not before they start: the host has started (slow under load) and written once.
			await host.next((message) => message.id === first, 'the first write of the round');
			await new Promise((done) => setTimeout(done, Math.random() * 200));
			host.child.kill('SIGKILL');
			await new Promise((done) => host.child.once('exit', done));
			const text = await readFile(credentialsFile, 'utf8');
			expect(allowed.has(text), `round ${round}: the file is not a whole version`).toBe(true);
		}
		expect(await readFile(credentialsFile, 'utf8')).not.toBe(base);
		// The next write clears what killed writers left: their lock and their temp files.
		const host = startHost(env);
		host.send({ id: 0, type: 'write', profile: 'work', credentials: session(0) });
		await host.next((message) => message.id === 0, 'write answer');
		await host.stop();
		expect(await readdir(join(credentialsFile, '..'))).toEqual(['credentials']);
	}, 60_000);
});
