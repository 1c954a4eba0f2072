// Gzip bytes of each entry point's whole script graph in the built extension: the entry and
// every chunk it imports, followed statically through the bundle.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface GraphSize {
	entry: string;
	files: { path: string; gzipBytes: number }[];
	gzipBytes: number;
}

const importPattern = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.js)["']/g;

function graphOf(dist: string, start: string): string[] {
	const seen = new Set<string>();
	const visit = (path: string) => {
		if (seen.has(path)) return;
		seen.add(path);
		const code = readFileSync(join(dist, path), 'utf8');
		for (const [, specifier = ''] of code.matchAll(importPattern)) {
			visit(specifier.startsWith('/') ? specifier.slice(1) : posix.join(posix.dirname(path), specifier));
		}
	};
	visit(start);
	return [...seen];
}

function sizeOf(dist: string, entry: string, starts: string[]): GraphSize {
	const paths = [...new Set(starts.flatMap((start) => graphOf(dist, start)))];
	const files = paths.map((path) => ({ path, gzipBytes: gzipSync(readFileSync(join(dist, path)), { level: 9 }).length }));
	return { entry, files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

/** The script graph of the service worker and of each extension page named in the manifest. */
export function measureBundles(dist: string): GraphSize[] {
	const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8'));
	const worker: string = manifest.background.service_worker;
	const pages: Record<string, string> = { popup: manifest.action.default_popup, options: manifest.options_ui.page };
	const sizes = [sizeOf(dist, 'service worker', [worker])];
	for (const [name, page] of Object.entries(pages)) {
		const html = readFileSync(join(dist, page), 'utf8');
		const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map(([, src = '']) =>
			src.startsWith('/') ? src.slice(1) : join(dirname(page), src),
		);
		sizes.push(sizeOf(dist, name, scripts));
	}
	return sizes;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	for (const graph of measureBundles(process.argv[2] ?? 'dist')) {
		console.log(`${graph.entry}: ${graph.gzipBytes} B gzip (${graph.files.map((file) => `${file.path} ${file.gzipBytes}`).join(', ')})`);
	}
}
