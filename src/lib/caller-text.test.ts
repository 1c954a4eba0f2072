import { describe, expect, it } from 'vitest';
import { callerText, maxCallerChars } from './caller-text';

describe('callerText', () => {
	it('keeps an ordinary command line as it is', () => {
		expect(callerText('aws sts get-caller-identity --profile work')).toBe('aws sts get-caller-identity --profile work');
		expect(callerText('python3 -m awscli s3 ls s3://bücher-😀/')).toBe('python3 -m awscli s3 ls s3://bücher-😀/');
	});

	it('turns control characters and line breaks into spaces', () => {
		expect(callerText('aws\0s3\tls\r\nrm -rf ~\u0085x\u2028y\u2029z')).toBe('aws s3 ls rm -rf ~ x y z');
		expect(callerText('aws \u001b[2K\u001b[1Aok\u0007')).toBe('aws [2K [1Aok');
	});

	it('drops bidi overrides and isolates, zero-width and other format characters', () => {
		// "aws s3 rm" shown reversed as "mr 3s swa" by U+202E, hidden by U+2066-U+2069, split by zero widths.
		const disguised = 'aws \u202Emr 3s\u202C \u2066x\u2069 \u200Bs\u200Ct\u200Ds\u2060 \uFEFF\u061C\u200E\u200F\u00AD';
		expect(callerText(disguised)).toBe('aws mr 3s x sts');
		expect(callerText('\u202Aa\u202Bb\u202Dc\u2067d\u2068e')).toBe('abcde');
	});

	it('drops lone surrogates, private-use and unassigned code points', () => {
		expect(callerText('a\uD800b\uDFFFc\uE000d\u{F0000}e\u0378f')).toBe('abcdef');
	});

	it('cuts a long command line short, by characters, with an ellipsis', () => {
		const long = `aws ${'x'.repeat(400)}`;
		const shown = callerText(long);
		expect([...shown]).toHaveLength(maxCallerChars);
		expect(shown.endsWith('…')).toBe(true);
		expect(shown.startsWith('aws xxx')).toBe(true);
		// Emoji are not split into halves.
		const emoji = callerText('😀'.repeat(200));
		expect([...emoji]).toHaveLength(maxCallerChars);
		expect(emoji).toBe(`${'😀'.repeat(maxCallerChars - 1)}…`);
	});

	it('leaves nothing of a command line made only of hidden characters', () => {
		expect(callerText('\u202E\u200B\u0000\n')).toBe('');
	});
});
