// The two ways the browsers compress what they write, undone so the secret scan sees plaintext:
// Chromium's LevelDB tables (Snappy blocks) and Firefox's mozLz4 files (an LZ4 block).

/** A little-endian base-128 number at `at`, and where it ends. */
function varint(bytes: Uint8Array, at: number): [number, number] {
	let value = 0;
	for (let shift = 0; shift < 35; shift += 7) {
		const byte = bytes[at++];
		if (byte === undefined) throw new Error('varint runs past the end');
		value += (byte & 0x7f) * 2 ** shift;
		if (byte < 0x80) return [value, at];
	}
	throw new Error('varint too long');
}

/** Decodes one Snappy block (github.com/google/snappy, format_description.txt). */
export function snappyDecode(input: Uint8Array): Buffer {
	const [length, start] = varint(input, 0);
	let at = start;
	const out = Buffer.alloc(length);
	let written = 0;
	const copy = (offset: number, count: number) => {
		if (offset === 0 || offset > written || written + count > length) throw new Error('snappy copy out of range');
		for (let index = 0; index < count; index += 1) out[written + index] = out[written - offset + index] as number;
		written += count;
	};
	while (at < input.length) {
		const tag = input[at++] as number;
		const kind = tag & 3;
		if (kind === 0) {
			let count = tag >> 2;
			if (count >= 60) {
				const extra = count - 59;
				count = Buffer.from(input.subarray(at, at + extra)).readUIntLE(0, extra);
				at += extra;
			}
			count += 1;
			if (written + count > length || at + count > input.length) throw new Error('snappy literal out of range');
			out.set(input.subarray(at, at + count), written);
			written += count;
			at += count;
		} else if (kind === 1) {
			copy((((tag >> 5) & 7) << 8) | (input[at++] as number), ((tag >> 2) & 7) + 4);
		} else {
			const size = kind === 2 ? 2 : 4;
			const offset = Buffer.from(input.subarray(at, at + size)).readUIntLE(0, size);
			at += size;
			copy(offset, (tag >> 2) + 1);
		}
	}
	if (written !== length) throw new Error(`snappy block gave ${written} of ${length} bytes`);
	return out;
}

/** The block at a LevelDB block handle, uncompressed (a 5-byte trailer says whether it is Snappy). */
function tableBlock(file: Buffer, offset: number, size: number): Buffer {
	const contents = file.subarray(offset, offset + size);
	return file[offset + size] === 1 ? snappyDecode(contents) : Buffer.from(contents);
}

/** Every block of a LevelDB table (.ldb/.sst), uncompressed, joined; undefined if it is not one. */
export function levelDbTable(file: Buffer): Buffer | undefined {
	const footer = 48;
	if (file.length < footer || file.readBigUInt64LE(file.length - 8) !== 0xdb4775248b80fb57n) return undefined;
	let at = file.length - footer;
	[, at] = varint(file, at); // metaindex offset
	[, at] = varint(file, at); // metaindex size
	const [indexOffset, afterOffset] = varint(file, at);
	const [indexSize] = varint(file, afterOffset);
	const index = tableBlock(file, indexOffset, indexSize);
	const restarts = index.readUInt32LE(index.length - 4);
	const end = index.length - 4 - 4 * restarts;
	const blocks: Buffer[] = [];
	for (let entry = 0; entry < end; ) {
		const [, afterShared] = varint(index, entry);
		const [unshared, afterUnshared] = varint(index, afterShared);
		const [valueLength, valueStart] = varint(index, afterUnshared);
		const handle = valueStart + unshared;
		const [offset, afterHandle] = varint(index, handle);
		const [size] = varint(index, afterHandle);
		blocks.push(tableBlock(file, offset, size));
		entry = handle + valueLength;
	}
	return Buffer.concat(blocks);
}

/** Decodes one LZ4 block (github.com/lz4/lz4, doc/lz4_Block_format.md) of a known size. */
export function lz4BlockDecode(input: Uint8Array, size: number): Buffer {
	const out = Buffer.alloc(size);
	let written = 0;
	let at = 0;
	const extended = (count: number) => {
		if (count !== 15) return count;
		let byte: number;
		do {
			byte = input[at++] as number;
			count += byte;
		} while (byte === 255);
		return count;
	};
	while (at < input.length) {
		const token = input[at++] as number;
		const literals = extended(token >> 4);
		out.set(input.subarray(at, at + literals), written);
		written += literals;
		at += literals;
		if (at >= input.length) break; // the last sequence has literals only
		const offset = (input[at] as number) | ((input[at + 1] as number) << 8);
		at += 2;
		const count = extended(token & 15) + 4;
		if (offset === 0 || offset > written || written + count > size) throw new Error('lz4 match out of range');
		for (let index = 0; index < count; index += 1) out[written + index] = out[written - offset + index] as number;
		written += count;
	}
	if (written !== size) throw new Error(`lz4 block gave ${written} of ${size} bytes`);
	return out;
}

/** The contents of a Firefox mozLz4 file (`mozLz40\0`, a 4-byte size, an LZ4 block); undefined if it is not one. */
export function mozLz4(file: Buffer): Buffer | undefined {
	if (file.length < 12 || file.subarray(0, 8).toString('latin1') !== 'mozLz40\0') return undefined;
	return lz4BlockDecode(file.subarray(12), file.readUInt32LE(8));
}
