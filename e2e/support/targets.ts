// Pages Playwright does not attach to, such as the popup the browser opens from the toolbar, seen
// and evaluated through the DevTools protocol's target list.
import type { CDPSession, Page } from '@playwright/test';

export interface Target {
	targetId: string;
	type: string;
	url: string;
}

/** Every target the browser lists: pages, popups, workers. */
export async function listTargets(cdp: CDPSession): Promise<Target[]> {
	return (await cdp.send('Target.getTargets')).targetInfos;
}

/** Waits until a target whose URL ends with `suffix` is listed. */
export async function waitForTarget(cdp: CDPSession, suffix: string, timeoutMs = 10_000): Promise<Target> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = (await listTargets(cdp)).find((target) => target.url.endsWith(suffix));
		if (found) return found;
		if (Date.now() > deadline) throw new Error(`no target ending with ${suffix} appeared`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Evaluates an expression in a target and returns its value (JSON-serialisable). */
export async function evaluateIn(cdp: CDPSession, target: Target, expression: string): Promise<unknown> {
	const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
	try {
		const id = Math.floor(Math.random() * 1e9);
		const answer = new Promise<unknown>((resolve, reject) => {
			const onMessage = (event: { sessionId?: string; message: string }) => {
				const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
				if (event.sessionId !== sessionId || message.id !== id) return;
				cdp.off('Target.receivedMessageFromTarget', onMessage);
				if (message.error) reject(new Error(JSON.stringify(message.error)));
				else resolve(message.result?.result?.value);
			};
			cdp.on('Target.receivedMessageFromTarget', onMessage);
		});
		const message = JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } });
		await cdp.send('Target.sendMessageToTarget', { sessionId, message });
		return await answer;
	} finally {
		await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
	}
}

/** A DevTools session on a page, for the target calls above. */
export function devtools(page: Page): Promise<CDPSession> {
	return page.context().newCDPSession(page);
}
