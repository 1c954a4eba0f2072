// Native messaging framing: a 32-bit length in the machine's byte order (little-endian on every
// platform browsers run on), then that many bytes of UTF-8 JSON.
import { maxHelperMessageBytes } from '../lib/helper-protocol';

/** What one frame decoded to: a value, or why it was refused (its bytes are skipped either way). */
export type Frame = { ok: true; value: unknown } | { ok: false; error: string };

/** Chrome refuses messages from a host larger than 1 MB. */
export const maxOutgoingBytes = 1024 * 1024;

/**
 * Returns a function that takes stdin chunks in any split and calls `onFrame` once per frame.
 * An oversized frame is skipped without being buffered, so a huge length cannot exhaust memory.
 */
export function frameDecoder(onFrame: (frame: Frame) => void, limit = maxHelperMessageBytes): (chunk: Buffer) => void {
	let pending: Buffer = Buffer.alloc(0);
	let skipping = 0;
	return (chunk) => {
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		for (;;) {
			if (skipping > 0) {
				const skipped = Math.min(skipping, pending.length);
				skipping -= skipped;
				pending = pending.subarray(skipped);
				if (skipping > 0) return;
			}
			if (pending.length < 4) return;
			const length = pending.readUInt32LE(0);
			if (length > limit) {
				onFrame({ ok: false, error: `message: ${length} bytes, more than the ${limit} accepted` });
				skipping = length;
				pending = pending.subarray(4);
				continue;
			}
			if (pending.length < 4 + length) return;
			const body = pending.subarray(4, 4 + length);
			pending = pending.subarray(4 + length);
			onFrame(parseBody(body));
		}
	};
}

function parseBody(body: Buffer): Frame {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(body);
	} catch {
		return { ok: false, error: 'message: not UTF-8' };
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false, error: 'message: not JSON' };
	}
}

/** One message as a frame; throws if it is larger than the browser accepts. */
export function encodeFrame(value: unknown): Buffer {
	const body = Buffer.from(JSON.stringify(value), 'utf8');
	if (body.length > maxOutgoingBytes) throw new RangeError(`message of ${body.length} bytes is larger than the browser accepts`);
	const header = Buffer.alloc(4);
	header.writeUInt32LE(body.length, 0);
	return Buffer.concat([header, body]);
}
