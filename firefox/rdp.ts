// Firefox's own remote debugging protocol, just enough to evaluate code in an add-on's background page,
// as about:debugging's "Inspect" does. WebDriver BiDi skips extension pages (bugzil.la/1755014).
// Packets are `length:json`; each actor answers its requests in order.
import { connect as connectTcp, createServer, type Socket } from 'node:net';

/** Code evaluation in one add-on's background page. */
export interface AddonConsole {
	/** Evaluates an expression there and returns its value, serialised with JSON; a thrown error rejects. */
	evaluate: (expression: string) => Promise<unknown>;
	close: () => void;
}

type Packet = Record<string, unknown> & { from?: string; type?: string };

/** One debugger connection: requests paired with replies, and evaluation results by id as they arrive. */
interface Connection {
	request: (to: string, type: string, extra?: Packet) => Promise<Packet>;
	socket: Socket;
	results: Map<string, Packet>;
	/** The forms of the targets (documents) the watcher has announced so far. */
	targets: { url: string; consoleActor: string }[];
}

/** A free local TCP port for Firefox's debugger server. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

/** Splits the byte stream into packets and hands each to `onPacket`. */
function readPackets(socket: Socket, onPacket: (packet: Packet) => void): void {
	let buffer = Buffer.alloc(0);
	socket.on('data', (chunk: Buffer) => {
		buffer = Buffer.concat([buffer, chunk]);
		for (;;) {
			const colon = buffer.indexOf(':');
			if (colon < 1) return;
			const length = Number(buffer.subarray(0, colon).toString('ascii'));
			if (buffer.length < colon + 1 + length) return;
			onPacket(JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet);
			buffer = buffer.subarray(colon + 1 + length);
		}
	});
}

/** Connects, retrying while Firefox starts its server, and returns a request function. */
async function open(port: number): Promise<Connection> {
	const deadline = Date.now() + 30_000;
	let socket: Socket | undefined;
	while (!socket) {
		socket = await new Promise<Socket | undefined>((resolve) => {
			const attempt = connectTcp(port, '127.0.0.1', () => resolve(attempt));
			attempt.once('error', () => resolve(undefined));
		});
		if (!socket && Date.now() > deadline) throw new Error(`no Firefox debugger server on port ${port}`);
		if (!socket) await new Promise((done) => setTimeout(done, 200));
	}
	const waiting = new Map<string, { resolve: (packet: Packet) => void; reject: (error: Error) => void }[]>();
	const results = new Map<string, Packet>();
	const targets: Connection['targets'] = [];
	let greeted: () => void = () => undefined;
	const greeting = new Promise<void>((resolve) => {
		greeted = resolve;
	});
	readPackets(socket, (packet) => {
		if (packet.from === 'root' && packet.applicationType) return greeted();
		if (packet.type === 'evaluationResult') return void results.set(String(packet.resultID), packet);
		if (packet.type === 'target-available-form') return void targets.push(packet.target as Connection['targets'][number]);
		// Replies carry no `type`; a packet with one is an event this client does not follow.
		if (packet.type && !packet.error) return;
		const next = waiting.get(packet.from ?? '')?.shift();
		if (packet.error) next?.reject(new Error(`${packet.from}: ${packet.error}: ${packet.message}`));
		else next?.resolve(packet);
	});
	await greeting;
	const connected = socket;
	const request = (to: string, type: string, extra: Packet = {}) =>
		new Promise<Packet>((resolve, reject) => {
			const queue = waiting.get(to) ?? [];
			queue.push({ resolve, reject });
			waiting.set(to, queue);
			const body = Buffer.from(JSON.stringify({ to, type, ...extra }), 'utf8');
			connected.write(`${body.length}:`);
			connected.write(body);
		});
	return { request, socket: connected, results, targets };
}

/** Opens the console of the add-on's background page, through the debugger server on `port`. */
export async function addonConsole(port: number, addonId: string): Promise<AddonConsole> {
	const { request, socket, results, targets } = await open(port);
	const { addons } = (await request('root', 'listAddons')) as { addons: { actor: string; id: string }[] };
	const descriptor = addons.find((addon) => addon.id === addonId);
	if (!descriptor) throw new Error(`the debugger server lists no add-on ${addonId}`);
	const watcher = await request(descriptor.actor, 'getWatcher');
	await request(String(watcher.actor), 'watchTargets', { targetType: 'frame' });
	const background = targets.find((target) => /_generated_background_page\.html$/.test(target.url));
	if (!background) throw new Error(`no background page among ${targets.map((target) => target.url).join(', ') || 'no targets'}`);
	const evaluate = async (expression: string) => {
		const text = `JSON.stringify((${expression}) ?? null)`;
		const answer = await request(background.consoleActor, 'evaluateJSAsync', { text });
		const id = String(answer.resultID);
		const deadline = Date.now() + 15_000;
		while (!results.has(id)) {
			if (Date.now() > deadline) throw new Error(`no result for: ${expression.slice(0, 80)}`);
			await new Promise((done) => setTimeout(done, 10));
		}
		const result = results.get(id) as Packet;
		results.delete(id);
		if (result.hasException || result.exceptionMessage)
			throw new Error(String(result.exceptionMessage ?? 'exception in the background page'));
		return typeof result.result === 'string' ? JSON.parse(result.result) : null;
	};
	return { evaluate, close: () => socket.destroy() };
}
