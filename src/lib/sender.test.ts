import { describe, expect, it } from 'vitest';
import { isOwnPage } from './sender';

const id = 'abcdefghijklmnopabcdefghijklmnop';
const origin = `chrome-extension://${id}/`;

describe('sender check', () => {
	it('answers our own pages', () => {
		expect(isOwnPage({ id, url: `${origin}src/popup/index.html` }, id, origin)).toBe(true);
		expect(isOwnPage({ id, url: `moz-extension://${id}/x.html` }, id, `moz-extension://${id}/`)).toBe(true);
	});

	it('refuses web pages, content scripts, other extensions and senders without a URL', () => {
		expect(isOwnPage({ id, url: 'http://127.0.0.1:8080/', tab: {} }, id, origin)).toBe(false);
		expect(
			isOwnPage({ id: 'otherextensionidotherextensionid', url: 'chrome-extension://otherextensionidotherextensionid/p.html' }, id, origin),
		).toBe(false);
		expect(isOwnPage({ id, url: `chrome-extension://${id}.evil.example/` }, id, origin)).toBe(false);
		expect(isOwnPage({ id }, id, origin)).toBe(false);
		expect(isOwnPage({ id, url: 'not a url' }, id, origin)).toBe(false);
	});
});
