// Which STS endpoint a profile talks to, and whether the extension may send it a signed request
// and a fresh MFA code: AWS's own STS hosts and loopback emulators are trusted as they are; any
// other host only once the person confirmed it on the options page, pinned on the profile.
import { t } from '../i18n';
import { defaultSigninEndpoint, defaultStsEndpoint, isAwsSigninHost, isAwsStsHost, stsHostRegion } from './endpoints';
import type { Profile } from './model';
import { isLoopbackHost } from './validate';

/** AWS's own STS host, an emulator on this machine, or someone else's host. */
export type EndpointClass = 'aws' | 'loopback' | 'custom';

/**
 * The endpoint a profile talks to: its custom URL, else AWS's STS endpoint for its region, or for a
 * console sign-in AWS Sign-In's host for its region.
 */
export function endpointOf(profile: Pick<Profile, 'endpoint' | 'region' | 'endpointKind'> & { kind?: Profile['kind'] }): string {
	if (profile.endpoint) return profile.endpoint;
	const signin = profile.kind === 'console' ? defaultSigninEndpoint(profile.region) : undefined;
	return signin ?? defaultStsEndpoint(profile.region, profile.endpointKind);
}

/** What kind of host an endpoint URL names. */
export function classifyEndpoint(endpoint: string): EndpointClass {
	const url = new URL(endpoint);
	if (url.protocol === 'https:' && url.port === '' && (isAwsStsHost(url.hostname) || isAwsSigninHost(url.hostname))) return 'aws';
	return isLoopbackHost(url.hostname) ? 'loopback' : 'custom';
}

/** The host (with its port) a custom endpoint still needs confirmed, or undefined when it may be used. */
export function unconfirmedHost(profile: Pick<Profile, 'endpoint' | 'region' | 'endpointKind' | 'trustedHost'>): string | undefined {
	const endpoint = endpointOf(profile);
	if (classifyEndpoint(endpoint) !== 'custom') return undefined;
	const { host } = new URL(endpoint);
	return profile.trustedHost === host ? undefined : host;
}

/**
 * Why a typed endpoint does not fit the profile's region, if it does not: an AWS STS host names
 * the region its requests are signed for (whatever the port or scheme), and that must be the profile's.
 */
export function endpointRegionMismatch(endpoint: string, region: string): string | undefined {
	const { hostname } = new URL(endpoint);
	const hostRegion = stsHostRegion(hostname);
	return hostRegion === undefined || hostRegion === region ? undefined : t('endpointOtherRegion', hostname, hostRegion, region);
}
