// The first passphrase, typed twice: asked where the first secret is sealed (a key, a sign-in).
import { t } from '../i18n';
import { Field } from '../ui/field';

interface NewPassphraseProps {
	/** Why a passphrase is asked for here. */
	hint: string;
	passphrase: string;
	confirmation: string;
	onPassphrase: (value: string) => void;
	onConfirmation: (value: string) => void;
	errors: { passphrase?: string; confirmation?: string };
}

/** The new passphrase and its confirmation, each with its own error. */
export function NewPassphraseFields({ hint, passphrase, confirmation, onPassphrase, onConfirmation, errors }: NewPassphraseProps) {
	return (
		<fieldset>
			<legend>{t('passphraseForKeys')}</legend>
			<p class="hint">{hint}</p>
			<Field
				id="passphrase"
				label={t('passphrase')}
				type="password"
				autoComplete="new-password"
				value={passphrase}
				onValue={onPassphrase}
				error={errors.passphrase}
			/>
			<Field
				id="confirmation"
				label={t('confirmPassphrase')}
				type="password"
				autoComplete="new-password"
				value={confirmation}
				onValue={onConfirmation}
				error={errors.confirmation}
			/>
		</fieldset>
	);
}
