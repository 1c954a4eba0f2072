// How a session's state reads to a person.

import { t } from '../i18n';
import type { SessionSummary } from '../lib/model';
import { formatClock, formatTimeLeft } from '../lib/time-format';

/** "No session yet", "Valid until 20:15 (11 h 42 min left)" or "Expired at 20:15". */
export function describeSession(session: SessionSummary | undefined, now: number): string {
	if (!session) return t('noSession');
	const expiry = new Date(session.expiration);
	const left = expiry.getTime() - now;
	if (left <= 0) return t('expiredAt', formatClock(expiry));
	return t('validUntil', formatClock(expiry), formatTimeLeft(left));
}
