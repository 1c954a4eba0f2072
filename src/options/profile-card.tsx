// What every kind of profile form shares: the card with its heading, the save button and the
// confirmation of the last save, and the confirmation a custom endpoint needs.
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { Field } from '../ui/field';
import { CheckField } from './check-field';

interface ProfileCardProps {
	/** The saved profile's name; none for a new profile. */
	name: string | undefined;
	onSave: () => void;
	pending: boolean;
	/** True while saving must wait (the very first run, before the policy has arrived). */
	waiting: boolean;
	notice: string | undefined;
	children: ComponentChildren;
}

/** A profile form: its fields, then Save and what the last save did. */
export function ProfileCard({ name, onSave, pending, waiting, notice, children }: ProfileCardProps) {
	return (
		<form
			class="card"
			noValidate
			onSubmit={(event) => {
				event.preventDefault();
				onSave();
			}}
		>
			<h2>{name !== undefined ? t('editProfile', name) : t('newProfile')}</h2>
			{children}
			<button type="submit" disabled={pending || waiting}>
				{pending ? t('saving') : t('saveProfile')}
			</button>
			{notice && !pending && (
				<p class="ok" role="status">
					{notice}
				</p>
			)}
		</form>
	);
}

/** The profile's name, read-only (with who set it) for a profile the organisation set up. */
export function NameField({
	value,
	onValue,
	error,
	setBy,
}: {
	value: string;
	onValue: (name: string) => void;
	error: string | undefined;
	setBy?: string;
}) {
	return (
		<Field
			id="name"
			label={t('profileName')}
			value={value}
			onValue={onValue}
			error={error}
			autoComplete="off"
			readOnly={setBy !== undefined}
			hint={setBy}
		/>
	);
}

/** "Trust this endpoint", for the one custom host typed. */
export function TrustHostCheck({
	host,
	trusted,
	onTrusted,
}: {
	host: string;
	trusted: string | undefined;
	onTrusted: (host: string | undefined) => void;
}) {
	return (
		<CheckField
			id="trustedHost"
			label={t('trustEndpoint')}
			hint={t('trustEndpointHint', host)}
			checked={trusted === host}
			onChecked={(checked) => onTrusted(checked ? host : undefined)}
		/>
	);
}
