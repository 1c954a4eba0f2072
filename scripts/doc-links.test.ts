// The documents link to each other and to the code by relative paths and heading anchors; text moved
// from one page to another must take its links with it, so every one is followed here.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectFile, root } from './markdown.ts';

const documents = [
	'README.md',
	'PRIVACY.md',
	'SECURITY.md',
	'CHANGELOG.md',
	...readdirSync(join(root, 'docs'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `docs/${name}`),
	...readdirSync(join(root, 'store'))
		.filter((name) => name.endsWith('.md'))
		.map((name) => `store/${name}`),
];

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}_\- ]/gu, '')
		.replaceAll(' ', '-');
}

function anchorsIn(path: string): Set<string> {
	const text = projectFile(path).replace(/^```[\s\S]*?^```/gm, '');
	return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] ?? '')));
}

/** Every relative link of a document, outside code blocks and inline code. */
function linksIn(path: string): string[] {
	const text = projectFile(path)
		.replace(/^```[\s\S]*?^```/gm, '')
		.replace(/`[^`\n]*`/g, '');
	return [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '').filter((target) => !/^[a-z]+:/.test(target));
}

describe('links between the documents', () => {
	it('makes anchors as GitHub does', () => {
		expect(anchorOf('What happens when…')).toBe('what-happens-when');
		expect(anchorOf('`exec` and `serve`: tools that read only the environment')).toBe(
			'exec-and-serve-tools-that-read-only-the-environment',
		);
		expect(anchorOf('Console sign-in: profiles with no access key')).toBe('console-sign-in-profiles-with-no-access-key');
	});

	it.each(documents)('%s: every relative link reaches a file, and every anchor a heading in it', (path) => {
		const broken: string[] = [];
		for (const target of linksIn(path)) {
			const [file = '', anchor] = target.split('#');
			const reached = file === '' ? path : relative(root, join(root, dirname(path), file));
			if (!existsSync(join(root, reached))) broken.push(`${target}: no ${reached}`);
			else if (anchor !== undefined && reached.endsWith('.md') && !anchorsIn(reached).has(anchor))
				broken.push(`${target}: no heading #${anchor} in ${reached}`);
		}
		expect(broken).toEqual([]);
	});
});
