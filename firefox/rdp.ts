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

/** One document of the add-on, as the debugger server announces it. */
export interface AddonTarget {
	actor: string;
	url: string;
	consoleActor: string;
	/** The document's browsing context, which the browser's own scope can find its tab by. */
	browsingContextID?: number;
}

/** One debugger connection: requests paired with replies, and evaluation results by id as they arrive. */
interface Connection {
	request: (to: string, type: string, extra?: Packet) => Promise<Packet>;
	socket: Socket;
	results: Map<string, Packet>;
	/** The targets (documents) the watcher has announced and not yet seen destroyed. */
	targets: AddonTarget[];
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
		if (packet.type === 'target-available-form') return void targets.push(packet.target as AddonTarget);
		if (packet.type === 'target-destroyed-form') {
			const gone = targets.findIndex((target) => target.actor === (packet.target as AddonTarget).actor);
			if (gone >= 0) targets.splice(gone, 1);
			return;
		}
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

/** Every document of one add-on (background page, extension tabs), each with its console, and the add-on's own controls. */
export interface AddonDebugger {
	/** The add-on's live documents, updated as they come and go. */
	targets: readonly AddonTarget[];
	/** Evaluates an expression in one document and returns its value, serialised with JSON; a thrown error rejects. */
	evaluateIn: (target: AddonTarget, expression: string) => Promise<unknown>;
	/** Stops the background page, as Firefox does to an idle event page (about:debugging's "Terminate background script"). */
	terminateBackground: () => Promise<void>;
	/** Evaluates an expression in the browser's own (parent process) scope, as the Browser Console does. */
	evaluateInBrowser: (expression: string) => Promise<unknown>;
	close: () => void;
}

/** Attaches to every document of the add-on, through the debugger server on `port`. */
export async function addonDebugger(port: number, addonId: string): Promise<AddonDebugger> {
	const { request, socket, results, targets } = await open(port);
	const { addons } = (await request('root', 'listAddons')) as { addons: { actor: string; id: string }[] };
	const descriptor = addons.find((addon) => addon.id === addonId);
	if (!descriptor) throw new Error(`the debugger server lists no add-on ${addonId}`);
	const watcher = await request(descriptor.actor, 'getWatcher');
	await request(String(watcher.actor), 'watchTargets', { targetType: 'frame' });
	const evaluateIn = async (target: AddonTarget, expression: string) => {
		// Awaited as the console's top-level await does, so an expression may be a promise.
		const text = `(async () => { try { return JSON.stringify({ value: (await (${expression})) ?? null }); } catch (error) { return JSON.stringify({ error: String(error?.message ?? error) }); } })()`;
		const answer = await request(target.consoleActor, 'evaluateJSAsync', { text, mapped: { await: true } });
		const id = String(answer.resultID);
		const deadline = Date.now() + 15_000;
		while (!results.has(id)) {
			if (Date.now() > deadline) throw new Error(`no result for: ${expression.slice(0, 80)}`);
			await new Promise((done) => setTimeout(done, 10));
		}
		const result = results.get(id) as Packet;
		results.delete(id);
		if (result.hasException || result.exceptionMessage || result.topLevelAwaitRejected)
			throw new Error(String(result.exceptionMessage ?? `exception in ${target.url}`));
		const grip = result.result as string | { type?: string; actor?: string; length?: number } | undefined;
		let json = typeof grip === 'string' ? grip : undefined;
		// Long texts come as a handle to read in full.
		if (typeof grip === 'object' && grip?.type === 'longString' && grip.actor) {
			json = String((await request(grip.actor, 'substring', { start: 0, end: grip.length ?? 0 })).substring);
		}
		if (json === undefined) throw new Error(`no value from: ${expression.slice(0, 80)}`);
		const outcome = JSON.parse(json) as { value?: unknown; error?: string };
		if (outcome.error !== undefined) throw new Error(`${outcome.error} (in ${target.url})`);
		return outcome.value;
	};
	let browserScope: AddonTarget | undefined;
	return {
		targets,
		evaluateIn,
		evaluateInBrowser: async (expression) => {
			if (!browserScope) {
				const { processDescriptor } = (await request('root', 'getProcess', { id: 0 })) as { processDescriptor: { actor: string } };
				const { process } = (await request(processDescriptor.actor, 'getTarget')) as { process: AddonTarget };
				browserScope = process;
			}
			return evaluateIn(browserScope, expression);
		},
		terminateBackground: async () => {
			await request(descriptor.actor, 'terminateBackgroundScript');
		},
		close: () => socket.destroy(),
	};
}

/** Whether a target is the add-on's background page. */
export function isBackground(target: AddonTarget): boolean {
	return /_generated_background_page\.html$/.test(target.url);
}

/** Opens the console of the add-on's background page, through the debugger server on `port`. */
export async function addonConsole(port: number, addonId: string): Promise<AddonConsole> {
	const addon = await addonDebugger(port, addonId);
	const background = addon.targets.find(isBackground);
	if (!background) throw new Error(`no background page among ${addon.targets.map((target) => target.url).join(', ') || 'no targets'}`);
	return { evaluate: (expression) => addon.evaluateIn(background, expression), close: addon.close };
}
