// The native port to the command-line helper. The browser starts the helper when the port opens
// and ends it when the port closes (the worker stopped), so the port is opened again at start-up
// and on an alarm. Only temporary credentials ever go through it.
import browser, { type Runtime } from '../browser';
import {
	checkHelperAnswer,
	checkHelperInfo,
	type HelperAsk,
	type HelperRequest,
	type HelperState,
	helloProtocol,
	helperHostName,
	helperProtocol,
	type ReceivedAnswer,
} from '../lib/helper-protocol';
import { portRequests } from '../lib/port-requests';
import * as storage from '../storage';

/** The alarm that reopens the port if the helper went away. */
export const helperAlarm = 'helper-reconnect';

type Outgoing = HelperRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

// A port and pending callbacks, never a secret: they die with the worker, and so does the helper.
let port: Runtime.Port | undefined;
/** Whether the open port's helper said hello with this extension's protocol; until then only hello is sent. */
let agreed = false;
const pending = portRequests<ReceivedAnswer>();
let onAsk: (ask: HelperAsk) => void = () => undefined;
let onConnect: () => void = () => undefined;
let lastAttempt = 0;
const retryMs = 5_000;

/** Sends one request and waits for its answer; with no helper, answers with an error at once. */
export function helperRequest(message: Outgoing): Promise<ReceivedAnswer> {
	if (!port || (!agreed && message.type !== 'hello'))
		return Promise.resolve({ id: null, ok: false, error: { code: 'io', message: 'not connected' } });
	const { id, answer } = pending.open();
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
		// Checked like anything from outside: an ask names a profile, an answer a request we made.
		const checked = checkHelperAnswer(message);
		if (checked && 'ask' in checked) onAsk(checked.ask);
		else if (checked) pending.settle(checked.answer.id, checked.answer);
	});
	opened.onDisconnect.addListener(() => {
		// Chrome says why in lastError (host not found, exited); Firefox in the port's error.
		const error = browser.runtime.lastError?.message ?? opened.error?.message ?? 'disconnected';
		if (port === opened) [port, agreed] = [undefined, false];
		pending.settleAll({ id: null, ok: false, error: { code: 'io', message: error } });
		void storage.get('helperState').then((state) => storage.set({ helperState: { ...state, connected: false, error } }));
	});
	const hello = await helperRequest({ type: 'hello', protocol: helperProtocol });
	if (port !== opened) return;
	const leave = (helperState: HelperState) => {
		[port, agreed] = [undefined, false];
		opened.disconnect();
		return storage.set({ helperState });
	};
	// A helper that refuses hello, or says it in a shape no helper of this protocol has, gets nothing
	// more; the port is closed so that the alarm tries again, rather than left open and unused.
	if (!hello.ok) return leave({ connected: false, problems: {}, error: hello.error.message });
	const spoken = helloProtocol(hello.info) ?? { version: 'unknown', protocol: 0 };
	// Too old or too new: it gets nothing, and the options page says which helper to install.
	if (spoken.protocol !== helperProtocol) return leave({ connected: false, problems: {}, incompatible: spoken });
	const info = checkHelperInfo(hello.info);
	if (!info) return leave({ connected: false, problems: {}, error: 'the helper described itself in a shape this extension cannot read' });
	agreed = true;
	await storage.set({
		helperState: { ...(await storage.get('helperState')), connected: true, info, error: undefined, incompatible: undefined },
	});
	onConnect();
}

/** Checks every minute that the port is open, so `credential_process` comes back without a click. */
export async function keepHelperAlarm(wanted: boolean): Promise<void> {
	// Created once: creating it again would push its next firing back each time.
	if (!wanted) await browser.alarms.clear(helperAlarm);
	else if (!(await browser.alarms.get(helperAlarm))) await browser.alarms.create(helperAlarm, { periodInMinutes: 1 });
}
