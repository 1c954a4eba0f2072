// The one way out of a forgotten passphrase: delete the stored secrets, after a confirmation.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';

/** Explains what a forgotten passphrase means, and offers to delete the secrets. */
export function ForgetSecrets() {
	const [confirming, setConfirming] = useState(false);
	return (
		<details class="card">
			<summary>{t('forgotPassphrase')}</summary>
			<p>{t('forgotPassphraseText')}</p>
			{confirming ? (
				<p>
					<button type="button" class="danger" onClick={() => send('forgetSecrets')}>
						{t('deleteSecretsConfirm')}
					</button>{' '}
					<button type="button" onClick={() => setConfirming(false)}>
						{t('cancel')}
					</button>
				</p>
			) : (
				<button type="button" onClick={() => setConfirming(true)}>
					{t('deleteSecrets')}
				</button>
			)}
		</details>
	);
}
