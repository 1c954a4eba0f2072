// Zip archives that are the same bytes whenever their files are: entries sorted by name, one fixed
// time, fixed modes, no extra fields. Deflate comes from fflate, a pinned pure-JS implementation,
// so the bytes do not change with the zlib that the installed Node.js happens to bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';

/** One file of an archive: its path with `/` separators, its bytes, and whether it is executable. */
export interface ZipEntry {
	name: string;
	data: Uint8Array;
	executable?: boolean;
}

// 1980-01-01 00:00:00, the earliest time a zip can record, as MS-DOS date and time fields.
const dosDate = (1 << 5) | 1;
const dosTime = 0;
const utf8Names = 0x0800;
const madeByUnix = (3 << 8) | 20;

/** The zip archive of the entries: sorted, compressed where that helps, with a fixed time and Unix modes 644 or 755. */
export function zipEntries(entries: readonly ZipEntry[]): Uint8Array {
	const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	const locals: Uint8Array[] = [];
	const centrals: Uint8Array[] = [];
	let offset = 0;
	for (const [index, entry] of sorted.entries()) {
		if (!entry.name || entry.name.startsWith('/') || entry.name.split('/').includes('..'))
			throw new Error(`Bad zip entry name: ${entry.name}`);
		if (index > 0 && sorted[index - 1]?.name === entry.name) throw new Error(`Two zip entries named ${entry.name}`);
		const name = new TextEncoder().encode(entry.name);
		const deflated = deflateSync(entry.data, { level: 9 });
		const stored = deflated.length >= entry.data.length;
		const body = stored ? entry.data : deflated;
		const fields = { method: stored ? 0 : 8, crc: crc32(entry.data), size: body.length, rawSize: entry.data.length };
		const local = new DataView(new ArrayBuffer(30));
		local.setUint32(0, 0x04034b50, true);
		local.setUint16(4, 20, true);
		local.setUint16(6, utf8Names, true);
		local.setUint16(8, fields.method, true);
		local.setUint16(10, dosTime, true);
		local.setUint16(12, dosDate, true);
		local.setUint32(14, fields.crc, true);
		local.setUint32(18, fields.size, true);
		local.setUint32(22, fields.rawSize, true);
		local.setUint16(26, name.length, true);
		local.setUint16(28, 0, true);
		const central = new DataView(new ArrayBuffer(46));
		central.setUint32(0, 0x02014b50, true);
		central.setUint16(4, madeByUnix, true);
		for (let field = 4; field < 28; field += 1) central.setUint8(field + 2, local.getUint8(field));
		central.setUint32(38, ((entry.executable ? 0o100755 : 0o100644) << 16) >>> 0, true);
		central.setUint32(42, offset, true);
		locals.push(new Uint8Array(local.buffer), name, body);
		centrals.push(new Uint8Array(central.buffer), name);
		offset += 30 + name.length + body.length;
	}
	const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
	if (sorted.length > 0xffff || offset + directorySize > 0xffffffff) throw new Error('Too large for a zip without zip64');
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, sorted.length, true);
	end.setUint16(10, sorted.length, true);
	end.setUint32(12, directorySize, true);
	end.setUint32(16, offset, true);
	return Buffer.concat([...locals, ...centrals, new Uint8Array(end.buffer)]);
}

/** Every file under a folder, as entries named relative to it. */
export function folderEntries(dir: string, prefix = ''): ZipEntry[] {
	return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((item) => {
		const name = prefix ? `${prefix}/${item.name}` : item.name;
		if (item.isDirectory()) return folderEntries(dir, name);
		if (!item.isFile()) throw new Error(`${join(dir, name)} is neither a file nor a folder`);
		return [{ name, data: readFileSync(join(dir, name)) }];
	});
}
