// Choices that hold whether or not there is a session: clearing the clipboard after a copy, and
// the warning before a session ends. Each asks for its optional permission when turned on.
import { t } from '../i18n';
import { keyAgeChoices } from '../lib/key-age';
import { type Preferences, warnChoices } from '../lib/model';
import type { Policy } from '../lib/policy';
import { allowedClearDelays } from '../lib/policy-choices';
import { formatDuration } from '../lib/time-format';
import { send } from '../messages';
import { PermissionChoice } from './permission-choice';

export function PreferencesPanel({ preferences, policy }: { preferences: Preferences; policy: Policy }) {
	const forced = policy.forceClipboardClearSeconds;
	return (
		<section class="card" aria-labelledby="preferences-heading">
			<h2 id="preferences-heading">{t('preferencesHeading')}</h2>
			<PermissionChoice
				id="clear-clipboard"
				label={t('clearClipboard')}
				hint={
					forced === undefined ? t('clearClipboardHint') : `${t('setByOrganisation')} ${t('policyClearForced', formatDuration(forced))}`
				}
				preference="clearClipboardSeconds"
				value={preferences.clearClipboardSeconds}
				choices={allowedClearDelays(policy)}
				forced={forced !== undefined}
				describe={(seconds) => (seconds === 0 ? t('never') : formatDuration(seconds))}
				permission="clipboardRead"
				needs={t('clearClipboardNeeds')}
			/>
			<PermissionChoice
				id="warn-before"
				label={t('warnBefore')}
				hint={t('warnBeforeHint')}
				preference="warnMinutesBefore"
				value={preferences.warnMinutesBefore}
				choices={warnChoices}
				describe={(minutes) => (minutes === 0 ? t('never') : t('durationBefore', formatDuration(minutes * 60)))}
				permission="notifications"
				needs={t('warnBeforeNeeds')}
			/>
			<div class="field">
				<label for="key-age">{t('keyAgeChoice')}</label>
				<select
					id="key-age"
					value={preferences.keyAgeWarnDays}
					onChange={(event) => void send('setPreferences', { keyAgeWarnDays: Number(event.currentTarget.value) })}
				>
					{keyAgeChoices.map((days) => (
						<option value={days} key={days}>
							{t('keyAgeDays', days)}
						</option>
					))}
				</select>
			</div>
		</section>
	);
}
