// What real programs read from exported text. Shells source it, python-dotenv and Node parse .env
// files, the AWS CLI, boto3 and the JavaScript SDK load credentials from files, the environment and
// credential_process. Each runs with a bare environment (PATH only, plus the files it is pointed
// at), so nothing from the machine it runs on can leak into what it reads. PowerShell and cmd have
// no interpreter here, so their lines are parsed by the languages' rules, written out below.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromIni } from '@aws-sdk/credential-provider-ini';
import { parseAuthorization, type SignableRequest, signatureMatches } from '../sts/sigv4';

/** Environment variables a consumer ended up with, only those named `AWS_*`. */
export type AwsVariables = Record<string, string>;

export type PosixShell = 'bash' | 'zsh' | 'dash';

/** Credentials as an AWS SDK resolved them; `expiration` is ISO 8601 when the SDK kept one. */
export interface ReadCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string | undefined;
	expiration: string | undefined;
}

/** What the AWS CLI sent: the key and token as headers, the secret only as a signature to check. */
export interface SignedRequest {
	accessKeyId: string;
	sessionToken: string | undefined;
	signedWith(secretAccessKey: string): boolean;
}

const bareEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '/usr/bin:/bin' });

async function withTempDir<T>(use: (dir: string) => T | Promise<T>): Promise<T> {
	const dir = mkdtempSync(join(tmpdir(), 'mfa-session-consumers-'));
	try {
		return await use(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function writeIn(dir: string, name: string, text: string): string {
	const path = join(dir, name);
	writeFileSync(path, text, 'utf8');
	return path;
}

/**
 * Runs a program; a non-zero exit or anything on stderr is a failure, since a person would see it.
 * Without input, stdin is /dev/null: Debian's bash reads ~/.bashrc when stdin is a socket, as Node's pipes are.
 */
function run(command: string, args: readonly string[], env: Record<string, string>, input?: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
		child.stdin?.on('error', () => {});
		child.stdin?.end(input);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			const errors = Buffer.concat(stderr).toString('utf8');
			if (code === 0 && errors === '') resolve(Buffer.concat(stdout).toString('utf8'));
			else reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}: ${errors}`));
		});
	});
}

/** `NAME=value` entries separated by NUL, as `env -0` prints them, keeping the `AWS_*` ones. */
function awsVariables(listing: string): AwsVariables {
	const entries = listing
		.split('\0')
		.filter((entry) => entry.startsWith('AWS_'))
		.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as const);
	return Object.fromEntries(entries);
}

/**
 * Sources the text in a POSIX shell and returns what a program started from that shell sees: the
 * shell runs `env -0`, so only exported variables count and values with line breaks survive.
 * `allexport` is `set -a`, the way people load a .env file into a shell.
 */
export function readPosixEnv(shell: PosixShell, text: string, { allexport = false } = {}): Promise<AwsVariables> {
	return withTempDir(async (dir) => {
		const file = writeIn(dir, 'exports.sh', text);
		const script = `${allexport ? 'set -a; ' : ''}. "$1" && exec env -0`;
		const noStartupFiles = shell === 'zsh' ? ['-f'] : [];
		return awsVariables(await run(shell, [...noStartupFiles, '-c', script, shell, file], bareEnv()));
	});
}

/** Sources the text in fish (no config files, a UTF-8 locale as fish users have) and returns what a child process sees. */
export function readFishEnv(text: string): Promise<AwsVariables> {
	return withTempDir(async (dir) => {
		const file = writeIn(dir, 'exports.fish', text);
		const env = { ...bareEnv(), LC_ALL: 'C.UTF-8' };
		return awsVariables(await run('fish', ['--no-config', '-c', 'source $argv[1]; and exec env -0', file], env));
	});
}

/** Node's own .env parser (`node --env-file`, `process.loadEnvFile`). */
export function readNodeDotenv(text: string): AwsVariables {
	const parsed = parseEnv(text);
	return Object.fromEntries(
		Object.entries(parsed).filter((entry): entry is [string, string] => entry[0].startsWith('AWS_') && entry[1] !== undefined),
	);
}

let pythonExecutable: string | undefined;

/** What the consumer tests import: boto3, python-dotenv and the AWS CLI (v1 from pip or v2 from Debian's `awscli`). */
const pythonModules = 'import boto3, dotenv, awscli';

/**
 * The first Python that has all of `pythonModules`: $PYTHON if set, the `python3` on PATH (a version
 * manager's), then Debian's, which `.ci/run` completes. The interpreter itself rather than a version
 * manager's shim, which would need the caller's environment.
 */
export function python(): string {
	if (pythonExecutable) return pythonExecutable;
	const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter((name): name is string => Boolean(name));
	for (const candidate of candidates) {
		try {
			const script = `${pythonModules}; import sys; print(sys.executable)`;
			pythonExecutable = execFileSync(candidate, ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
			return pythonExecutable;
		} catch {
			// This one lacks a module (or is not there); try the next.
		}
	}
	throw new Error(
		`No Python among ${candidates.join(', ')} can run "${pythonModules}": run .ci/run, or apt-get install awscli python3-boto3 python3-dotenv`,
	);
}

/** Runs a Python script that reads JSON on stdin and prints JSON. */
async function runPython<T>(script: string, input: unknown, env: Record<string, string>): Promise<T> {
	return JSON.parse(await run(python(), ['-c', script], env, JSON.stringify(input))) as T;
}

const pythonDotenvScript = `
import json, sys, tempfile
from dotenv import dotenv_values
out = []
for text in json.load(sys.stdin):
    with tempfile.NamedTemporaryFile('w', encoding='utf-8', suffix='.env') as file:
        file.write(text)
        file.flush()
        out.append({k: v for k, v in dotenv_values(file.name).items() if k.startswith('AWS_') and v is not None})
print(json.dumps(out))
`;

/** python-dotenv's `dotenv_values` (what `load_dotenv` loads), for several .env texts in one run. */
export function readPythonDotenvMany(texts: readonly string[]): Promise<AwsVariables[]> {
	return runPython(pythonDotenvScript, texts, bareEnv());
}

/** python-dotenv's `dotenv_values` for one .env text. */
export async function readPythonDotenv(text: string): Promise<AwsVariables> {
	const [read] = await readPythonDotenvMany([text]);
	if (!read) throw new Error('python-dotenv returned nothing');
	return read;
}

/** Files an AWS tool is pointed at; a missing one is an empty file, never the machine's own. */
interface AwsFiles {
	credentials?: string;
	config?: string;
}

/** The environment for an AWS tool: its files, no home directory files, no instance metadata. */
function awsEnv(dir: string, files: AwsFiles, extra: Record<string, string> = {}): Record<string, string> {
	return {
		...bareEnv(),
		HOME: dir,
		AWS_SHARED_CREDENTIALS_FILE: writeIn(dir, 'credentials', files.credentials ?? ''),
		AWS_CONFIG_FILE: writeIn(dir, 'config', files.config ?? ''),
		AWS_EC2_METADATA_DISABLED: 'true',
		...extra,
	};
}

const boto3Script = `
import json, os, sys, boto3
request = json.load(sys.stdin)
base = dict(os.environ)

def read(session):
    try:
        found = session.get_credentials()
        if found is None:
            return {'error': 'no credentials'}
        frozen = found.get_frozen_credentials()
        expiry = getattr(found, '_expiry_time', None)
        return {'accessKeyId': frozen.access_key, 'secretAccessKey': frozen.secret_key, 'sessionToken': frozen.token,
                'expiration': expiry.isoformat() if expiry else None}
    except Exception as error:
        return {'error': type(error).__name__ + ': ' + str(error)}

out = []
for profile in request.get('profiles', []):
    out.append(read(boto3.Session(profile_name=profile)))
for env in request.get('envs', []):
    os.environ.clear()
    os.environ.update(base)
    os.environ.update(env)
    out.append(read(boto3.Session()))
print(json.dumps(out))
`;

type Boto3Answer = (Omit<ReadCredentials, 'expiration'> & { expiration: string | null }) | { error: string };

async function boto3(
	files: AwsFiles,
	request: { profiles?: readonly string[]; envs?: readonly Record<string, string>[] },
	extra: Record<string, string> = {},
) {
	const answers = await withTempDir((dir) => runPython<Boto3Answer[]>(boto3Script, request, awsEnv(dir, files, extra)));
	return answers.map((answer) => {
		if ('error' in answer) throw new Error(`boto3: ${answer.error}`);
		return { ...answer, expiration: answer.expiration ?? undefined };
	});
}

function only<T>(values: readonly T[]): T {
	const [value] = values;
	if (values.length !== 1 || value === undefined) throw new Error(`expected one answer, got ${values.length}`);
	return value;
}

/** boto3's credentials for each named profile of a credentials file, in one run. */
export function readBoto3Profiles(text: string, profileNames: readonly string[]): Promise<ReadCredentials[]> {
	return boto3({ credentials: text }, { profiles: profileNames });
}

/** boto3's credentials for a profile of a credentials file. */
export async function readBoto3Profile(text: string, profileName: string): Promise<ReadCredentials> {
	return only(await readBoto3Profiles(text, [profileName]));
}

/** boto3's credentials from each set of environment variables, in one run. */
export function readBoto3EnvMany(envs: readonly AwsVariables[]): Promise<ReadCredentials[]> {
	return boto3({}, { envs });
}

/** boto3's credentials from these environment variables and no others. */
export async function readBoto3Env(env: AwsVariables): Promise<ReadCredentials> {
	return only(await readBoto3EnvMany([env]));
}

/** boto3's credentials for a profile of this config file, with these variables added to the bare environment. */
export async function readBoto3ConfigProfile(config: string, profileName: string, extra: Record<string, string>): Promise<ReadCredentials> {
	return only(await boto3({ config }, { profiles: [profileName] }, extra));
}

/** A config file whose profile `p` runs `cat` on the JSON, so the JSON is exactly what the process prints. */
function processConfig(dir: string, jsonText: string): string {
	return `[profile p]\ncredential_process = cat ${writeIn(dir, 'process.json', jsonText)}\n`;
}

/** boto3's credentials from a credential_process that prints this JSON. */
export function readBoto3CredentialProcess(jsonText: string): Promise<ReadCredentials> {
	return withTempDir(async (dir) => only(await boto3({ config: processConfig(dir, jsonText) }, { profiles: ['p'] })));
}

/** `aws configure get` for each credential key of a profile in a credentials file. */
export function readAwsCliProfile(text: string, profileName: string): Promise<Omit<ReadCredentials, 'expiration'>> {
	return withTempDir(async (dir) => {
		const env = awsEnv(dir, { credentials: text });
		const get = async (key: string) =>
			(await run(python(), ['-m', 'awscli', 'configure', 'get', key, '--profile', profileName], env)).replace(/\n$/, '');
		const [accessKeyId, secretAccessKey, sessionToken] = await Promise.all([
			get('aws_access_key_id'),
			get('aws_secret_access_key'),
			get('aws_session_token'),
		]);
		return { accessKeyId, secretAccessKey, sessionToken };
	});
}

const callerIdentity = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDAJQABLZS4A3QDU576Q</UserId><Account>123456789012</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

function bodyOf(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => {
			body += chunk;
		});
		request.on('end', () => resolve(body));
		request.on('error', reject);
	});
}

/**
 * Runs `aws sts get-caller-identity` against a local endpoint and returns what it signed with.
 * AWS CLI v1 has no `export-credentials`, so a real request, which v1 and v2 both make, is the only way to see the credentials
 * it loaded; the secret never travels, so the caller checks the signature against the one it expects.
 */
async function awsCliRequest(files: AwsFiles, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<SignedRequest> {
	const received: SignableRequest[] = [];
	const server = createServer(async (request, response) => {
		const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
		received.push({ method: request.method ?? 'POST', url: request.url ?? '/', headers, body: await bodyOf(request) });
		response.writeHead(200, { 'content-type': 'text/xml' }).end(callerIdentity);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		const { port } = server.address() as AddressInfo;
		const endpoint = ['--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1'];
		await withTempDir((dir) =>
			run(
				python(),
				['-m', 'awscli', 'sts', 'get-caller-identity', ...endpoint, ...args],
				awsEnv(dir, files, { AWS_MAX_ATTEMPTS: '1', ...extraEnv }),
			),
		);
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
	return signedRequest(only(received));
}

function signedRequest(request: SignableRequest): SignedRequest {
	const auth = parseAuthorization(request.headers.authorization);
	if (typeof auth === 'string') throw new Error(auth);
	const amzDate = request.headers['x-amz-date'] ?? '';
	return {
		accessKeyId: auth.accessKeyId,
		sessionToken: request.headers['x-amz-security-token'],
		signedWith: (secretAccessKey) => signatureMatches(request, auth, amzDate, secretAccessKey),
	};
}

/** The AWS CLI's request when its profile's credential_process prints this JSON. */
export function readAwsCliCredentialProcess(jsonText: string): Promise<SignedRequest> {
	return withTempDir((dir) => awsCliRequest({ config: processConfig(dir, jsonText) }, ['--profile', 'p']));
}

/** The AWS CLI's request with these environment variables and no others. */
export function readAwsCliEnv(env: AwsVariables): Promise<SignedRequest> {
	return awsCliRequest({}, [], env);
}

/** What an SDK credential provider resolved, in the shape the tests compare. */
function fromSdk(found: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }): ReadCredentials {
	return {
		accessKeyId: found.accessKeyId,
		secretAccessKey: found.secretAccessKey,
		sessionToken: found.sessionToken,
		expiration: found.expiration?.toISOString(),
	};
}

/** The JavaScript SDK's `fromIni` for a profile of a credentials file. */
export function readJsFromIni(text: string, profileName: string): Promise<ReadCredentials> {
	return withTempDir(async (dir) => {
		const filepath = writeIn(dir, 'credentials', text);
		const configFilepath = writeIn(dir, 'config', '');
		return fromSdk(await fromIni({ profile: profileName, filepath, configFilepath, ignoreCache: true })());
	});
}

/** The JavaScript SDK's `fromIni` for a profile of this config file, with these variables set meanwhile (its credential_process inherits them). */
export function readJsConfigProfile(config: string, profileName: string, extra: Record<string, string>): Promise<ReadCredentials> {
	return withTempDir(async (dir) => {
		const filepath = writeIn(dir, 'credentials', '');
		const configFilepath = writeIn(dir, 'config', config);
		const saved = Object.fromEntries(Object.keys(extra).map((name) => [name, process.env[name]]));
		Object.assign(process.env, extra);
		try {
			return fromSdk(await fromIni({ profile: profileName, filepath, configFilepath, ignoreCache: true })());
		} finally {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		}
	});
}

/** The JavaScript SDK's `fromIni` for a profile whose credential_process prints this JSON. */
export function readJsCredentialProcess(jsonText: string): Promise<ReadCredentials> {
	return withTempDir(async (dir) => {
		const filepath = writeIn(dir, 'credentials', '');
		const configFilepath = writeIn(dir, 'config', processConfig(dir, jsonText));
		return fromSdk(await fromIni({ profile: 'p', filepath, configFilepath, ignoreCache: true })());
	});
}

/** The JavaScript SDK's `fromEnv` with exactly these `AWS_*` variables set; the environment is restored after. */
export async function readJsFromEnv(env: AwsVariables): Promise<ReadCredentials> {
	const saved = Object.entries(process.env).filter(([name]) => name.startsWith('AWS_'));
	for (const [name] of saved) delete process.env[name];
	Object.assign(process.env, env);
	try {
		return fromSdk(await fromEnv()());
	} finally {
		for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
		Object.assign(process.env, Object.fromEntries(saved));
	}
}

/**
 * PowerShell's single-quoted (verbatim) strings, from the PowerShell Language Specification 3.0,
 * §2.3.5.2 "String literals":
 * - a single-quote-character is any of U+0027 ', U+2018 ‘, U+2019 ’, U+201A ‚ and U+201B ‛; any of
 *   them opens a string and any of them closes it;
 * - inside, every character is taken as it is (no `$` expansion, no escapes with the backtick, line
 *   breaks included), except that two adjacent single-quote-characters stand for one: the second.
 * `$Env:NAME = ...` sets a process environment variable through the Env: drive (§3.1.3). An empty
 * string would remove the variable instead (the provider calls .NET's SetEnvironmentVariable, which
 * deletes on empty), so it is refused, as is every other form of statement.
 */
export function parsePowerShellAssignments(text: string): AwsVariables {
	const quotes = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);
	const variables: AwsVariables = {};
	let at = 0;
	while (at < text.length) {
		const head = /\$Env:([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*/y;
		head.lastIndex = at;
		const match = head.exec(text);
		if (!match?.[1] || !quotes.has(text[head.lastIndex] ?? ''))
			throw new SyntaxError(`not a $Env: assignment of a verbatim string at ${at}`);
		let value = '';
		let index = head.lastIndex + 1;
		for (;;) {
			const char = text[index];
			if (char === undefined) throw new SyntaxError('unterminated string');
			if (quotes.has(char)) {
				const next = text[index + 1];
				if (next === undefined || !quotes.has(next)) break;
				value += next;
				index += 2;
			} else {
				value += char;
				index += 1;
			}
		}
		const end = /[ \t]*(?:\n|$)/y;
		end.lastIndex = index + 1;
		if (!end.exec(text)) throw new SyntaxError(`unexpected text after the string at ${index + 1}`);
		if (value === '') throw new RangeError(`$Env:${match[1]} = '' removes the variable`);
		variables[match[1]] = value;
		at = end.lastIndex;
	}
	return variables;
}

/**
 * cmd.exe's `set "NAME=value"` lines. cmd reads a line in phases (documented in `cmd /?` and `set /?`):
 * 1. percent expansion: `%NAME%` is replaced, and `%%` is `%` only in a batch file, so `%` means
 *    different things typed and in a script: refused;
 * 2. special characters: a `"` toggles quoting, and inside quotes `& | < > ( ) ^` are plain text;
 *    a line feed ends the command, so a value cannot hold one;
 * 5. delayed expansion (when enabled by `setlocal EnableDelayedExpansion` or `cmd /V:ON`): `!NAME!`
 *    is replaced and, on a line holding a `!`, carets escape even inside quotes: `!` and `^` refused.
 * `set "NAME=value"` takes the text between the first `=` and the last quote of the line; a quote
 * inside the value would turn quoting off for what follows, so it is refused too, and an empty value
 * deletes the variable rather than setting it, so it is refused as well.
 */
export function parseCmdSet(text: string): AwsVariables {
	const variables: AwsVariables = {};
	for (const line of text.replace(/\n$/, '').split('\n')) {
		const match = /^set "([^"=%!^\r]+)=([^"%!^\r]+)"$/.exec(line);
		if (!match?.[1] || !match[2]) throw new SyntaxError(`not a quoted set line: ${JSON.stringify(line)}`);
		variables[match[1]] = match[2];
	}
	return variables;
}
