// Times as people read them: lengths, time left and clock times.
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
