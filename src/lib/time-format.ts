// Times as people read them, and as credential consumers parse them.
import { t } from '../i18n';

/** "1 h 30 min", "45 min", "20 s": a length of time in seconds. */
export function formatDuration(seconds: number): string {
	if (seconds < 60) return t('durationSeconds', Math.max(0, Math.round(seconds)));
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	if (hours === 0) return t('durationMinutes', minutes);
	return minutes === 0 ? t('durationHours', hours) : t('durationHoursMinutes', hours, minutes);
}

/** "11 h 42 min left", "3 min left", "less than a minute left": time left in milliseconds. */
export function formatTimeLeft(milliseconds: number): string {
	if (milliseconds < 60_000) return t('lessThanMinuteLeft');
	return t('timeLeft', formatDuration(Math.floor(milliseconds / 60_000) * 60));
}

/** "08:05": a local wall-clock time, 24-hour. */
export function formatClock(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2026-11-23T08:40:32Z": RFC 3339 in UTC to the second, which every AWS tool parses. */
export function toRfc3339Utc(date: Date | string): string {
	const time = typeof date === 'string' ? new Date(date) : date;
	if (Number.isNaN(time.getTime())) throw new RangeError(`Not a time: ${String(date)}`);
	return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The toolbar badge for a session's time left: "11h", "42m", "!" once expired. */
export function badgeText(milliseconds: number): string {
	if (milliseconds <= 0) return '!';
	const minutes = Math.ceil(milliseconds / 60_000);
	return minutes >= 60 ? t('badgeHours', Math.floor(minutes / 60)) : t('badgeMinutes', minutes);
}
