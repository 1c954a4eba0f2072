import { describe, expect, it } from 'vitest';
import { encodeFrame, type Frame, frameDecoder } from './framing';

describe('frameDecoder', () => {
	it('decodes frames however stdin splits them, byte by byte included', () => {
		const messages = [{ id: 1, type: 'hello' }, { text: 'é ü 漢字' }, []];
		const bytes = Buffer.concat(messages.map(encodeFrame));
		for (const size of [1, 3, 7, bytes.length]) {
			const frames: Frame[] = [];
			const feed = frameDecoder((frame) => frames.push(frame));
			for (let at = 0; at < bytes.length; at += size) feed(bytes.subarray(at, at + size));
			expect(frames).toEqual(messages.map((value) => ({ ok: true, value })));
		}
	});

	it('skips an oversized frame in pieces and decodes the next one', () => {
		const frames: Frame[] = [];
		const feed = frameDecoder((frame) => frames.push(frame), 100);
		const header = Buffer.alloc(4);
		header.writeUInt32LE(1000);
		feed(header);
		for (let index = 0; index < 10; index += 1) feed(Buffer.alloc(100, 0x7b));
		feed(encodeFrame({ id: 2 }));
		expect(frames).toEqual([
			{ ok: false, error: 'message: 1000 bytes, more than the 100 accepted' },
			{ ok: true, value: { id: 2 } },
		]);
	});

	it('refuses bytes that are not UTF-8', () => {
		const frames: Frame[] = [];
		const body = Buffer.from([0x22, 0xff, 0x22]);
		const header = Buffer.alloc(4);
		header.writeUInt32LE(body.length);
		frameDecoder((frame) => frames.push(frame))(Buffer.concat([header, body]));
		expect(frames).toEqual([{ ok: false, error: 'message: not UTF-8' }]);
	});

	it('will not send a message larger than the browser accepts', () => {
		expect(() => encodeFrame({ big: 'x'.repeat(1024 * 1024) })).toThrow(RangeError);
	});
});
