// `exec PROFILE [--no-endpoint] -- COMMAND…` and `serve PROFILE [--port N]`: the profile's session
// for a program that reads only its environment, or refreshes from a container-credentials
// endpoint that lives as long as it does. Loaded only for these commands.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { t } from '../i18n';
import { callerText } from '../lib/caller-text';
import { childEnvironment, type SessionSupply } from './child-environment';
import { CommandError, checkedProfile, sessionAsker } from './credentials-command';
import { keepRecord } from './endpoint-records';
import { containerDocument, startEndpoint } from './endpoint-server';

/** The profile's region in the AWS config file, which the child gets as AWS_REGION. */
export function profileRegion(profile: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const file = env.AWS_CONFIG_FILE || join(env.HOME || homedir(), '.aws', 'config');
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		return undefined;
	}
	let inProfile = false;
	let region: string | undefined;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		const header = /^\[(?:profile\s+)?([^\]]+)\]$/.exec(line);
		if (header) inProfile = header[1]?.trim() === profile;
		const value = /^region\s*=\s*(\S+)$/i.exec(line)?.[1];
		if (inProfile && value) region = value;
	}
	return region && /^[a-z]{2}(-[a-z0-9]+){2,3}$/.test(region) ? region : undefined;
}

interface Parsed {
	profile: string;
	waitSeconds: number | undefined;
	noEndpoint: boolean;
	port: number;
	command: string[];
}

function parse(args: readonly string[], allowed: readonly string[]): Parsed {
	const [name, ...rest] = args;
	const profile = checkedProfile(name);
	const parsed: Parsed = { profile, waitSeconds: undefined, noEndpoint: false, port: 0, command: [] };
	for (let index = 0; index < rest.length; index++) {
		const flag = String(rest[index]);
		if (flag === '--' && allowed.includes('--')) {
			parsed.command = rest.slice(index + 1);
			break;
		}
		// `exec work terraform apply`: the command needs its `--` before it.
		if (!flag.startsWith('--') && allowed.includes('--')) throw new CommandError(t('helperExecNoCommand', profile));
		if (!allowed.includes(flag)) throw new CommandError(t('helperUnknownOption', flag));
		if (flag === '--no-endpoint') parsed.noEndpoint = true;
		else if (flag === '--wait') parsed.waitSeconds = Number(rest[++index]);
		else if (flag === '--port') {
			parsed.port = Number(rest[++index]);
			if (!Number.isInteger(parsed.port) || parsed.port < 0 || parsed.port > 65535) throw new CommandError(t('helperBadPort'));
		}
	}
	return parsed;
}

/** The first session, fetched before anything starts: with none live, the popup prompts for it. */
async function firstSession(ask: ReturnType<typeof sessionAsker>) {
	const first = containerDocument(await ask());
	if (!first.ok) throw new CommandError(first.error);
	return first.document;
}

// A terminal's Ctrl-C and Ctrl-\ reach the whole foreground group, the child with it: passed on
// again, a tool such as Terraform would take the second interrupt as "stop now". Elsewhere they
// were sent to this process alone, and are passed on like the others.
const terminalSignals = new Set<NodeJS.Signals>(['SIGINT', 'SIGQUIT']);
const passedSignals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];

/** `exec`: runs the command with the session; resolves never (the process ends as the child did). */
export async function exec(args: readonly string[]): Promise<void> {
	const { profile, waitSeconds, noEndpoint, command } = parse(args, ['--no-endpoint', '--wait', '--']);
	const [program, ...programArgs] = command;
	if (program === undefined) throw new CommandError(t('helperExecNoCommand', profile));
	const ask = sessionAsker(profile, callerText(`exec ${command.join(' ')}`), waitSeconds);
	const first = await firstSession(ask);
	let supply: SessionSupply;
	let stop: () => Promise<void> = async () => undefined;
	if (noEndpoint) {
		supply = {
			kind: 'static',
			accessKeyId: first.AccessKeyId,
			secretAccessKey: first.SecretAccessKey,
			sessionToken: first.Token,
			expiration: first.Expiration,
		};
	} else {
		const endpoint = await startEndpoint({ askHost: ask, first });
		const forget = keepRecord({ profile, kind: 'exec', uri: endpoint.uri });
		supply = { kind: 'endpoint', uri: endpoint.uri, token: endpoint.token };
		stop = async () => {
			forget();
			await endpoint.close();
		};
	}
	const { env, removed } = childEnvironment(process.env, supply, profileRegion(profile));
	if (removed.length > 0) process.stderr.write(`${t('helperExecRemoved', removed.join(', '), profile)}\n`);
	const child = spawn(program, programArgs, { env, stdio: 'inherit' });
	const fromTerminal = process.stdin.isTTY === true;
	for (const signal of passedSignals)
		process.on(signal, () => {
			if (!(fromTerminal && terminalSignals.has(signal))) child.kill(signal);
		});
	await new Promise<void>(() => {
		child.once('error', (error: NodeJS.ErrnoException) => {
			void stop().then(() => {
				process.stderr.write(`${t('helperExecCannotRun', program, error.code ?? error.message)}\n`);
				process.exit(error.code === 'ENOENT' ? 127 : 126);
			});
		});
		child.once('exit', (code, signal) => {
			void stop().then(() => {
				if (signal) {
					// Ends by the same signal, so whoever started `exec` sees what the child's end was.
					for (const passed of passedSignals) process.removeAllListeners(passed);
					process.kill(process.pid, signal);
				} else process.exit(code ?? 1);
			});
		});
	});
}

/** `serve`: the endpoint on its own until Ctrl-C or SIGTERM; prints the two variables to set. */
export async function serve(args: readonly string[]): Promise<void> {
	const { profile, waitSeconds, port } = parse(args, ['--port', '--wait']);
	const ask = sessionAsker(profile, `serve ${profile}`, waitSeconds);
	const first = await firstSession(ask);
	const endpoint = await startEndpoint({ port, askHost: ask, first }).catch((error: NodeJS.ErrnoException) => {
		throw error.code === 'EADDRINUSE' ? new CommandError(t('helperPortInUse', port)) : error;
	});
	const forget = keepRecord({ profile, kind: 'serve', uri: endpoint.uri });
	process.stdout.write(`AWS_CONTAINER_CREDENTIALS_FULL_URI=${endpoint.uri}\nAWS_CONTAINER_AUTHORIZATION_TOKEN=${endpoint.token}\n`);
	process.stderr.write(`${t('helperServeRunning', profile, endpoint.uri)}\n`);
	await new Promise<void>(() => {
		for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
			process.once(signal, () => {
				forget();
				void endpoint.close().then(() => process.exit(0));
			});
	});
}
