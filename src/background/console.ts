// "Open the AWS console" for a role session: a sign-in token from the federation endpoint, asked
// with the role session from the worker (the session never goes into a tab), then a new tab on the
// login URL, which carries only that token.
import browser from '../browser';
import { t } from '../i18n';
import {
	canOpenConsole,
	checkSigninAnswer,
	consoleLoginUrl,
	consoleSessionDuration,
	federationOf,
	signinTokenUrl,
} from '../lib/console-signin';
import { hostPermissionFor } from '../lib/endpoints';
import { UserError } from '../lib/user-error';
import { checkAllowed, findProfile, liveSession } from './session-steps';
import { stsTimeoutMs } from './sts';
import { vaultState } from './vault';

/** Opens a new tab signed in to the console as the role's live session. */
export async function openConsole(profileId: string): Promise<void> {
	const profile = await findProfile(profileId);
	if (!canOpenConsole(profile)) throw new UserError(t('consoleRolesOnly'), 'session', 'not-a-role');
	if ((await vaultState()).locked) throw new UserError(t('lockedConsole'), 'passphrase', 'locked');
	await checkAllowed(profile);
	const session = await liveSession(profile.id, 60_000);
	if (!session) throw new UserError(t('noSessionToExport'), 'session', 'no-session');
	const target = federationOf(profile);
	if (!target) throw new UserError(t('consoleNoFederation'), 'session', 'no-federation');
	const host = new URL(target.federation).host;
	const permission = hostPermissionFor(target.federation);
	if (permission && !(await browser.permissions.contains({ origins: [permission] })))
		throw new UserError(t('consoleHostMissing', host), 'session', 'no-host-permission');
	const duration = consoleSessionDuration(profile, session.expiration, Date.now());
	let answer: unknown;
	try {
		const response = await fetch(signinTokenUrl(target.federation, session, duration), {
			cache: 'no-store',
			credentials: 'omit',
			signal: AbortSignal.timeout(stsTimeoutMs),
		});
		if (!response.ok) throw new UserError(t('consoleRefused', host, response.status), 'session', 'refused');
		answer = await response.json();
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw new UserError(t('consoleUnreachable', host), 'session', 'network');
	}
	const token = checkSigninAnswer(answer);
	if (!token.ok) throw new UserError(t('consoleBadAnswer', host), 'session', 'bad-response');
	await browser.tabs.create({ url: consoleLoginUrl(target.federation, target.destination, token.value) });
}
