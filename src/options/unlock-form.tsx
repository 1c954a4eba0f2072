// Asks for the passphrase before the options page shows anything secret.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PasskeySummary } from '../lib/model';
import { send } from '../messages';
import { Field } from '../ui/field';
import { passkeyPrf, sendOverPasskeyPort } from './passkey-ceremony';
import { usePrfAvailable } from './passkeys-panel';

/** "Unlock with passkey": the ceremony runs here, in a tab that can hold the browser's dialog. */
function PasskeyUnlock({ passkeys }: { passkeys: PasskeySummary[] }) {
	const available = usePrfAvailable();
	const [error, setError] = useState<string>();
	const [pending, setPending] = useState(false);
	if (available === undefined) return null;
	if (!available) return <p class="note">{t('prfUnsupported')}</p>;
	const unlock = async () => {
		setError(undefined);
		setPending(true);
		try {
			await sendOverPasskeyPort({ kind: 'unlock', ...(await passkeyPrf(passkeys.map((passkey) => passkey.credentialId))) });
		} catch (failure) {
			setError(failure instanceof Error ? failure.message : String(failure));
		} finally {
			setPending(false);
		}
	};
	return (
		<>
			<button type="button" disabled={pending} onClick={() => void unlock()}>
				{pending ? t('unlockingWithPasskey') : t('unlockWithPasskey')}
			</button>
			{error && (
				<p class="error" role="alert">
					{error}
				</p>
			)}
		</>
	);
}

/** The locked options page: a passphrase field and an Unlock button (Enter unlocks too), and the passkeys. */
export function UnlockForm({ passkeys }: { passkeys: PasskeySummary[] }) {
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
			{passkeys.length > 0 && <PasskeyUnlock passkeys={passkeys} />}
		</form>
	);
}
