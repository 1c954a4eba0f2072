// Asks for the passphrase before the options page shows anything secret.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';
import { Field } from '../ui/field';

/** The locked options page: a passphrase field and an Unlock button (Enter unlocks too). */
export function UnlockForm() {
	const [passphrase, setPassphrase] = useState('');
	const [error, setError] = useState<string>();
	const [pending, setPending] = useState(false);
	useEffect(() => document.getElementById('unlock-passphrase')?.focus(), []);
	const unlock = async () => {
		if (pending) return;
		setPending(true);
		try {
			await send('unlock', { passphrase });
		} catch (failure) {
			setError(failure instanceof Error ? failure.message : String(failure));
			setPassphrase('');
		} finally {
			setPending(false);
		}
	};
	return (
		<form
			class="card"
			onSubmit={(event) => {
				event.preventDefault();
				void unlock();
			}}
		>
			<h2>{t('locked')}</h2>
			<p>{t('lockedText')}</p>
			<Field
				id="unlock-passphrase"
				label={t('passphrase')}
				type="password"
				autoComplete="current-password"
				value={passphrase}
				onValue={setPassphrase}
				error={error}
			/>
			<button type="submit" disabled={pending}>
				{pending ? t('unlocking') : t('unlock')}
			</button>
		</form>
	);
}
