// Security › Passkeys and security keys: the list, each removable, and the form that adds one.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { PasskeySummary } from '../lib/model';
import { send } from '../messages';
import { Field, FieldError } from '../ui/field';
import { prfAvailable } from '../ui/prf-support';
import { useRequest } from '../ui/use-request';
import { createPasskey, sendOverPasskeyPort } from './passkey-ceremony';

/** Whether this browser can use passkeys to unlock; undefined until known. */
export function usePrfAvailable(): boolean | undefined {
	const [available, setAvailable] = useState<boolean>();
	useEffect(() => void prfAvailable().then(setAvailable), []);
	return available;
}

/** The added passkeys and the form to add another; only a note where the browser has no PRF. */
export function PasskeysPanel({ passkeys }: { passkeys: PasskeySummary[] }) {
	const available = usePrfAvailable();
	const [name, setName] = useState('');
	const [passphrase, setPassphrase] = useState('');
	const adding = useRequest('passkey');
	const removing = useRequest();
	const { errorFor, pending } = adding;
	const done = adding.done ?? removing.done;

	const add = async () => {
		removing.refuse(undefined);
		if (name.trim() === '') return adding.refuse({ field: 'passkeyName', message: t('passkeyNameMissing') });
		if (passphrase === '') return adding.refuse({ field: 'passphrase', message: t('passphraseMissing') });
		const added = await adding.run(
			async () => {
				// Checked before the touch, so a mistyped passphrase leaves no unused credential on the authenticator.
				await send('unlock', { passphrase });
				const made = await createPasskey(
					name.trim(),
					passkeys.map((passkey) => passkey.credentialId),
				);
				await sendOverPasskeyPort({ kind: 'add', ...made, name, passphrase });
				return t('passkeyAdded', name.trim());
			},
			(said) => said,
		);
		if (!added) return;
		setName('');
		setPassphrase('');
	};
	const remove = (passkey: PasskeySummary) => {
		adding.refuse(undefined);
		return removing.run(
			() => send('removePasskey', { id: passkey.id }),
			() => t('passkeyRemoved', passkey.name),
		);
	};

	return (
		<div class="passkeys">
			<h3>{t('passkeys')}</h3>
			<p class="muted">{t('passkeysText')}</p>
			{passkeys.length === 0 ? (
				<p>{t('passkeysNone')}</p>
			) : (
				<ul aria-label={t('passkeys')}>
					{passkeys.map((passkey) => (
						<li key={passkey.id}>
							{t('passkeyAddedOn', passkey.name, passkey.addedAt.slice(0, 10))}{' '}
							<button type="button" aria-label={t('removePasskey', passkey.name)} onClick={() => void remove(passkey)}>
								{t('remove')}
							</button>
						</li>
					))}
				</ul>
			)}
			<FieldError id="remove-passkey" error={removing.error?.message} />
			{available === false && <p class="note">{t('prfUnsupported')}</p>}
			{available && (
				<form
					onSubmit={(event) => {
						event.preventDefault();
						void add();
					}}
				>
					<h4>{t('addPasskey')}</h4>
					<Field
						id="passkeyName"
						label={t('passkeyName')}
						hint={t('passkeyNameHint')}
						value={name}
						onValue={setName}
						maxLength={64}
						error={errorFor('passkeyName')}
					/>
					<Field
						id="passkey-passphrase"
						label={t('passkeyPassphrase')}
						type="password"
						autoComplete="current-password"
						value={passphrase}
						onValue={setPassphrase}
						error={errorFor('passphrase')}
					/>
					<button type="submit" disabled={pending}>
						{pending ? t('addingPasskey') : t('addPasskey')}
					</button>
					{errorFor('passkey') && (
						<p class="error" role="alert">
							{errorFor('passkey')}
						</p>
					)}
				</form>
			)}
			{done && (
				<p class="ok" role="status">
					{done}
				</p>
			)}
		</div>
	);
}
