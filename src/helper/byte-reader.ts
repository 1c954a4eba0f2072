// Reads a stream in pieces of known length: the handshake's fixed-size messages and sealed frames.
import type { Duplex } from 'node:stream';

/**
 * Returns a function that resolves with exactly the next `n` bytes, or fails when the stream ends,
 * errs, or sends more than `maxBufferedBytes` ahead of what was asked for (it is then destroyed).
 */
export function byteReader(stream: Duplex, maxBufferedBytes: number): (n: number) => Promise<Buffer> {
	let buffered = Buffer.alloc(0);
	let ended: Error | undefined;
	let waiting: { n: number; done: (bytes: Buffer) => void; failed: (error: Error) => void } | undefined;
	const settle = () => {
		if (!waiting) return;
		const { n, done, failed } = waiting;
		if (buffered.length >= n) {
			waiting = undefined;
			const bytes = buffered.subarray(0, n);
			buffered = buffered.subarray(n);
			done(bytes);
		} else if (ended) {
			waiting = undefined;
			failed(ended);
		}
	};
	stream.on('data', (chunk: Buffer) => {
		buffered = Buffer.concat([buffered, chunk]);
		if (buffered.length - (waiting?.n ?? 0) > maxBufferedBytes) {
			ended = new Error(`stream: more than ${maxBufferedBytes} bytes sent ahead`);
			stream.destroy();
		}
		settle();
	});
	stream.on('error', (error) => {
		ended ??= error;
		settle();
	});
	stream.once('close', () => {
		ended ??= new Error('stream: closed');
		settle();
	});
	stream.once('end', () => {
		ended ??= new Error('stream: ended');
		settle();
	});
	return (n) =>
		new Promise((done, failed) => {
			waiting = { n, done, failed };
			settle();
		});
}
