// The exported text: a live session written the way each tool reads it. Quoting follows each
// consumer's rules so that any value survives; formats that cannot carry a character refuse it
// rather than write something a shell would misread.
import type { ExportFormat } from './format-names';
import type { SessionCredentials } from './model';
import { toRfc3339Utc } from './rfc3339';
import { reservedNameReason } from './section-names';

export interface ExportInput {
	profileName: string;
	credentials: SessionCredentials;
	/** When set, env formats also set AWS_REGION and AWS_DEFAULT_REGION. */
	region?: string;
}

export { type ExportFormat, exportFormats, isExportFormat } from './format-names';

/** A value that no shell or parser treats specially, written bare. */
const plain = /^[\w+/=.:@,-]+$/;

/** POSIX shells (bash, zsh, dash): single quotes keep everything; a quote is closed, escaped, reopened. */
export function quotePosix(value: string): string {
	// zsh expands `=word` at the start of an assigned value and after each `:` (EQUALS): quote those.
	const bare = plain.test(value) && !value.startsWith('=') && !value.includes(':=');
	return bare ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** .env files: bare when safe, else single quotes (literal); values with a quote or line break use escaped double quotes. */
export function quoteDotenv(value: string): string {
	if (plain.test(value)) return value;
	// .env readers (shells with `set -a`, Node, python-dotenv) agree only on quotes without escapes:
	// single quotes unless they would meet a quote, backslash, line break or `${`, else double quotes
	// around text with nothing they would expand.
	if (!/['\\\r\n]|\$\{/.test(value)) return `'${value}'`;
	if (!/["\\$`\r\n]/.test(value)) return `"${value}"`;
	throw new RangeError('A value cannot be written to a .env file that every reader reads alike; use the bash / zsh format.');
}

/** fish: inside single quotes only backslash and the quote itself are escaped. */
export function quoteFish(value: string): string {
	return `'${value.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

/** PowerShell: single-quoted strings are verbatim; a quote (straight or typographic) is doubled. */
export function quotePowerShell(value: string): string {
	return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (char) => char + char)}'`;
}

/** Windows cmd cannot carry these in `set "NAME=value"`: quotes, % and ! expansion, line breaks. */
const cmdUnsafe = /["%!\r\n^]/;

function cmdLine(name: string, value: string): string {
	if (cmdUnsafe.test(value)) throw new RangeError(`${name} holds a character Windows cmd cannot set safely; use PowerShell.`);
	return `set "${name}=${value}"`;
}

/** INI values are read verbatim to the end of the line: no quotes, no line breaks, no outer spaces. */
/** Characters Python's INI reader strips from the ends of a value, beyond JavaScript's whitespace. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these separators are what Python's str.strip removes.
const iniStripped = /^[\s\u001c-\u001f\u0085]|[\s\u001c-\u001f\u0085]$/;

/** INI values are read verbatim to the end of the line: no line breaks, nothing a reader takes for a comment or strips. */
export function iniValue(name: string, value: string): string {
	if (value === '' || /[\r\n\0]/.test(value) || iniStripped.test(value) || /^[#;]|\s[#;]/.test(value)) {
		throw new RangeError(`${name} cannot be written to a credentials file as it is.`);
	}
	return value;
}

/** No environment variable can hold a NUL: shells drop it or cut the value there. */
function withoutNul([name, value]: [string, string]): [string, string] {
	if (value.includes('\0')) throw new RangeError(`${name} holds a NUL character, which no environment variable can hold.`);
	return [name, value];
}

function envPairs({ credentials, region }: ExportInput): [string, string][] {
	const pairs: [string, string][] = [
		['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
		['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
		['AWS_SESSION_TOKEN', credentials.sessionToken],
		['AWS_CREDENTIAL_EXPIRATION', toRfc3339Utc(credentials.expiration)],
	];
	if (region) pairs.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
	return pairs.map(withoutNul);
}

function credentialsSection({ profileName, credentials }: ExportInput): string {
	const reserved = reservedNameReason(profileName);
	if (reserved) throw new RangeError(reserved);
	const expires = toRfc3339Utc(credentials.expiration);
	return [
		`# MFA Session: temporary credentials, valid until ${expires}.`,
		`# Replace any existing [${profileName}] section in ~/.aws/credentials with this one;`,
		'# a second section of the same name makes the whole file unreadable to the AWS CLI.',
		`[${profileName}]`,
		`aws_access_key_id = ${iniValue('aws_access_key_id', credentials.accessKeyId)}`,
		`aws_secret_access_key = ${iniValue('aws_secret_access_key', credentials.secretAccessKey)}`,
		`aws_session_token = ${iniValue('aws_session_token', credentials.sessionToken)}`,
		`x_security_token_expires = ${expires}`,
	].join('\n');
}

function processJson({ credentials }: ExportInput): string {
	const { accessKeyId, secretAccessKey, sessionToken, expiration } = credentials;
	const document = {
		Version: 1,
		AccessKeyId: accessKeyId,
		SecretAccessKey: secretAccessKey,
		SessionToken: sessionToken,
		Expiration: toRfc3339Utc(expiration),
	};
	return JSON.stringify(document, null, 2);
}

/** Printable ASCII only: a control character pasted into a terminal can erase a line and run what follows. */
const printableAscii = /^[\x20-\x7e]*$/;

function refuseUnprintable({ profileName, credentials, region }: ExportInput): void {
	const values = { profileName, region: region ?? '', ...credentials };
	for (const [name, value] of Object.entries(values)) {
		if (!printableAscii.test(value)) throw new RangeError(`${name} holds a character outside printable ASCII; nothing was exported.`);
	}
}

/** Writes a session in one format, lines separated by LF, with a final line break. */
export function renderExport(format: ExportFormat, input: ExportInput): string {
	refuseUnprintable(input);
	const lines = (write: (name: string, value: string) => string) => envPairs(input).map(([name, value]) => write(name, value));
	const body = (() => {
		switch (format) {
			case 'bash':
				return lines((name, value) => `export ${name}=${quotePosix(value)}`).join('\n');
			case 'dotenv':
				return lines((name, value) => `${name}=${quoteDotenv(value)}`).join('\n');
			case 'fish':
				return lines((name, value) => `set -gx ${name} ${quoteFish(value)}`).join('\n');
			case 'powershell':
				return lines((name, value) => `$Env:${name} = ${quotePowerShell(value)}`).join('\n');
			case 'cmd':
				return lines(cmdLine).join('\n');
			case 'credentials':
				return credentialsSection(input);
			case 'process':
				return processJson(input);
		}
	})();
	return `${body}\n`;
}
