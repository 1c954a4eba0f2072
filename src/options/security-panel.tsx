// Lock now, auto-lock after idle time, and changing the passphrase.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { lockAfterEachSession, type PasskeySummary } from '../lib/model';
import type { Policy } from '../lib/policy';
import { allowedAutoLock } from '../lib/policy-choices';
import { formatDuration } from '../lib/time-format';
import { send } from '../messages';
import { Field, FieldError } from '../ui/field';
import { useRequest } from '../ui/use-request';
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
	const changing = useRequest('passphrase');
	const choosing = useRequest();
	const locking = useRequest();
	const { errorFor, pending, done } = changing;

	const change = async () => {
		const changed = await changing.run(
			() => send('changePassphrase', { current, next, confirmation }),
			() => t('passphraseChanged'),
		);
		if (!changed) return;
		setCurrent('');
		setNext('');
		setConfirmation('');
	};
	const described = [policy.minimumIdleLockMinutes ? 'auto-lock-policy' : '', choosing.error ? 'auto-lock-error' : '']
		.filter(Boolean)
		.join(' ');

	return (
		<section class="card" aria-labelledby="security-heading">
			<h2 id="security-heading">{t('security')}</h2>
			<div class="field">
				<label for="auto-lock">{t('autoLock')}</label>
				<select
					id="auto-lock"
					value={String(autoLockMinutes)}
					aria-describedby={described || undefined}
					onChange={(event) => {
						const autoLockMinutes = Number(event.currentTarget.value);
						void choosing.run(() => send('setPreferences', { autoLockMinutes }));
					}}
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
				<FieldError id="auto-lock" error={choosing.error?.message} />
			</div>
			<button
				type="button"
				id="lock-now"
				aria-describedby={locking.error ? 'lock-now-error' : undefined}
				onClick={() => void locking.run(() => send('lock'))}
			>
				{t('lockNow')}
			</button>
			<FieldError id="lock-now" error={locking.error?.message} />
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
