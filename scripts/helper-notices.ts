// THIRD_PARTY_NOTICES.txt of the command-line helper. The helper's own code bundles no npm package
// (its build would name one: scripts/build-helper.mjs bundles everything it imports), so what it
// carries from others is the runtime of its executables: Bun, and what Bun links statically. The
// list follows the LICENSE.md of the Bun release pinned in package-lock.json; the text is embedded in
// every executable (`mfa-session-helper notices`) and written beside them in a release.
import { readFileSync } from 'node:fs';
import { lockedPackage } from './bun-runtimes.ts';

/** The file's name: in dist-helper/, inside each executable, and beside them in artifacts/. */
export const helperNoticesFile = 'THIRD_PARTY_NOTICES.txt';

/** One component inside Bun's runtime: its name, its license as its authors state it, and its source. */
export interface RuntimeComponent {
	name: string;
	license: string;
	source: string;
}

/** What Bun links statically, per Bun's LICENSE.md. */
export const linkedLibraries: readonly RuntimeComponent[] = [
	{
		name: 'JavaScriptCore and WebCore (WebKit, as patched for Bun)',
		license: 'LGPL-2.0 and BSD-2-Clause, per file',
		source: 'https://github.com/oven-sh/WebKit',
	},
	{ name: 'BoringSSL', license: 'OpenSSL, ISC and others (its LICENSE file)', source: 'https://boringssl.googlesource.com/boringssl/' },
	{ name: 'brotli', license: 'MIT', source: 'https://github.com/google/brotli' },
	{ name: 'libarchive', license: 'BSD-2-Clause and others (its COPYING file)', source: 'https://github.com/libarchive/libarchive' },
	{ name: 'lol-html', license: 'BSD-3-Clause', source: 'https://github.com/cloudflare/lol-html' },
	{ name: 'ls-hpack', license: 'MIT', source: 'https://github.com/litespeedtech/ls-hpack' },
	{ name: 'ls-qpack', license: 'MIT', source: 'https://github.com/litespeedtech/ls-qpack' },
	{ name: 'lsquic', license: 'MIT, with parts from Chromium under BSD-3-Clause', source: 'https://github.com/litespeedtech/lsquic' },
	{ name: 'mimalloc', license: 'MIT', source: 'https://github.com/microsoft/mimalloc' },
	{ name: 'picohttpparser', license: 'Perl License or MIT', source: 'https://github.com/h2o/picohttpparser' },
	{ name: 'zstd', license: 'BSD-3-Clause or GPL-2.0', source: 'https://github.com/facebook/zstd' },
	{ name: 'simdutf', license: 'Apache-2.0', source: 'https://github.com/simdutf/simdutf' },
	{ name: 'tinycc', license: 'LGPL-2.1', source: 'https://github.com/tinycc/tinycc' },
	{ name: 'uSockets', license: 'Apache-2.0', source: 'https://github.com/uNetworking/uSockets' },
	{ name: 'uWebSockets (Bun’s fork)', license: 'Apache-2.0', source: 'https://github.com/jarred-sumner/uwebsockets' },
	{ name: 'zlib-ng', license: 'Zlib', source: 'https://github.com/zlib-ng/zlib-ng' },
	{ name: 'c-ares', license: 'MIT', source: 'https://github.com/c-ares/c-ares' },
	{ name: 'ICU 72', license: 'Unicode-3.0 (its icu4c/LICENSE file)', source: 'https://github.com/unicode-org/icu' },
	{ name: 'libbase64', license: 'BSD-2-Clause', source: 'https://github.com/aklomp/base64' },
	{ name: 'libuv (Windows executable only)', license: 'MIT', source: 'https://github.com/libuv/libuv' },
	{ name: 'libdeflate', license: 'MIT', source: 'https://github.com/ebiggers/libdeflate' },
	{ name: 'libjpeg-turbo', license: 'BSD-3-Clause, IJG and Zlib', source: 'https://github.com/libjpeg-turbo/libjpeg-turbo' },
	{ name: 'libspng', license: 'BSD-2-Clause', source: 'https://github.com/randy408/libspng' },
	{ name: 'libwebp', license: 'BSD-3-Clause', source: 'https://github.com/webmproject/libwebp' },
	{ name: 'highway', license: 'Apache-2.0', source: 'https://github.com/google/highway' },
	{ name: 'uucode', license: 'MIT', source: 'https://github.com/jacobsandlund/uucode' },
	{ name: 'parts of TigerBeetle’s I/O code', license: 'Apache-2.0', source: 'https://github.com/tigerbeetle/tigerbeetle' },
	{
		name: 'the __cxa_thread_atexit fallback of LLVM libc++abi',
		license: 'Apache-2.0 WITH LLVM-exception',
		source: 'https://github.com/llvm/llvm-project',
	},
];

/** npm packages Bun keeps inside its runtime (all MIT) and supplies when a program imports them. */
export const embeddedPolyfills: readonly string[] = [
	'acorn',
	'acorn-walk',
	'assert',
	'browserify-zlib',
	'buffer',
	'constants-browserify',
	'crypto-browserify',
	'domain-browser',
	'events',
	'https-browserify',
	'os-browserify',
	'path-browserify',
	'process',
	'punycode',
	'querystring-es3',
	'stream-browserify',
	'stream-http',
	'string_decoder',
	'timers-browserify',
	'tty-browserify',
	'url',
	'util',
	'vm-browserify',
];

/** The MIT license's terms, which the helper and Bun are both under. */
const mitTerms = [
	'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and',
	'associated documentation files (the "Software"), to deal in the Software without restriction,',
	'including without limitation the rights to use, copy, modify, merge, publish, distribute,',
	'sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is',
	'furnished to do so, subject to the following conditions:',
	'',
	'The above copyright notice and this permission notice shall be included in all copies or',
	'substantial portions of the Software.',
	'',
	'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT',
	'NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND',
	'NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES',
	'OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN',
	'CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.',
].join('\n');

/** The notices for executables built on Bun `bunVersion`. */
export function helperNotices(bunVersion: string): string {
	if (!/^\d+\.\d+\.\d+$/.test(bunVersion)) throw new Error(`not a Bun release version: ${bunVersion}`);
	const tag = `bun-v${bunVersion}`;
	const width = Math.max(...linkedLibraries.map((library) => library.name.length));
	return [
		'Third-party software in the mfa-session-helper executables',
		'',
		`Each executable is the Bun ${bunVersion} runtime (npm package @oven/bun-<system>-<arch>@${bunVersion},`,
		'integrity checked against package-lock.json) with the helper’s own code inside. The helper’s own code',
		'bundles no third-party package. Bun is under the MIT license; the libraries below are linked into it',
		'statically, each under its own license, whose full text is in its source.',
		'',
		'== Bun',
		`Source: https://github.com/oven-sh/bun (tag ${tag}); license: MIT, as its LICENSE.md states.`,
		'',
		mitTerms,
		'',
		'== Linked into Bun',
		...linkedLibraries.map((library) => `${library.name.padEnd(width)}  ${library.license}; ${library.source}`),
		'',
		'== Kept inside Bun for programs that import them (npm packages, MIT)',
		embeddedPolyfills.join(', '),
		'',
		'== The LGPL components (JavaScriptCore, WebCore, tinycc)',
		'They are linked statically, so their corresponding source and the means to relink are offered here:',
		`the Bun source at tag ${tag} names, in its build scripts, the commit of https://github.com/oven-sh/WebKit`,
		'it was built with; Bun’s LICENSE.md at that tag gives the commands that rebuild JavaScriptCore and',
		'relink the runtime. An executable of this helper is that runtime with a program appended: build the',
		'runtime again with your changes and run `bun build --compile --compile-executable-path=<your runtime>`',
		'on src/helper/main.ts from this helper’s source archive, as scripts/build-helper-executable.ts does,',
		'to get the same helper on your modified runtime.',
		'',
	].join('\n');
}

/** The notices for the Bun version package-lock.json pins. */
export function lockedHelperNotices(lockFile = 'package-lock.json'): string {
	return helperNotices(lockedPackage(JSON.parse(readFileSync(lockFile, 'utf8')), 'bun').version);
}
