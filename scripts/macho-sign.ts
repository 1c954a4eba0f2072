// An ad-hoc code signature for a thin 64-bit Mach-O executable, written without Apple's tools: a
// CodeDirectory whose SHA-256 page hashes cover every 4 KiB page before the signature. Bun's
// cross-compiled darwin-x64 output keeps its runtime's Developer ID signature although the
// embedded program changed pages under it, and macOS refuses such a file; an ad-hoc signature that
// matches the bytes is what Apple Silicon requires at the least and what Intel Macs accept.
// (Notarization, for Gatekeeper on a downloaded file, needs Apple's service and an identity.)
import { createHash } from 'node:crypto';

const mhMagic64 = 0xfeedfacf;
const lcSegment64 = 0x19;
const lcCodeSignature = 0x1d;
const superBlobMagic = 0xfade0cc0;
const codeDirectoryMagic = 0xfade0c02;
const csAdhoc = 0x2;
const execSegMainBinary = 0x1;
const mhExecute = 2;
const pageShift = 12;
const pageSize = 1 << pageShift;
const hashSize = 32;
const sha256Type = 2;
/** CodeDirectory version 0x20400: the last with a fixed header that has the executable segment fields. */
const codeDirectoryVersion = 0x20400;
const codeDirectoryHeader = 88;

interface Layout {
	/** Where LC_CODE_SIGNATURE's dataoff and datasize are. */
	signatureCommand: number;
	/** Where __LINKEDIT's vmsize, fileoff and filesize are (the segment command's offset). */
	linkedit: number;
	textFileOff: bigint;
	textFileSize: bigint;
	executable: boolean;
}

function layout(file: Buffer): Layout {
	if (file.length < 32 || file.readUInt32LE(0) !== mhMagic64) throw new Error('not a thin 64-bit little-endian Mach-O file');
	const count = file.readUInt32LE(16);
	let offset = 32;
	let signatureCommand = -1;
	let linkedit = -1;
	let textFileOff = 0n;
	let textFileSize = 0n;
	for (let index = 0; index < count; index++) {
		const command = file.readUInt32LE(offset);
		if (command === lcCodeSignature) signatureCommand = offset;
		if (command === lcSegment64) {
			const name = file.toString('latin1', offset + 8, offset + 24).replace(/\0.*$/s, '');
			if (name === '__LINKEDIT') linkedit = offset;
			if (name === '__TEXT') [textFileOff, textFileSize] = [file.readBigUInt64LE(offset + 40), file.readBigUInt64LE(offset + 48)];
		}
		offset += file.readUInt32LE(offset + 4);
	}
	if (signatureCommand < 0) throw new Error('no LC_CODE_SIGNATURE load command to fill');
	if (linkedit < 0) throw new Error('no __LINKEDIT segment');
	return { signatureCommand, linkedit, textFileOff, textFileSize, executable: file.readUInt32LE(12) === mhExecute };
}

function pageHashes(file: Buffer, codeLimit: number): Buffer[] {
	const hashes: Buffer[] = [];
	for (let start = 0; start < codeLimit; start += pageSize)
		hashes.push(
			createHash('sha256')
				.update(file.subarray(start, Math.min(start + pageSize, codeLimit)))
				.digest(),
		);
	return hashes;
}

/**
 * Returns the file with its signature replaced by an ad-hoc one. The signature stays where
 * LC_CODE_SIGNATURE put it (everything before it is the signed code); its size, and __LINKEDIT's,
 * are set to the new blob's before the pages are hashed, since the load commands are in page 0.
 */
export function adHocSign(input: Uint8Array, identifier: string): Buffer {
	const parsed = layout(Buffer.from(input));
	const codeLimit = Buffer.from(input).readUInt32LE(parsed.signatureCommand + 8);
	const ident = Buffer.from(`${identifier}\0`, 'utf8');
	const slots = Math.ceil(codeLimit / pageSize);
	const hashOffset = codeDirectoryHeader + ident.length;
	const directoryLength = hashOffset + slots * hashSize;
	const blobLength = 12 + 8 + directoryLength;
	const signatureSize = Math.ceil(blobLength / 16) * 16;

	const file = Buffer.alloc(codeLimit + signatureSize);
	Buffer.from(input).copy(file, 0, 0, codeLimit);
	file.writeUInt32LE(signatureSize, parsed.signatureCommand + 12);
	const linkeditFileOff = file.readBigUInt64LE(parsed.linkedit + 40);
	const linkeditSize = BigInt(codeLimit + signatureSize) - linkeditFileOff;
	if (linkeditSize < 0n) throw new Error('the signature is not inside __LINKEDIT');
	file.writeBigUInt64LE(((linkeditSize + 0x3fffn) / 0x4000n) * 0x4000n, parsed.linkedit + 32);
	file.writeBigUInt64LE(linkeditSize, parsed.linkedit + 48);

	const blob = file.subarray(codeLimit);
	blob.writeUInt32BE(superBlobMagic, 0);
	blob.writeUInt32BE(blobLength, 4);
	blob.writeUInt32BE(1, 8);
	blob.writeUInt32BE(0, 12); // CSSLOT_CODEDIRECTORY
	blob.writeUInt32BE(20, 16);
	const directory = blob.subarray(20, 20 + directoryLength);
	directory.writeUInt32BE(codeDirectoryMagic, 0);
	directory.writeUInt32BE(directoryLength, 4);
	directory.writeUInt32BE(codeDirectoryVersion, 8);
	directory.writeUInt32BE(csAdhoc, 12);
	directory.writeUInt32BE(hashOffset, 16);
	directory.writeUInt32BE(codeDirectoryHeader, 20);
	directory.writeUInt32BE(0, 24); // no special slots: no Info.plist, requirements or resources
	directory.writeUInt32BE(slots, 28);
	directory.writeUInt32BE(codeLimit, 32);
	directory.writeUInt8(hashSize, 36);
	directory.writeUInt8(sha256Type, 37);
	directory.writeUInt8(0, 38); // platform
	directory.writeUInt8(pageShift, 39);
	// spare2, scatterOffset, teamOffset, spare3 and codeLimit64 stay 0.
	directory.writeBigUInt64BE(parsed.textFileOff, 64);
	directory.writeBigUInt64BE(parsed.textFileSize, 72);
	directory.writeBigUInt64BE(parsed.executable ? BigInt(execSegMainBinary) : 0n, 80);
	ident.copy(directory, codeDirectoryHeader);
	pageHashes(file, codeLimit).forEach((hash, index) => {
		hash.copy(directory, hashOffset + index * hashSize);
	});
	return file;
}

/** What is wrong with a Mach-O file's code signature; empty when every page hash matches. */
export function signatureProblems(input: Uint8Array): string[] {
	const file = Buffer.from(input);
	const parsed = layout(file);
	const [offset, size] = [file.readUInt32LE(parsed.signatureCommand + 8), file.readUInt32LE(parsed.signatureCommand + 12)];
	if (offset + size > file.length) return [`the signature (${offset}+${size}) runs past the end of the file (${file.length})`];
	const blob = file.subarray(offset, offset + size);
	if (blob.readUInt32BE(0) !== superBlobMagic) return ['no signature SuperBlob where LC_CODE_SIGNATURE points'];
	const problems: string[] = [];
	for (let index = 0; index < blob.readUInt32BE(8); index++) {
		if (blob.readUInt32BE(12 + index * 8) !== 0) continue;
		const directory = blob.subarray(blob.readUInt32BE(16 + index * 8));
		if (directory.readUInt32BE(0) !== codeDirectoryMagic) return ['slot 0 is not a CodeDirectory'];
		const [hashOffset, slots, codeLimit] = [directory.readUInt32BE(16), directory.readUInt32BE(28), directory.readUInt32BE(32)];
		if (directory[37] !== sha256Type || directory[39] !== pageShift) problems.push('not SHA-256 hashes of 4 KiB pages');
		if (codeLimit !== offset) problems.push(`the code limit ${codeLimit} is not where the signature starts (${offset})`);
		if (slots !== Math.ceil(codeLimit / pageSize)) problems.push(`${slots} page hashes for ${Math.ceil(codeLimit / pageSize)} pages`);
		pageHashes(file, codeLimit).forEach((hash, page) => {
			if (!hash.equals(directory.subarray(hashOffset + page * hashSize, hashOffset + (page + 1) * hashSize)))
				problems.push(`page ${page} (byte ${page * pageSize}) does not match its hash`);
		});
		return problems;
	}
	return ['no CodeDirectory'];
}
