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

/** `credentials PROFILE [--wait SECONDS]`: the session as `credential_process` JSON on stdout. */
export async function credentials(args: readonly string[]): Promise<string> {
	const [profile, flag, seconds] = args;
	const reserved = profile === undefined ? undefined : reservedNameReason(profile);
	if (reserved) throw new CommandError(reserved);
	if (!isProfileName(profile)) throw new CommandError(t('helperBadProfile', String(profile ?? '')));
	let waitSeconds = Number(process.env.MFA_SESSION_WAIT_SECONDS ?? defaultWaitSeconds);
	if (flag === '--wait') waitSeconds = Number(seconds);
	else if (flag !== undefined) throw new CommandError(t('helperUnknownOption', flag));
	if (!Number.isInteger(waitSeconds) || waitSeconds < 1 || waitSeconds > 600) throw new CommandError(t('helperBadWait'));
	let answer: { ok?: boolean; error?: string; credentials?: unknown };
	try {
		const request = { type: 'credentials', profile, caller: callerOf(), waitSeconds } as const;
		answer = (await askHelper(request, waitSeconds * 1000 + 5_000)) as typeof answer;
	} catch {
		throw notConnected();
	}
	if (!answer.ok || !answer.credentials) throw new CommandError(answer.error ?? t('helperBrowserGone'));
	return JSON.stringify(answer.credentials);
}
