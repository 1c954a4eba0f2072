// Mutual proof of a shared secret over any byte stream, then one sealed message each way. Windows
// named pipes cannot be restricted to one user from Node (libuv gives Everyone read access), so the
// pipe's ends prove to each other that they hold the per-install secret before anything of value moves:
//   client → server  version byte, client nonce (32 bytes)
//   server → client  server nonce (32), HMAC-SHA256(secret, "server" ‖ client nonce ‖ server nonce)
//   client → server  HMAC-SHA256(secret, "client" ‖ client nonce ‖ server nonce)
// Both nonces are fresh, so a recorded proof never fits again, and each proof names its direction, so
// a reflected one fails. What follows is sealed with AES-256-GCM under keys drawn from the same
// nonces: a process that relays the two ends to each other reads and changes nothing.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { byteReader } from './byte-reader';

const version = 1;
const nonceBytes = 32;
const proofBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
// One label per use, none a prefix of another, so no MAC input of one use can be read as another's.
const serverProof = 'mfa-session v1 server proof';
const clientProof = 'mfa-session v1 client proof';
const serverKey = 'mfa-session v1 server key';
const clientKey = 'mfa-session v1 client key';

/** The two ends of a proven connection: one sealed text each way. */
export interface SealedLink {
	send: (text: string) => void;
	receive: (maxBytes: number) => Promise<string>;
}

/** The reason a handshake was refused; the stream is destroyed with it. */
export class HandshakeError extends Error {}

function mac(secret: Buffer, label: string, clientNonce: Buffer, serverNonce: Buffer): Buffer {
	return createHmac('sha256', secret).update(label).update(clientNonce).update(serverNonce).digest();
}

function sealedLink(stream: Duplex, read: (n: number) => Promise<Buffer>, sendKey: Buffer, receiveKey: Buffer): SealedLink {
	return {
		send: (text) => {
			const iv = randomBytes(ivBytes);
			const cipher = createCipheriv('aes-256-gcm', sendKey, iv);
			const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
			const header = Buffer.alloc(4);
			header.writeUInt32BE(body.length);
			stream.write(Buffer.concat([header, iv, body, cipher.getAuthTag()]));
		},
		receive: async (maxBytes) => {
			const length = (await read(4)).readUInt32BE();
			if (length > maxBytes) refuse(stream, `sealed message: ${length} bytes, more than the ${maxBytes} allowed`);
			const frame = await read(ivBytes + length + tagBytes);
			const decipher = createDecipheriv('aes-256-gcm', receiveKey, frame.subarray(0, ivBytes));
			decipher.setAuthTag(frame.subarray(ivBytes + length));
			try {
				return Buffer.concat([decipher.update(frame.subarray(ivBytes, ivBytes + length)), decipher.final()]).toString('utf8');
			} catch {
				refuse(stream, 'sealed message: does not open with this connection’s key');
			}
		},
	};
}

function keys(secret: Buffer, clientNonce: Buffer, serverNonce: Buffer) {
	return { client: mac(secret, clientKey, clientNonce, serverNonce), server: mac(secret, serverKey, clientNonce, serverNonce) };
}

function refuse(stream: Duplex, reason: string): never {
	stream.destroy();
	throw new HandshakeError(reason);
}

/** The server's side: answers the client's challenge, then requires the client's proof. */
export async function acceptHandshake(stream: Duplex, secret: Buffer, maxBufferedBytes: number): Promise<SealedLink> {
	const read = byteReader(stream, maxBufferedBytes);
	const hello = await read(1 + nonceBytes);
	if (hello[0] !== version) refuse(stream, `handshake: version ${hello[0]}, not ${version}`);
	const clientNonce = hello.subarray(1);
	const serverNonce = randomBytes(nonceBytes);
	stream.write(Buffer.concat([serverNonce, mac(secret, serverProof, clientNonce, serverNonce)]));
	const proof = await read(proofBytes);
	if (!timingSafeEqual(proof, mac(secret, clientProof, clientNonce, serverNonce))) refuse(stream, 'handshake: the client’s proof is wrong');
	const { client, server } = keys(secret, clientNonce, serverNonce);
	return sealedLink(stream, read, server, client);
}

/** The client's side: sends nothing but a fresh nonce until the server has proven it holds the secret. */
export async function offerHandshake(stream: Duplex, secret: Buffer, maxBufferedBytes: number): Promise<SealedLink> {
	const read = byteReader(stream, maxBufferedBytes);
	const clientNonce = randomBytes(nonceBytes);
	stream.write(Buffer.concat([Buffer.of(version), clientNonce]));
	const answer = await read(nonceBytes + proofBytes);
	const serverNonce = answer.subarray(0, nonceBytes);
	const proof = answer.subarray(nonceBytes);
	if (!timingSafeEqual(proof, mac(secret, serverProof, clientNonce, serverNonce))) refuse(stream, 'handshake: the server’s proof is wrong');
	stream.write(mac(secret, clientProof, clientNonce, serverNonce));
	const { client, server } = keys(secret, clientNonce, serverNonce);
	return sealedLink(stream, read, client, server);
}
