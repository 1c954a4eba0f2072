// The private X displays themselves: two started at once never share a number (and so never a
// clipboard), and closing one whose server already died returns instead of waiting forever.
import { expect, test } from '@playwright/test';
import { startDisplay } from './support/display';

test('two displays started at once get different numbers, each with its own clipboard', async () => {
	const [first, second] = await Promise.all([startDisplay(), startDisplay()]);
	try {
		expect(first.name).not.toBe(second.name);
		await first.setClipboard('on the first display');
		expect(await second.clipboard()).toBe('');
		expect(await first.clipboard()).toBe('on the first display');
	} finally {
		await Promise.all([first.close(), second.close()]);
	}
});

test('closing a display whose server already exited returns', async () => {
	const display = await startDisplay();
	await display.close();
	// The server is gone and its 'exit' event long past: a second close must not wait for another.
	await expect(display.close()).resolves.toBeUndefined();
});
