// The source archive for AMO's reviewers: exactly the files git tracks, from a commit or from the
// working tree, under one folder named for the version.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import type { ZipEntry } from './zip.ts';

function git(args: string[]): Buffer {
	return execFileSync('git', args, { maxBuffer: 256 << 20 });
}

/** The files of a commit, with the executable bit git records. */
export function committedFiles(ref: string, prefix: string): ZipEntry[] {
	const listing = git(['ls-tree', '-r', '-z', '--full-tree', ref]).toString('utf8').split('\0').filter(Boolean);
	return listing.map((line) => {
		const [meta = '', path = ''] = line.split('\t');
		const [mode, type, object = ''] = meta.split(' ');
		if (type !== 'blob' || (mode !== '100644' && mode !== '100755'))
			throw new Error(`${path} is a ${mode} ${type}: only plain files go in the source archive`);
		return { name: `${prefix}${path}`, data: git(['cat-file', 'blob', object]), executable: mode === '100755' };
	});
}

/** The files git tracks or would track (not ignored), as they are on disk now: the source of an uncommitted build. */
export function workingTreeFiles(prefix: string): ZipEntry[] {
	const paths = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']).toString('utf8').split('\0').filter(Boolean);
	return [...new Set(paths)]
		.filter((path) => existsSync(path))
		.map((path) => {
			const stat = lstatSync(path);
			if (!stat.isFile()) throw new Error(`${path} is not a plain file: only plain files go in the source archive`);
			return { name: `${prefix}${path}`, data: readFileSync(path), executable: (stat.mode & 0o111) !== 0 };
		});
}

/** Whether the working tree differs from HEAD, untracked files included. */
export function workingTreeChanged(): boolean {
	return git(['status', '--porcelain']).toString('utf8').trim() !== '';
}
