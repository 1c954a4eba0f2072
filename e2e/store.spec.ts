// The images the Chrome Web Store and addons.mozilla.org show, made from the real extension on every
// run, like the README's screenshots: 1280×800 screenshots and Chrome's 440×280 promo tile.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import messages from '../public/_locales/en/messages.json' with { type: 'json' };
import { alice, aliceProfile, expect, passphrase, test } from './support/fixtures';
import type { ExtensionBrowser } from './support/launch';
import { expectNewSession, openPage, saveProfile, typeCode } from './support/pages';
import { pngSize } from './support/png';

const images = join(import.meta.dirname, '..', 'store', 'images');
const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** The popup with a live session, captured at twice its size so it stays sharp in a 1280×800 frame. */
async function popupShot(ext: ExtensionBrowser, scheme: 'light' | 'dark', code: string): Promise<Buffer> {
	const popup = await ext.context.newPage();
	await popup.emulateMedia({ colorScheme: scheme });
	const cdp = await ext.context.newCDPSession(popup);
	await cdp.send('Emulation.setDeviceMetricsOverride', { width: 340, height: 420, deviceScaleFactor: 2, mobile: false });
	await popup.goto(`chrome-extension://${ext.extensionId}/src/popup/index.html`);
	await typeCode(popup, code);
	await expectNewSession(popup);
	const shot = await popup.locator('body').screenshot();
	await popup.close();
	return shot;
}

/** Renders a store image from HTML at exactly its pixel size, and saves it. */
async function render(page: Page, file: string, size: { width: number; height: number }, html: string): Promise<void> {
	await page.setViewportSize(size);
	await page.setContent(`<!doctype html><meta charset="utf-8"><body style="margin:0">${html}</body>`);
	await page.locator('img').evaluateAll((all) => Promise.all(all.map((img) => (img as HTMLImageElement).decode())));
	await page.screenshot({ path: join(images, file) });
}

/** A 1280×800 frame: the popup's screenshot beside one line of what it shows. */
function popupFrame(popup: Buffer, scheme: 'light' | 'dark', caption: string): string {
	const [background, color] = scheme === 'light' ? ['#eef2f6', '#1b2430'] : ['#161b22', '#e6edf3'];
	return `<div style="width:1280px;height:800px;display:flex;align-items:center;justify-content:center;gap:72px;background:${background};color:${color};font:600 40px/1.3 system-ui,sans-serif">
		<p style="width:460px;margin:0">${caption}</p>
		<img src="${dataUrl(popup)}" style="width:510px;border-radius:12px;box-shadow:0 12px 40px #0005">
	</div>`;
}

test('store images: screenshots and the promo tile, from the real popup and options page', async ({ ext, sts }) => {
	const options = await openPage(ext, 'options');
	await saveProfile(options, aliceProfile(sts), passphrase);
	await expect(options.getByRole('status')).toContainText('saved');
	const light = await popupShot(ext, 'light', sts.freshCode(alice));
	const dark = await popupShot(ext, 'dark', sts.freshCode(alice));

	await options.setViewportSize({ width: 1280, height: 800 });
	await options.reload();
	await options.getByRole('heading').first().waitFor();
	await options.evaluate(() => window.scrollTo(0, 0));
	await options.screenshot({ path: join(images, 'screenshot-2-options.png') });

	const canvas = await ext.context.newPage();
	await render(
		canvas,
		'screenshot-1-popup.png',
		{ width: 1280, height: 800 },
		popupFrame(light, 'light', 'Six digits from your MFA app, and the session is ready to paste.'),
	);
	await render(
		canvas,
		'screenshot-3-popup-dark.png',
		{ width: 1280, height: 800 },
		popupFrame(dark, 'dark', 'Copy it as shell lines, a credentials file section or credential_process JSON.'),
	);
	const icon = await readFile(join(import.meta.dirname, '..', 'public', 'icons', 'icon-128.png'));
	await render(
		canvas,
		'promo-tile-440x280.png',
		{ width: 440, height: 280 },
		`<div style="width:440px;height:280px;box-sizing:border-box;padding:36px;display:flex;flex-direction:column;justify-content:center;gap:16px;background:#1b2430;color:#fff;font:16px/1.35 system-ui,sans-serif">
			<div style="display:flex;align-items:center;gap:16px"><img src="${dataUrl(icon)}" style="width:64px;height:64px"><strong style="font-size:32px">${messages.extensionName.message}</strong></div>
			<p style="margin:0;font-size:19px">${messages.extensionDescription.message}</p>
		</div>`,
	);

	const sizes = await Promise.all(
		['screenshot-1-popup.png', 'screenshot-2-options.png', 'screenshot-3-popup-dark.png', 'promo-tile-440x280.png'].map(async (file) =>
			pngSize(await readFile(join(images, file))),
		),
	);
	expect(sizes).toEqual([
		{ width: 1280, height: 800 },
		{ width: 1280, height: 800 },
		{ width: 1280, height: 800 },
		{ width: 440, height: 280 },
	]);
});
