// The one way a ceremony's PRF output reaches the worker: a port the page opens for that one
// request, so the output is never broadcast to every page as a runtime message would be.
import browser, { type Runtime } from '../browser';
import { t } from '../i18n';
import { type PasskeyAnswer, parsePasskeyRequest, passkeyPortName } from '../lib/passkey-input';
import { isOwnPage } from '../lib/sender';
import { toErrorInfo, UserError } from '../lib/user-error';
import { addPasskey, unlockWithPasskey } from './vault';

/** Serves a passkey port from one of the extension's own pages; any other port is left alone. */
export function acceptPasskeyPort(port: Runtime.Port, ready: Promise<unknown>): void {
	if (port.name !== passkeyPortName) return;
	if (!port.sender || !isOwnPage(port.sender, browser.runtime.id, browser.runtime.getURL('/'))) {
		port.disconnect();
		return;
	}
	let used = false;
	port.onMessage.addListener(async (message: unknown) => {
		// One request per port: a page that wants another ceremony opens another port.
		if (used) return;
		used = true;
		const request = parsePasskeyRequest(message);
		let answer: PasskeyAnswer;
		try {
			await ready;
			if (!request) throw new UserError(t('passkeyRequestRefused'), 'passkey', 'refused');
			if (request.kind === 'unlock') await unlockWithPasskey(request);
			else await addPasskey(request);
			answer = { ok: true };
		} catch (error) {
			if (!(error instanceof UserError)) console.error('MFA Session: passkey request failed:', error instanceof Error ? error.name : '');
			answer = { ok: false, ...toErrorInfo(error) };
		}
		try {
			port.postMessage(answer);
		} catch {
			// The page closed before the answer: the outcome is in storage for the next look.
		}
	});
}
