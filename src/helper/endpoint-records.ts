// The endpoints running now, for `status`: each `exec` and `serve` leaves a small record in the
// helper's private runtime folder while it runs (its process, profile and address, never its
// token) and takes it away when it ends; a record whose process is gone is ignored and removed.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isProfileName } from '../lib/helper-protocol';
import { channelFolder, ensurePrivateFolder } from './paths';

/** One running endpoint. */
export interface EndpointRecord {
	pid: number;
	profile: string;
	kind: 'exec' | 'serve';
	uri: string;
}

const recordName = /^endpoint-(\d+)\.json$/;

/** Writes this process's record; returns a function that removes it. */
export function keepRecord(record: Omit<EndpointRecord, 'pid'>, folder = channelFolder()): () => void {
	ensurePrivateFolder(folder);
	const path = join(folder, `endpoint-${process.pid}.json`);
	writeFileSync(path, JSON.stringify({ ...record, pid: process.pid }), { mode: 0o600 });
	return () => rmSync(path, { force: true });
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Checks a record read from the folder: anything else in a file there is ignored. */
export function checkRecord(value: unknown, pid: number): EndpointRecord | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const { profile, kind, uri } = value as Record<string, unknown>;
	if ((value as { pid?: unknown }).pid !== pid || !isProfileName(profile) || (kind !== 'exec' && kind !== 'serve')) return undefined;
	if (typeof uri !== 'string' || !/^http:\/\/127\.0\.0\.1:\d{1,5}\/[\w/-]*$/.test(uri)) return undefined;
	return { pid, profile, kind, uri };
}

/** The endpoints whose process still runs. */
export function runningEndpoints(folder = channelFolder()): EndpointRecord[] {
	let names: string[];
	try {
		names = readdirSync(folder);
	} catch {
		return [];
	}
	const records: EndpointRecord[] = [];
	for (const name of names) {
		const pid = Number(recordName.exec(name)?.[1]);
		if (!pid) continue;
		const path = join(folder, name);
		if (!alive(pid)) {
			rmSync(path, { force: true });
			continue;
		}
		try {
			const record = checkRecord(JSON.parse(readFileSync(path, 'utf8')), pid);
			if (record) records.push(record);
		} catch {
			// Half written or not ours: not an endpoint to list.
		}
	}
	return records.sort((a, b) => a.pid - b.pid);
}
