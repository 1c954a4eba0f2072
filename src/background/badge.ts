// The toolbar badge: the active session's time left ("11h", "42m", "!" once expired), kept
// current by an alarm each minute and at the expiry, and recomputed whenever the worker wakes.
import browser from '../browser';
import { t } from '../i18n';
import { badgeText } from '../lib/badge-text';
import { keyAgeDays, keyAgeVerdict } from '../lib/key-age';
import { activeProfile, isRole, type MfaProfile, type Profile } from '../lib/model';
import { formatClock } from '../lib/time-format';
import * as storage from '../storage';
import { currentPolicy } from './policy';

/** The alarm that keeps the badge current. */
export const badgeAlarm = 'badge';

const colours = { live: '#1f6f43', expired: '#b3261e', done: '#1f6f43' } as const;

const flashMs = 4_000;

/** Until when a flashed message keeps the badge; the time left waits its turn. */
let flashUntil = 0;

/** The tooltip's line about a key past its age limit, or nothing. */
async function keyAgeLine(profile: Profile): Promise<string> {
	const [info, preferences, { policy }] = await Promise.all([storage.get('keyInfo'), storage.get('preferences'), currentPolicy()]);
	const known = isRole(profile) ? undefined : info[profile.id];
	const age =
		known?.createdAt && known.accessKeyId === (profile as MfaProfile).accessKeyId ? keyAgeDays(known.createdAt, Date.now()) : undefined;
	return age !== undefined && keyAgeVerdict(age, preferences.keyAgeWarnDays, policy).state !== 'ok' ? `\n${t('keyAgeWarning', age)}` : '';
}

/** Shows the active profile's session on the toolbar icon and in its tooltip. */
export async function updateBadge(): Promise<void> {
	if (Date.now() < flashUntil) return;
	const [profiles, activeProfileId, sessions] = await Promise.all([
		storage.get('profiles'),
		storage.get('activeProfileId'),
		storage.get('sessions'),
	]);
	const profile = activeProfile(profiles, activeProfileId);
	const session = profile && sessions[profile.id];
	if (!profile || !session) {
		await browser.action.setBadgeText({ text: '' });
		await browser.action.setTitle({
			title: profile ? t('badgeNoSession', profile.name) + (await keyAgeLine(profile)) : t('extensionName'),
		});
		await browser.alarms.clear(badgeAlarm);
		return;
	}
	const left = Date.parse(session.expiration) - Date.now();
	const clock = formatClock(new Date(session.expiration));
	await browser.action.setBadgeText({ text: badgeText(left) });
	await browser.action.setBadgeBackgroundColor({ color: left > 0 ? colours.live : colours.expired });
	await browser.action.setTitle({
		title: (left > 0 ? t('badgeValidUntil', profile.name, clock) : t('badgeExpiredAt', profile.name, clock)) + (await keyAgeLine(profile)),
	});
	// The next minute, or the moment the session ends if sooner, so "!" shows when it expires.
	if (left > 0) await browser.alarms.create(badgeAlarm, { when: Date.now() + Math.min(60_000, left) });
	else await browser.alarms.clear(badgeAlarm);
}

/** Shows a short message on the badge ("✓" after a copy, "!" for a refusal), then the time left again. */
export async function flashBadge(text: string, title: string): Promise<void> {
	flashUntil = Date.now() + flashMs;
	await browser.action.setBadgeText({ text });
	await browser.action.setBadgeBackgroundColor({ color: text === '!' ? colours.expired : colours.done });
	await browser.action.setTitle({ title });
	setTimeout(() => void updateBadge(), flashMs + 10);
}
