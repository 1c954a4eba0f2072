// Opening the AWS console as a role: the federation endpoint's getSigninToken with the role
// session, then its login URL. AWS's rules: only role (or federation) sessions are accepted, never
// an IAM user's GetSessionToken session; SessionDuration (15 min to 12 h) may be given only for a
// role that was not assumed with temporary credentials (a chained role keeps its own, at most 1 h).
import { classifyEndpoint, endpointOf } from './endpoint-trust';
import { partitionOfRegion } from './endpoints';
import type { Profile, RoleProfile, SessionCredentials } from './model';
import type { Result } from './result';

/** AWS's sign-in host and console of each partition that has them. */
const signinByPartition: Readonly<Record<string, { signin: string; console: string }>> = {
	aws: { signin: 'https://signin.aws.amazon.com', console: 'https://console.aws.amazon.com/' },
	'aws-us-gov': { signin: 'https://signin.amazonaws-us-gov.com', console: 'https://console.amazonaws-us-gov.com/' },
	'aws-cn': { signin: 'https://signin.amazonaws.cn', console: 'https://console.amazonaws.cn/' },
};

/** Where to get a sign-in token and where to land: AWS's for its STS, the emulator's own for one on loopback. */
export function federationFor(endpointClass: 'aws' | 'loopback' | 'custom', endpoint: string, partition: string | undefined) {
	if (endpointClass === 'loopback') {
		const { origin } = new URL(endpoint);
		return { federation: `${origin}/federation`, destination: `${origin}/console/` };
	}
	const known = endpointClass === 'aws' && partition !== undefined ? signinByPartition[partition] : undefined;
	return known ? { federation: `${known.signin}/federation`, destination: known.console } : undefined;
}

/** The federation endpoint and landing page for a profile, or undefined where there is none. */
export function federationOf(profile: Pick<Profile, 'endpoint' | 'region' | 'endpointKind'>) {
	const endpoint = endpointOf(profile);
	return federationFor(classifyEndpoint(endpoint), endpoint, partitionOfRegion(profile.region));
}

/** The longest console session AWS grants through the federation endpoint, and the shortest. */
const sessionDurationLimits = { min: 900, max: 43_200 } as const;

/**
 * SessionDuration for getSigninToken: only for a role assumed directly (AWS refuses it for a chained
 * session), as long as the role session still lasts, within AWS's limits; undefined otherwise.
 */
export function consoleSessionDuration(role: Pick<RoleProfile, 'direct'>, expiration: string, now: number): number | undefined {
	if (!role.direct) return undefined;
	const left = Math.floor((Date.parse(expiration) - now) / 1000);
	if (left < sessionDurationLimits.min) return undefined;
	return Math.min(left, sessionDurationLimits.max);
}

/** The getSigninToken request URL; the session travels only to the federation endpoint, never in a tab. */
export function signinTokenUrl(federation: string, session: SessionCredentials, sessionDuration: number | undefined): string {
	const params = new URLSearchParams({
		Action: 'getSigninToken',
		...(sessionDuration === undefined ? {} : { SessionDuration: String(sessionDuration) }),
		Session: JSON.stringify({ sessionId: session.accessKeyId, sessionKey: session.secretAccessKey, sessionToken: session.sessionToken }),
	});
	return `${federation}?${params}`;
}

/** The federation endpoint's answer: a sign-in token, checked before it goes into a URL. */
export function checkSigninAnswer(answer: unknown): Result<string> {
	const token = (answer as { SigninToken?: unknown } | null)?.SigninToken;
	if (typeof token !== 'string' || !/^[\w.~+/=-]{16,8192}$/.test(token)) return { ok: false, error: 'SigninToken' };
	return { ok: true, value: token };
}

/** The login URL a new tab opens: it carries the sign-in token (valid 15 minutes), not the session. */
export function consoleLoginUrl(federation: string, destination: string, token: string): string {
	const params = new URLSearchParams({ Action: 'login', Issuer: 'MFA Session', Destination: destination, SigninToken: token });
	return `${federation}?${params}`;
}

/** Whether a profile may open the console: a role (an IAM user's MFA session is refused by AWS). */
export const canOpenConsole = (profile: Profile): profile is RoleProfile => profile.kind === 'role';
