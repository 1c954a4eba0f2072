// Real programs read back exactly what renderExport writes: shells source the env formats, .env
// parsers read .env, the AWS CLI, boto3 and the JavaScript SDK load the credentials file,
// credential_process JSON and the environment. The examples use a realistic session; the
// properties use any value a format claims to carry.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
	type AwsVariables,
	parseCmdSet,
	parsePowerShellAssignments,
	readAwsCliCredentialProcess,
	readAwsCliEnv,
	readAwsCliProfile,
	readBoto3CredentialProcess,
	readBoto3Env,
	readBoto3EnvMany,
	readBoto3Profile,
	readBoto3Profiles,
	readFishEnv,
	readJsCredentialProcess,
	readJsFromEnv,
	readJsFromIni,
	readNodeDotenv,
	readPosixEnv,
	readPythonDotenv,
	readPythonDotenvMany,
} from '../../e2e/consumers/read';
import { type ExportInput, exportFormats, renderExport } from '../../src/lib/export-formats';
import type { SessionCredentials } from '../../src/lib/model';

// Each case starts real programs, the AWS CLI among them (a second or more per start on a busy
// machine), many times over in the property tests: the default 20 s is for pure logic.
vi.setConfig({ testTimeout: 180_000 });

const session: SessionCredentials = {
	accessKeyId: 'ASIAQWERTYUIOPASDFGH',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
	sessionToken: `IQoJb3JpZ2luX2VjE${createHash('shake256', { outputLength: 325 }).update('session').digest('base64')}`,
	expiration: '2026-11-22T20:15:00.123Z',
};
const expires = '2026-11-22T20:15:00Z';

/** The same session expiring in an hour, for consumers that refuse expired credentials. */
function liveSession(): { credentials: SessionCredentials; expires: string } {
	const time = new Date(Date.now() + 3_600_000);
	time.setUTCMilliseconds(123);
	return { credentials: { ...session, expiration: time.toISOString() }, expires: time.toISOString().replace('.123Z', 'Z') };
}

/** The variables every env format sets, as a consumer should read them. */
function variables(credentials: SessionCredentials, expiry: string, region?: string): AwsVariables {
	return {
		AWS_ACCESS_KEY_ID: credentials.accessKeyId,
		AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
		AWS_SESSION_TOKEN: credentials.sessionToken,
		AWS_CREDENTIAL_EXPIRATION: expiry,
		...(region ? { AWS_REGION: region, AWS_DEFAULT_REGION: region } : {}),
	};
}

const keys = (credentials: SessionCredentials) => ({
	accessKeyId: credentials.accessKeyId,
	secretAccessKey: credentials.secretAccessKey,
	sessionToken: credentials.sessionToken,
});

describe('the realistic session', () => {
	it('is shaped like one STS issues', () => {
		expect(session.secretAccessKey).toHaveLength(40);
		expect(session.sessionToken.length).toBeGreaterThan(440);
		for (const char of ['+', '/', '=']) expect(session.sessionToken).toContain(char);
	});
});

describe.each([
	{ label: 'no region', region: undefined },
	{ label: 'region eu-west-1', region: 'eu-west-1' },
])('env formats, $label', ({ region }) => {
	const input: ExportInput = { profileName: 'work', credentials: session, region };
	const expected = variables(session, expires, region);

	it.each(['bash', 'zsh', 'dash'] as const)('bash format: %s exports every variable to its children', async (shell) => {
		expect(await readPosixEnv(shell, renderExport('bash', input))).toEqual(expected);
	});

	it('dotenv format: dash reads it with set -a', async () => {
		expect(await readPosixEnv('dash', renderExport('dotenv', input), { allexport: true })).toEqual(expected);
	});

	it('dotenv format: Node reads it', () => {
		expect(readNodeDotenv(renderExport('dotenv', input))).toEqual(expected);
	});

	it('dotenv format: python-dotenv reads it', async () => {
		expect(await readPythonDotenv(renderExport('dotenv', input))).toEqual(expected);
	});

	it('fish format: fish exports every variable to its children', async () => {
		expect(await readFishEnv(renderExport('fish', input))).toEqual(expected);
	});

	it('powershell format: sets every variable', () => {
		expect(parsePowerShellAssignments(renderExport('powershell', input))).toEqual(expected);
	});

	it('cmd format: sets every variable', () => {
		expect(parseCmdSet(renderExport('cmd', input))).toEqual(expected);
	});
});

describe('SDKs read the environment a shell built', () => {
	it('bash format → bash → boto3 and fromEnv, with the expiry', async () => {
		const live = liveSession();
		const env = await readPosixEnv('bash', renderExport('bash', { profileName: 'work', credentials: live.credentials }));
		const expected = { ...keys(live.credentials), expiration: new Date(live.expires).toISOString() };
		const fromBoto3 = await readBoto3Env(env);
		expect({ ...fromBoto3, expiration: fromBoto3.expiration && new Date(fromBoto3.expiration).toISOString() }).toEqual(expected);
		expect(await readJsFromEnv(env)).toEqual(expected);
	});

	it('bash format → bash → the AWS CLI signs with the session', async () => {
		const live = liveSession();
		const env = await readPosixEnv(
			'bash',
			renderExport('bash', { profileName: 'work', credentials: live.credentials, region: 'eu-west-1' }),
		);
		const request = await readAwsCliEnv(env);
		expect([request.accessKeyId, request.sessionToken]).toEqual([session.accessKeyId, session.sessionToken]);
		expect(request.signedWith(session.secretAccessKey)).toBe(true);
		expect(request.signedWith(`${session.secretAccessKey}x`)).toBe(false);
	});

	it('dotenv format → dash → boto3', async () => {
		const live = liveSession();
		const env = await readPosixEnv('dash', renderExport('dotenv', { profileName: 'work', credentials: live.credentials }), {
			allexport: true,
		});
		expect(await readBoto3Env(env)).toMatchObject(keys(live.credentials));
	});

	it('boto3 refuses the session once AWS_CREDENTIAL_EXPIRATION has passed, so it reads the expiry', async () => {
		const env = await readPosixEnv('bash', renderExport('bash', { profileName: 'work', credentials: session }));
		await expect(readBoto3Env(env)).rejects.toThrow(/expired/);
	});
});

describe('credentials file', () => {
	const text = renderExport('credentials', { profileName: 'work', credentials: session });

	it('the AWS CLI reads the profile', async () => {
		expect(await readAwsCliProfile(text, 'work')).toEqual(keys(session));
	});

	it('boto3 reads the profile', async () => {
		expect(await readBoto3Profile(text, 'work')).toEqual({ ...keys(session), expiration: undefined });
	});

	it('the JavaScript SDK (fromIni) reads the profile', async () => {
		expect(await readJsFromIni(text, 'work')).toEqual({ ...keys(session), expiration: undefined });
	});

	it('read after other profiles and comments, as when pasted into an existing file', async () => {
		const file = `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n# notes\n\n${text}\n[other]\nregion = us-east-2\n`;
		expect(await readBoto3Profile(file, 'work')).toMatchObject(keys(session));
		expect(await readJsFromIni(file, 'work')).toMatchObject(keys(session));
	});

	it('appended as a second [work] section, makes the whole file unreadable to the AWS CLI and boto3', async () => {
		const file = `[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = old\n\n${text}`;
		await expect(readAwsCliProfile(file, 'work')).rejects.toThrow(/Unable to parse config file/);
		await expect(readBoto3Profile(file, 'work')).rejects.toThrow(/Unable to parse config file/);
	});
});

describe('credential_process JSON', () => {
	it('boto3 reads the keys and the expiry', async () => {
		const live = liveSession();
		const read = await readBoto3CredentialProcess(renderExport('process', { profileName: 'work', credentials: live.credentials }));
		expect(read).toMatchObject(keys(live.credentials));
		expect(Date.parse(read.expiration ?? '')).toBe(Date.parse(live.expires));
	});

	it('the JavaScript SDK (fromIni) reads the keys and the expiry', async () => {
		const live = liveSession();
		const read = await readJsCredentialProcess(renderExport('process', { profileName: 'work', credentials: live.credentials }));
		expect(read).toEqual({ ...keys(live.credentials), expiration: new Date(live.expires).toISOString() });
	});

	it('the AWS CLI signs with the session', async () => {
		const live = liveSession();
		const request = await readAwsCliCredentialProcess(renderExport('process', { profileName: 'work', credentials: live.credentials }));
		expect([request.accessKeyId, request.sessionToken]).toEqual([session.accessKeyId, session.sessionToken]);
		expect(request.signedWith(session.secretAccessKey)).toBe(true);
	});

	it('boto3 and the SDK refuse it once Expiration has passed, so they read the expiry', async () => {
		const json = renderExport('process', { profileName: 'work', credentials: session });
		await expect(readBoto3CredentialProcess(json)).rejects.toThrow(/expired/);
		await expect(readJsCredentialProcess(json)).rejects.toThrow(/expired/);
	});
});

// A pinned seed, so a failure repeats run after run; fast-check prints it (and the path to the
// shrunk case) in the failure message. FC_SEED tries another.
const seed = Number(process.env.FC_SEED ?? 20261130);
fc.configureGlobal({ seed });

const base64 = (minLength: number, maxLength: number) =>
	fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'), minLength, maxLength });
const expirations = fc
	.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
	.map((date) => date.toISOString());
const realistic: fc.Arbitrary<SessionCredentials> = fc.record({
	accessKeyId: fc
		.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: 16, maxLength: 16 })
		.map((id) => `ASIA${id}`),
	secretAccessKey: base64(20, 60),
	sessionToken: fc.tuple(base64(100, 1200), fc.constantFrom('', '=', '==')).map(([token, padding]) => token + padding),
	expiration: expirations,
});
const regions = fc.option(fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'), { nil: undefined });

/** ASCII characters each format or consumer treats specially, mixed with any printable ASCII text. */
const awkward = fc.oneof(
	fc.constantFrom(...`'"\`$\\!%^#;&|<>(){}[]*?~=: `),
	// biome-ignore lint/suspicious/noTemplateCurlyInString: shell and .env text, not a template.
	fc.constantFrom('${HOME}', '$(id)', ' #', ' ;', '\\n', "\\'", '%PATH%', '!x!', '=ls', ':=ls', ':~'),
	fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
const anyText = fc.oneof(
	fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }),
	fc.string({ unit: awkward, minLength: 1, maxLength: 30 }),
);
/** Text with at least one character outside printable ASCII: controls, DEL, Unicode spaces and letters. */
const unprintable = fc
	.tuple(
		fc.string({ unit: 'grapheme-ascii', maxLength: 10 }),
		fc.oneof(
			fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
			fc.constantFrom('\u007f', '\u0085', '\u00a0', '\u2028', '\ufeff', '\u3000', '\u2019', '\u001b[2K', 'é'),
			fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }).filter((text) => !/^[\x20-\x7e]*$/.test(text)),
		),
		fc.string({ unit: 'grapheme-ascii', maxLength: 10 }),
	)
	.map((parts) => parts.join(''));
const anything: fc.Arbitrary<SessionCredentials> = fc.record({
	accessKeyId: anyText,
	secretAccessKey: anyText,
	sessionToken: anyText,
	expiration: expirations,
});

const expiryOf = (credentials: SessionCredentials) => `${credentials.expiration.slice(0, 19)}Z`;

describe('properties: realistic values', () => {
	it('every shell and parser reads every env format back', async () => {
		await fc.assert(
			fc.asyncProperty(realistic, regions, async (credentials, region) => {
				const input = { profileName: 'work', credentials, region };
				const expected = variables(credentials, expiryOf(credentials), region);
				for (const shell of ['bash', 'zsh', 'dash'] as const)
					expect(await readPosixEnv(shell, renderExport('bash', input))).toEqual(expected);
				expect(await readPosixEnv('dash', renderExport('dotenv', input), { allexport: true })).toEqual(expected);
				expect(readNodeDotenv(renderExport('dotenv', input))).toEqual(expected);
				expect(await readFishEnv(renderExport('fish', input))).toEqual(expected);
				expect(parsePowerShellAssignments(renderExport('powershell', input))).toEqual(expected);
				expect(parseCmdSet(renderExport('cmd', input))).toEqual(expected);
			}),
			{ numRuns: 25 },
		);
	});

	it('boto3, fromIni and python-dotenv read many sessions back, one run each', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fc.tuple(realistic, regions), { minLength: 1, maxLength: 25 }), async (sessions) => {
				const names = sessions.map((_, index) => `p${index}`);
				const file = sessions
					.map(([credentials], index) => renderExport('credentials', { profileName: `p${index}`, credentials }))
					.join('\n');
				const fromBoto3 = await readBoto3Profiles(file, names);
				const dotenvs = sessions.map(([credentials, region]) => renderExport('dotenv', { profileName: 'work', credentials, region }));
				const fromPythonDotenv = await readPythonDotenvMany(dotenvs);
				for (const [index, [credentials, region]] of sessions.entries()) {
					expect(fromBoto3[index]).toEqual({ ...keys(credentials), expiration: undefined });
					expect(await readJsFromIni(file, `p${index}`)).toEqual({ ...keys(credentials), expiration: undefined });
					expect(fromPythonDotenv[index]).toEqual(variables(credentials, expiryOf(credentials), region));
				}
			}),
			{ numRuns: 4 },
		);
	});
});

/** Whether a value holds what Windows cmd cannot set (see parseCmdSet). */
const cmdRefuses = (value: string) => /["%!^\r\n]/.test(value);
/** Whether a value cannot be an INI value read verbatim to the end of its line. */
const iniRefuses = (value: string) =>
	// biome-ignore lint/suspicious/noControlCharactersInRegex: Python strips U+001C-U+001F and U+0085 from INI values, JavaScript's trim does not.
	value === '' || /[\r\n\0]/.test(value) || /^[\s\u001c-\u001f\u0085]|[\s\u001c-\u001f\u0085]$/.test(value) || /^[#;]|\s[#;]/.test(value);

/** Whether renderExport refuses a session in a format (a RangeError), rather than writing it. */
function refuses(format: 'dotenv' | 'credentials', credentials: SessionCredentials): boolean {
	try {
		renderExport(format, { profileName: 'p', credentials });
		return false;
	} catch (error) {
		if (error instanceof RangeError) return true;
		throw error;
	}
}

const secrets = (credentials: SessionCredentials) => [credentials.accessKeyId, credentials.secretAccessKey, credentials.sessionToken];

describe('properties: any printable text', () => {
	it('bash, zsh, dash and fish read their formats back', async () => {
		await fc.assert(
			fc.asyncProperty(anything, fc.option(anyText, { nil: undefined }), async (credentials, region) => {
				const input = { profileName: 'work', credentials, region };
				const expected = variables(credentials, expiryOf(credentials), region);
				for (const shell of ['bash', 'zsh', 'dash'] as const)
					expect(await readPosixEnv(shell, renderExport('bash', input))).toEqual(expected);
				expect(await readFishEnv(renderExport('fish', input))).toEqual(expected);
			}),
			{ numRuns: 60 },
		);
	});

	it('PowerShell reads its format back', () => {
		fc.assert(
			fc.property(anything, fc.option(anyText, { nil: undefined }), (credentials, region) => {
				const input = { profileName: 'work', credentials, region };
				expect(parsePowerShellAssignments(renderExport('powershell', input))).toEqual(
					variables(credentials, expiryOf(credentials), region),
				);
			}),
			{ numRuns: 500 },
		);
	});

	it('cmd refuses what it cannot carry and reads the rest back', () => {
		fc.assert(
			fc.property(anything, (credentials) => {
				const input = { profileName: 'work', credentials };
				if (secrets(credentials).some(cmdRefuses)) expect(() => renderExport('cmd', input)).toThrow(RangeError);
				else expect(parseCmdSet(renderExport('cmd', input))).toEqual(variables(credentials, expiryOf(credentials)));
			}),
			{ numRuns: 500 },
		);
	});

	it('.env is read back by dash, Node and python-dotenv', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(anything, { minLength: 1, maxLength: 20 }), async (all) => {
				// What cannot be written so that every reader agrees is refused; the rest must read back.
				const sessions = all.filter((credentials) => !refuses('dotenv', credentials));
				const texts = sessions.map((credentials) => renderExport('dotenv', { profileName: 'work', credentials }));
				const fromPython = await readPythonDotenvMany(texts);
				for (const [index, text] of texts.entries()) {
					const expected = variables(sessions[index] as SessionCredentials, expiryOf(sessions[index] as SessionCredentials));
					expect(await readPosixEnv('dash', text, { allexport: true })).toEqual(expected);
					expect(readNodeDotenv(text)).toEqual(expected);
					expect(fromPython[index]).toEqual(expected);
				}
			}),
			{ numRuns: 5 },
		);
	});

	it('the credentials file refuses what INI cannot carry; boto3 and fromIni read the rest back', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(anything, { minLength: 1, maxLength: 20 }), async (sessions) => {
				const written = sessions.filter((credentials) => {
					const refused = secrets(credentials).some(iniRefuses);
					if (refused) expect(() => renderExport('credentials', { profileName: 'p', credentials })).toThrow(RangeError);
					return !refused;
				});
				const names = written.map((_, index) => `p${index}`);
				const file = written.map((credentials, index) => renderExport('credentials', { profileName: `p${index}`, credentials })).join('\n');
				const fromBoto3 = await readBoto3Profiles(file, names);
				for (const [index, credentials] of written.entries()) {
					expect(fromBoto3[index]).toEqual({ ...keys(credentials), expiration: undefined });
					expect(await readJsFromIni(file, `p${index}`)).toEqual({ ...keys(credentials), expiration: undefined });
				}
			}),
			{ numRuns: 5 },
		);
	});

	it('the AWS CLI reads credentials files of any text it is given', async () => {
		const readable = anything.filter((credentials) => !secrets(credentials).some(iniRefuses));
		await fc.assert(
			fc.asyncProperty(readable, async (credentials) => {
				expect(await readAwsCliProfile(renderExport('credentials', { profileName: 'work', credentials }), 'work')).toEqual(
					keys(credentials),
				);
			}),
			{ numRuns: 4 },
		);
	});

	it('boto3 and fromEnv read the env a shell built from any text', async () => {
		const live = liveSession();
		await fc.assert(
			fc.asyncProperty(fc.array(anything, { minLength: 1, maxLength: 10 }), async (sessions) => {
				const inputs = sessions.map((credentials) => ({
					profileName: 'work',
					credentials: { ...credentials, expiration: live.credentials.expiration },
				}));
				const envs = await Promise.all(inputs.map((input) => readPosixEnv('bash', renderExport('bash', input))));
				const fromBoto3 = await readBoto3EnvMany(envs);
				for (const [index, credentials] of sessions.entries()) {
					expect(fromBoto3[index]).toMatchObject(keys(credentials));
					expect(await readJsFromEnv(envs[index] ?? {})).toMatchObject(keys(credentials));
				}
			}),
			{ numRuns: 5 },
		);
	});
});

describe('properties: anything outside printable ASCII', () => {
	it('every format refuses it, in any field, and accepts the same session without it', () => {
		const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const;
		fc.assert(
			fc.property(
				realistic,
				fc.constantFrom(...fields),
				unprintable,
				fc.constantFrom(...exportFormats.map((format) => format.id)),
				(credentials, field, text, format) => {
					expect(() => renderExport(format, { profileName: 'work', credentials: { ...credentials, [field]: text } })).toThrow(
						/printable ASCII/,
					);
					expect(renderExport(format, { profileName: 'work', credentials })).toMatch(/^[\x20-\x7e\n]+$/);
				},
			),
			{ numRuns: 500 },
		);
	});
});

/** Every reader gets the value back exactly, or renderExport refuses it with a RangeError. */
async function dotenvReadsBackOrRefuses(secretAccessKey: string): Promise<void> {
	const credentials = { ...session, secretAccessKey };
	let text: string;
	try {
		text = renderExport('dotenv', { profileName: 'work', credentials });
	} catch (error) {
		expect(error).toBeInstanceOf(RangeError);
		return;
	}
	const expected = variables(credentials, expires);
	expect(await readPosixEnv('dash', text, { allexport: true })).toEqual(expected);
	expect(readNodeDotenv(text)).toEqual(expected);
	expect(await readPythonDotenv(text)).toEqual(expected);
}

async function iniReadsBackOrRefuses(secretAccessKey: string): Promise<void> {
	const credentials = { ...session, secretAccessKey };
	let text: string;
	try {
		text = renderExport('credentials', { profileName: 'work', credentials });
	} catch (error) {
		expect(error).toBeInstanceOf(RangeError);
		return;
	}
	expect(await readBoto3Profile(text, 'work')).toMatchObject(keys(credentials));
	expect(await readJsFromIni(text, 'work')).toMatchObject(keys(credentials));
}

describe('values some readers would misread are refused, or written so every reader agrees', () => {
	it.each([
		["it's $HOME", 'Node and python-dotenv keep the backslash of \\$'],
		['say "hi" it\'s', 'Node ends the value at \\"'],
		['a\\\\b', 'python-dotenv reads \\\\ in single quotes as one backslash'],
		// biome-ignore lint/suspicious/noTemplateCurlyInString: .env text, not a template.
		['${HOME}', 'python-dotenv expands ${...} even in single quotes'],
		['line\nbreak', 'dash reads \\n in double quotes as a backslash and an n'],
	])('.env: %j (%s)', async (value) => {
		await dotenvReadsBackOrRefuses(value);
	});

	it.each([
		['key #1', 'fromIni cuts the value at a space followed by # or ;'],
		['#key', 'fromIni reads a value starting with # as a comment'],
		['key\u001f', 'Python strips U+001C-U+001F and U+0085 from INI values'],
	])('credentials file: %j (%s)', async (value) => {
		await iniReadsBackOrRefuses(value);
	});

	it('a NUL character, which no environment variable can hold, is refused', async () => {
		const credentials = { ...session, secretAccessKey: 'a\0b' };
		expect(() => renderExport('bash', { profileName: 'work', credentials })).toThrow(RangeError);
	});
});
