// The toolbar badge's text: the worker's alone, apart from the time formats the pages load.
import { t } from '../i18n';

/** The toolbar badge for a session's time left: "11h", "42m", "!" once expired. */
export function badgeText(milliseconds: number): string {
	if (milliseconds <= 0) return '!';
	const minutes = Math.ceil(milliseconds / 60_000);
	return minutes >= 60 ? t('badgeHours', Math.floor(minutes / 60)) : t('badgeMinutes', minutes);
}
