// A notification a chosen number of minutes before a session ends. One alarm per profile with a
// live session; the notifications permission is optional and asked for when the person turns it on.
import browser from '../browser';
import { t } from '../i18n';
import { formatClock } from '../lib/time-format';
import * as storage from '../storage';
import { openPopup } from './commands';

const prefix = 'expiry-warning:';

/** Whether an alarm is one of ours. */
export function isExpiryWarning(name: string): boolean {
	return name.startsWith(prefix);
}

/** Sets (or clears) the warning alarm of every profile's session from the current preference. */
export async function scheduleExpiryWarnings(): Promise<void> {
	const [{ warnMinutesBefore }, sessions, alarms] = await Promise.all([
		storage.get('preferences'),
		storage.get('sessions'),
		browser.alarms.getAll(),
	]);
	await Promise.all(alarms.filter((alarm) => isExpiryWarning(alarm.name)).map((alarm) => browser.alarms.clear(alarm.name)));
	if (warnMinutesBefore <= 0) return;
	for (const [profileId, session] of Object.entries(sessions)) {
		const when = Date.parse(session.expiration) - warnMinutesBefore * 60_000;
		if (when > Date.now()) await browser.alarms.create(`${prefix}${profileId}`, { when });
	}
}

/** Shows the warning for the profile an alarm names, if its session is still the one that ends then. */
export async function showExpiryWarning(alarmName: string): Promise<void> {
	const profileId = alarmName.slice(prefix.length);
	const [profiles, sessions] = await Promise.all([storage.get('profiles'), storage.get('sessions')]);
	const profile = profiles.find((saved) => saved.id === profileId);
	const session = sessions[profileId];
	if (!profile || !session || !(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
	const minutes = Math.max(1, Math.round((Date.parse(session.expiration) - Date.now()) / 60_000));
	await browser.notifications.create(alarmName, {
		type: 'basic',
		iconUrl: browser.runtime.getURL('icons/icon-128.png'),
		title: t('warningTitle', profile.name, minutes),
		message: t('warningMessage', formatClock(new Date(session.expiration))),
	});
}

/** Clicking the warning opens the popup on that profile. */
export async function onWarningClicked(notificationId: string): Promise<void> {
	if (!isExpiryWarning(notificationId)) return;
	await storage.set({ activeProfileId: notificationId.slice(prefix.length) });
	await browser.notifications.clear(notificationId);
	await openPopup();
}
