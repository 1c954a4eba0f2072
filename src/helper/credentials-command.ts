// `credentials PROFILE`, run by every AWS tool for every call: the session as `credential_process`
// JSON, or one clear line on stderr and a non-zero exit. Kept small: it runs on each CLI call.
import { readFileSync } from 'node:fs';
import { t } from '../i18n';
import { isProfileName } from '../lib/helper-protocol';
import { reservedNameReason } from '../lib/section-names';
import { askHelper, channelAddress } from './local-channel';

/** A failure to print as one line on stderr. */
export class CommandError extends Error {}

const defaultWaitSeconds = 60;

/** What a `credential_process` caller is, as its parent process claims it (it cannot be verified). */
function callerOf(): string {
	try {
		return readFileSync(`/proc/${process.ppid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ').slice(0, 300);
	} catch {
		return `process ${process.ppid}`;
	}
}

function notConnected(): CommandError {
	return new CommandError(t('helperNotConnected', channelAddress()));
}

/** The profile named on the command line, or the reason it cannot be one. */
export function checkedProfile(profile: string | undefined): string {
	const reserved = profile === undefined ? undefined : reservedNameReason(profile);
	if (reserved) throw new CommandError(reserved);
	if (!isProfileName(profile)) throw new CommandError(t('helperBadProfile', String(profile ?? '')));
	return profile;
}

/** How long to wait for the popup: `--wait`, else MFA_SESSION_WAIT_SECONDS, else a minute. */
function checkedWait(seconds: number | undefined): number {
	const waitSeconds = seconds ?? Number(process.env.MFA_SESSION_WAIT_SECONDS ?? defaultWaitSeconds);
	if (!Number.isInteger(waitSeconds) || waitSeconds < 1 || waitSeconds > 600) throw new CommandError(t('helperBadWait'));
	return waitSeconds;
}

/** The host's answer for a profile: its session, or why not (with no host, that nothing answers). */
export type SessionAnswer = { ok?: boolean; error?: string; credentials?: unknown };

/** Asks the running host for the profile's session, as `credentials` does; the popup prompts when it has none. */
export function sessionAsker(profile: string, caller: string, seconds?: number): () => Promise<SessionAnswer> {
	const waitSeconds = checkedWait(seconds);
	return async () => {
		try {
			const request = { type: 'credentials', profile, caller, waitSeconds } as const;
			return (await askHelper(request, waitSeconds * 1000 + 5_000)) as SessionAnswer;
		} catch {
			return { ok: false, error: notConnected().message };
		}
	};
}

/** `credentials PROFILE [--wait SECONDS]`: the session as `credential_process` JSON on stdout. */
export async function credentials(args: readonly string[]): Promise<string> {
	const [name, flag, seconds] = args;
	const profile = checkedProfile(name);
	if (flag !== undefined && flag !== '--wait') throw new CommandError(t('helperUnknownOption', flag));
	const answer = await sessionAsker(profile, callerOf(), flag === '--wait' ? Number(seconds) : undefined)();
	if (!answer.ok || !answer.credentials) throw new CommandError(answer.error ?? t('helperBrowserGone'));
	return JSON.stringify(answer.credentials);
}
