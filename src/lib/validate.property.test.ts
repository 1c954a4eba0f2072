// Properties of the input checks over arbitrary input: what STS accepts is accepted, unchanged;
// everything else is refused with a message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMfaCode } from './mfa-code';
import { reservedNameReason } from './section-names';
import { parseAccessKeyId, parseEndpoint, parseMfaSerial, parseProfileName, parseSecretAccessKey } from './validate';

fc.configureGlobal({ seed: 20261123, numRuns: 300 });

const serialChars = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+=/:,.@-');

describe('validation properties', () => {
	it('accepts any six digits however they are spaced or split by a dash, and nothing else', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{6}$/), fc.nat(5), fc.constantFrom(' ', '-', '  '), (code, at, separator) => {
				const pasted = `${code.slice(0, at + 1)}${separator}${code.slice(at + 1)}`;
				expect(parseMfaCode(pasted)).toEqual({ ok: true, value: code });
			}),
		);
		fc.assert(
			fc.property(fc.string(), (raw) => {
				const result = parseMfaCode(raw);
				expect(result.ok).toBe(/^\d{6}$/.test(raw.replace(/[\s-]/g, '')));
			}),
		);
	});

	it("accepts every serial within STS's length and alphabet that is not an ARN, and refuses the rest", () => {
		fc.assert(
			fc.property(fc.string({ unit: serialChars, minLength: 9, maxLength: 256 }), (serial) => {
				fc.pre(!serial.startsWith('arn:'));
				expect(parseMfaSerial(serial)).toEqual({ ok: true, value: serial });
			}),
		);
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 300 }), (raw) => {
				const trimmed = raw.trim();
				const valid = /^[\w+=/:,.@-]{9,256}$/.test(trimmed);
				if (!valid) expect(parseMfaSerial(raw).ok).toBe(false);
			}),
		);
	});

	it('accepts long-term key ids of 16 to 128 word characters and refuses temporary ones', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^AKIA[A-Z0-9]{12,124}$/), (id) => {
				expect(parseAccessKeyId(id)).toEqual({ ok: true, value: id });
			}),
		);
		fc.assert(
			fc.property(fc.stringMatching(/^ASIA[A-Z0-9]{12,20}$/), (id) => {
				expect(parseAccessKeyId(id).ok).toBe(false);
			}),
		);
	});

	it('keeps any secret without inner whitespace, trimmed', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9+/]{1,60}$/), fc.constantFrom('', ' ', '\n', '\t '), (secret, pad) => {
				expect(parseSecretAccessKey(`${pad}${secret}${pad}`)).toEqual({ ok: true, value: secret });
			}),
		);
	});

	it('never accepts an endpoint that is not https, or http on loopback, or that carries user info', () => {
		fc.assert(
			fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), (url) => {
				const result = parseEndpoint(url);
				if (!result.ok || result.value === undefined) return;
				const parsed = new URL(result.value);
				expect(parsed.username).toBe('');
				expect(parsed.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)).toBe(true);
			}),
		);
	});

	it('accepts every https endpoint without user info, and http on loopback with any port', () => {
		const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/);
		fc.assert(
			fc.property(
				fc.array(label, { minLength: 2, maxLength: 4 }),
				fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
				(labels, port) => {
					const url = `https://${labels.join('.')}${port === undefined ? '' : `:${port}`}`;
					const result = parseEndpoint(url);
					expect(result.ok, url).toBe(true);
					if (result.ok) expect(new URL(result.value ?? '').host).toBe(new URL(url).host);
				},
			),
		);
		fc.assert(
			fc.property(fc.constantFrom('127.0.0.1', 'localhost', '[::1]'), fc.integer({ min: 1, max: 65_535 }), (host, port) => {
				expect(parseEndpoint(`http://${host}:${port}`).ok).toBe(true);
			}),
		);
	});

	it('only lets through profile names that fit a [section] header', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (raw) => {
				const result = parseProfileName(raw, []);
				if (result.ok) expect(result.value).toMatch(/^[\w.+@-]{1,64}$/);
			}),
		);
	});

	it('accepts every name of 1 to 64 letters, digits and . _ - + @ that is not taken nor read as something else by the AWS tools, and refuses a taken one in any case', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.stringMatching(/^[\w.+@-]{1,64}$/), fc.constantFrom('DEFAULT', '__proto__', 'constructor', 'valueOf')),
				(name) => {
					const reserved = reservedNameReason(name);
					expect(parseProfileName(` ${name} `, ['other'])).toEqual(reserved ? { ok: false, error: reserved } : { ok: true, value: name });
					expect(parseProfileName(name, [name.toUpperCase()]).ok).toBe(false);
					expect(parseProfileName(name, [name], name)).toEqual(reserved ? { ok: false, error: reserved } : { ok: true, value: name });
				},
			),
		);
	});
});
