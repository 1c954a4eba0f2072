import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../e2e/support/png.ts';
import messages from '../public/_locales/en/messages.json' with { type: 'json' };
import { manifestPermissions, permissionsInTable, projectFile, root, section } from './markdown.ts';

const chrome = projectFile('store/chrome-web-store.md');
const amo = projectFile('store/amo.md');

/** The text to paste under a heading: its `text` block. */
function pasted(markdown: string, heading: string): string {
	const block = /```text\n([\s\S]*?)\n```/.exec(section(markdown, heading))?.[1];
	if (!block) throw new Error(`No text block under "${heading}"`);
	return block;
}

describe('the Chrome Web Store listing', () => {
	it('has a short description that is the manifest’s, within 132 characters, and a detailed one within 16,000', () => {
		expect(pasted(chrome, 'Short description')).toBe(messages.extensionDescription.message);
		expect(messages.extensionDescription.message.length).toBeLessThanOrEqual(132);
		expect(pasted(chrome, 'Detailed description').length).toBeLessThanOrEqual(16_000);
		expect(pasted(chrome, 'Single purpose').length).toBeGreaterThan(40);
	});

	it('justifies every permission manifest.json asks for, and no other', () => {
		expect(permissionsInTable(section(chrome, 'Permission justifications'))).toEqual(manifestPermissions());
	});
});

describe('the AMO listing', () => {
	it('has a summary within 250 characters and a description', () => {
		expect(pasted(amo, 'Summary').length).toBeLessThanOrEqual(250);
		expect(pasted(amo, 'Description').length).toBeGreaterThan(500);
	});

	it('explains every permission manifest.json asks for, and no other', () => {
		expect(permissionsInTable(section(amo, 'Permissions'))).toEqual(manifestPermissions());
	});
});

describe('the store images', () => {
	it('exist at the sizes the stores ask for: 1280×800 screenshots, a 440×280 promo tile', () => {
		const named = [...`${chrome}\n${amo}`.matchAll(/`(images\/[^`]+\.png)`/g)].map(([, path]) => path ?? '');
		const sizes = Object.fromEntries([...new Set(named)].sort().map((path) => [path, pngSize(readFileSync(join(root, 'store', path)))]));
		expect(sizes).toEqual({
			'images/promo-tile-440x280.png': { width: 440, height: 280 },
			'images/screenshot-1-popup.png': { width: 1280, height: 800 },
			'images/screenshot-2-options.png': { width: 1280, height: 800 },
			'images/screenshot-3-popup-dark.png': { width: 1280, height: 800 },
		});
	});
});
