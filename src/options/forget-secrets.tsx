// The one way out of a forgotten passphrase: delete the stored secrets, after a confirmation.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';
import { FieldError } from '../ui/field';
import { useRequest } from '../ui/use-request';

/** Explains what a forgotten passphrase means, and offers to delete the secrets. */
export function ForgetSecrets() {
	const [confirming, setConfirming] = useState(false);
	const forgetting = useRequest();
	return (
		<details class="card">
			<summary>{t('forgotPassphrase')}</summary>
			<p>{t('forgotPassphraseText')}</p>
			{confirming ? (
				<p>
					<button
						type="button"
						class="danger"
						id="forget-secrets"
						aria-describedby={forgetting.error ? 'forget-secrets-error' : undefined}
						onClick={() => void forgetting.run(() => send('forgetSecrets'))}
					>
						{t('deleteSecretsConfirm')}
					</button>{' '}
					<button type="button" onClick={() => setConfirming(false)}>
						{t('cancel')}
					</button>
					<FieldError id="forget-secrets" error={forgetting.error?.message} />
				</p>
			) : (
				<button type="button" onClick={() => setConfirming(true)}>
					{t('deleteSecrets')}
				</button>
			)}
		</details>
	);
}
