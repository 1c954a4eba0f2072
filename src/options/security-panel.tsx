// Lock now, auto-lock after idle time, and changing the passphrase.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { lockAfterEachSession, type PasskeySummary } from '../lib/model';
import type { Policy } from '../lib/policy';
import { allowedAutoLock } from '../lib/policy-choices';
import { formatDuration } from '../lib/time-format';
import type { Field as FieldName } from '../lib/user-error';
import { send } from '../messages';
import { Field } from '../ui/field';
import { PasskeysPanel } from './passkeys-panel';

function describeAutoLock(minutes: number): string {
	if (minutes === lockAfterEachSession) return t('autoLockAfterSession');
	return minutes === 0 ? t('autoLockNever') : formatDuration(minutes * 60);
}

/** The vault's settings; shown only while it is unlocked. */
export function SecurityPanel({
	autoLockMinutes,
	policy,
	passkeys,
}: {
	autoLockMinutes: number;
	policy: Policy;
	passkeys: PasskeySummary[];
}) {
	const [current, setCurrent] = useState('');
	const [next, setNext] = useState('');
	const [confirmation, setConfirmation] = useState('');
	const [error, setError] = useState<{ field: FieldName; message: string }>();
	const [done, setDone] = useState<string>();
	const [pending, setPending] = useState(false);

	const change = async () => {
		setDone(undefined);
		setError(undefined);
		setPending(true);
		try {
			await send('changePassphrase', { current, next, confirmation });
			setCurrent('');
			setNext('');
			setConfirmation('');
			setDone(t('passphraseChanged'));
		} catch (failure) {
			const field = (failure as { field?: FieldName }).field ?? 'passphrase';
			setError({ field, message: failure instanceof Error ? failure.message : String(failure) });
		} finally {
			setPending(false);
		}
	};
	const errorFor = (field: FieldName) => (error?.field === field ? error.message : undefined);

	return (
		<section class="card" aria-labelledby="security-heading">
			<h2 id="security-heading">{t('security')}</h2>
			<div class="field">
				<label for="auto-lock">{t('autoLock')}</label>
				<select
					id="auto-lock"
					value={String(autoLockMinutes)}
					aria-describedby={policy.minimumIdleLockMinutes ? 'auto-lock-policy' : undefined}
					onChange={(event) => send('setPreferences', { autoLockMinutes: Number(event.currentTarget.value) })}
				>
					{allowedAutoLock(policy).map((minutes) => (
						<option value={String(minutes)} key={minutes}>
							{describeAutoLock(minutes)}
						</option>
					))}
				</select>
				{policy.minimumIdleLockMinutes !== undefined && (
					<p class="hint" id="auto-lock-policy">
						{t('setByOrganisation')} {t('policyIdleLimit', formatDuration(policy.minimumIdleLockMinutes * 60))}
					</p>
				)}
			</div>
			<button type="button" onClick={() => send('lock')}>
				{t('lockNow')}
			</button>
			<form
				onSubmit={(event) => {
					event.preventDefault();
					void change();
				}}
			>
				<h3>{t('changePassphrase')}</h3>
				<Field
					id="current-passphrase"
					label={t('currentPassphrase')}
					type="password"
					autoComplete="current-password"
					value={current}
					onValue={setCurrent}
					error={errorFor('passphrase')}
				/>
				<Field
					id="newPassphrase"
					label={t('newPassphrase')}
					type="password"
					autoComplete="new-password"
					value={next}
					onValue={setNext}
					error={errorFor('newPassphrase')}
				/>
				<Field
					id="newConfirmation"
					label={t('confirmNewPassphrase')}
					type="password"
					autoComplete="new-password"
					value={confirmation}
					onValue={setConfirmation}
					error={errorFor('newConfirmation')}
				/>
				<button type="submit" disabled={pending}>
					{pending ? t('changing') : t('changePassphrase')}
				</button>
				{done && (
					<p class="ok" role="status">
						{done}
					</p>
				)}
			</form>
			<PasskeysPanel passkeys={passkeys} />
		</section>
	);
}
