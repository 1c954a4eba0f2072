// The native port to the command-line helper. The browser starts the helper when the port opens
// and ends it when the port closes (the worker stopped), so the port is opened again at start-up
// and on an alarm. Only temporary credentials ever go through it.
import browser, { type Runtime } from '../browser';
import { callerText } from '../lib/caller-text';
import {
	type HelperAnswer,
	type HelperAsk,
	type HelperRequest,
	helloProtocol,
	helperHostName,
	helperProtocol,
	isProfileName,
} from '../lib/helper-protocol';
import * as storage from '../storage';

/** The alarm that reopens the port if the helper went away. */
export const helperAlarm = 'helper-reconnect';

type Outgoing = HelperRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

// A port and pending callbacks, never a secret: they die with the worker, and so does the helper.
let port: Runtime.Port | undefined;
/** Whether the open port's helper said hello with this extension's protocol; until then only hello is sent. */
let agreed = false;
let lastId = 0;
const pending = new Map<number, (answer: HelperAnswer) => void>();
let onAsk: (ask: HelperAsk) => void = () => undefined;
let onConnect: () => void = () => undefined;
let lastAttempt = 0;
const retryMs = 5_000;

/** Sends one request and waits for its answer; with no helper, answers with an error at once. */
export function helperRequest(message: Outgoing): Promise<HelperAnswer> {
	const id = ++lastId;
	if (!port || (!agreed && message.type !== 'hello'))
		return Promise.resolve({ id, ok: false, error: { code: 'io', message: 'not connected' } });
	const answer = new Promise<HelperAnswer>((resolve) => pending.set(id, resolve));
	port.postMessage({ ...message, id });
	return answer;
}

/** Whether the port is open now. */
export function helperConnected(): boolean {
	return port !== undefined && agreed;
}

/** Opens the port unless it is open; `ask` handles tools waiting for a session, `connected` runs after hello. */
export async function connectHelper(handlers?: { ask: (ask: HelperAsk) => void; connected: () => void }): Promise<void> {
	if (handlers) ({ ask: onAsk, connected: onConnect } = handlers);
	// A missing helper is not looked for again at every storage change: at most every few seconds.
	if (port || Date.now() - lastAttempt < retryMs) return;
	lastAttempt = Date.now();
	const opened = browser.runtime.connectNative(helperHostName);
	port = opened;
	agreed = false;
	opened.onMessage.addListener((message: unknown) => {
		const { type, id, profile, caller, ok } = (message ?? {}) as Record<string, unknown>;
		// Checked like anything from outside: an ask names a profile, an answer a request we made.
		if (type === 'ask' && isProfileName(profile) && typeof caller === 'string')
			return onAsk({ type, profile, caller: callerText(caller.slice(0, 1000)) });
		if (typeof id !== 'number' || typeof ok !== 'boolean') return;
		pending.get(id)?.(message as HelperAnswer);
		pending.delete(id);
	});
	opened.onDisconnect.addListener(() => {
		// Chrome says why in lastError (host not found, exited); Firefox in the port's error.
		const error = browser.runtime.lastError?.message ?? opened.error?.message ?? 'disconnected';
		if (port === opened) [port, agreed] = [undefined, false];
		for (const resolve of pending.values()) resolve({ id: null, ok: false, error: { code: 'io', message: error } });
		pending.clear();
		void storage.get('helperState').then((state) => storage.set({ helperState: { ...state, connected: false, error } }));
	});
	const hello = await helperRequest({ type: 'hello', protocol: helperProtocol });
	if (!hello.ok || port !== opened) return;
	const spoken = helloProtocol(hello.info) ?? { version: 'unknown', protocol: 0 };
	if (spoken.protocol !== helperProtocol) {
		// Too old or too new: it gets nothing, and the options page says which helper to install.
		[port, agreed] = [undefined, false];
		opened.disconnect();
		await storage.set({ helperState: { connected: false, problems: {}, incompatible: spoken } });
		return;
	}
	agreed = true;
	await storage.set({
		helperState: { ...(await storage.get('helperState')), connected: true, info: hello.info, error: undefined, incompatible: undefined },
	});
	onConnect();
}

/** Checks every minute that the port is open, so `credential_process` comes back without a click. */
export async function keepHelperAlarm(wanted: boolean): Promise<void> {
	// Created once: creating it again would push its next firing back each time.
	if (!wanted) await browser.alarms.clear(helperAlarm);
	else if (!(await browser.alarms.get(helperAlarm))) await browser.alarms.create(helperAlarm, { periodInMinutes: 1 });
}
