// A DevTools Protocol channel to the extension's service worker, for the benchmark and the trace.
import type { BrowserContext } from '@playwright/test';

export interface WorkerChannel {
	call(method: string, params?: Record<string, unknown>): Promise<unknown>;
	detach(): Promise<void>;
}

/** A CDP channel to the extension's service worker target, through the browser's session. */
export async function workerChannel(context: BrowserContext, extensionId: string): Promise<WorkerChannel> {
	const browser = context.browser();
	if (!browser) throw new Error('no browser behind the context');
	const cdp = await browser.newBrowserCDPSession();
	const { targetInfos } = await cdp.send('Target.getTargets');
	const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.includes(extensionId));
	if (!target) throw new Error('the service worker target is gone');
	// Playwright's CDPSession cannot address a flat child session, so messages go through the parent.
	const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
	const waiting = new Map<number, (result: unknown) => void>();
	cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
		const answer = JSON.parse(message) as { id?: number; result?: unknown };
		if (answer.id !== undefined) waiting.get(answer.id)?.(answer.result);
	});
	let next = 0;
	const call = (method: string, params: Record<string, unknown> = {}) =>
		new Promise<unknown>((done) => {
			next += 1;
			waiting.set(next, done);
			void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: next, method, params }) });
		});
	return { call, detach: () => cdp.detach() };
}
