// The options page: unlock, then profiles and the export of their sessions.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { isMfa, type Profile } from '../lib/model';
import { send } from '../messages';
import { FieldError } from '../ui/field';
import { useExtensionState } from '../ui/use-extension-state';
import { useRequest } from '../ui/use-request';
import { CliTools } from './cli-tools';
import { EndpointNotice, useEndpointNotice } from './endpoint-notice';
import { ExportPanel } from './export-panel';
import { ForgetSecrets } from './forget-secrets';
import { KeyPanel } from './key-panel';
import { PolicyPanel } from './policy-panel';
import { PreferencesPanel } from './preferences-panel';
import { ProfileForm } from './profile-form';
import { SecurityPanel } from './security-panel';
import { SettingsPanel } from './settings-panel';
import { ShortcutsPanel } from './shortcuts-panel';
import { UnlockForm } from './unlock-form';

const newProfile = 'new';

/** The options page. */
export function Options() {
	const state = useExtensionState();
	const [chosen, setChosen] = useState<string>();
	const [notice, setNotice] = useState<string>();
	const moved = useEndpointNotice();
	if (!state) return <p class="muted">{t('loading')}</p>;
	if (state.hasVault && state.locked) {
		return (
			<main>
				<h1>{t('extensionName')}</h1>
				<EndpointNotice moved={moved} />
				<UnlockForm passkeys={state.passkeys} />
				<ForgetSecrets />
			</main>
		);
	}
	const selectedId = chosen ?? state.activeProfileId ?? state.profiles[0]?.id ?? newProfile;
	const profile = state.profiles.find((saved) => saved.id === selectedId);
	return (
		<main>
			<h1>{t('extensionName')}</h1>
			<EndpointNotice moved={moved} />
			<PolicyPanel policy={state.policy} problems={state.policyProblems} notices={state.policyNotices} pending={state.policyPending} />
			{state.profiles.length > 0 && (
				<div class="toolbar">
					<label for="profile-choice">{t('profileToEdit')}</label>
					<select
						id="profile-choice"
						value={profile?.id ?? newProfile}
						onChange={(event) => {
							setChosen(event.currentTarget.value);
							setNotice(undefined);
						}}
					>
						{state.profiles.map((saved) => (
							<option value={saved.id} key={saved.id}>
								{saved.name}
							</option>
						))}
						<option value={newProfile}>{t('newProfileChoice')}</option>
					</select>
					{profile && !profile.managed && <DeleteProfile key={profile.id} profile={profile} onDeleted={() => setChosen(undefined)} />}
					{profile?.managed && <span class="hint">{t('presetProfileHint')}</span>}
				</div>
			)}
			<div class="columns">
				<ProfileForm
					key={formKey(profile)}
					profile={profile}
					profiles={state.profiles}
					hasVault={state.hasVault}
					policy={state.policy}
					policyPending={state.policyPending}
					notice={notice}
					onSaved={(saved, message) => {
						setChosen(saved.id);
						setNotice(message);
					}}
				/>
				<div>
					{profile && (
						<ExportPanel profile={profile} session={state.sessions[profile.id]} preferences={state.preferences} policy={state.policy} />
					)}
					{profile && isMfa(profile) && state.hasVault && (
						<KeyPanel
							key={profile.id}
							profile={profile}
							info={state.keyInfo[profile.id]}
							session={state.sessions[profile.id]}
							rotation={state.rotation}
							report={state.rotationReport}
							locked={state.locked}
							preferences={state.preferences}
							policy={state.policy}
						/>
					)}
					{profile && <CliTools key={profile.id} profile={profile} policy={state.policy} />}
					{state.hasVault && (
						<SecurityPanel autoLockMinutes={state.preferences.autoLockMinutes} policy={state.policy} passkeys={state.passkeys} />
					)}
					<PreferencesPanel preferences={state.preferences} policy={state.policy} />
					<ShortcutsPanel />
					<SettingsPanel policy={state.policy} />
				</div>
			</div>
		</main>
	);
}

/** The form starts afresh for another profile, and when the organisation changes what it set on a preset one. */
function formKey(profile: Profile | undefined): string {
	if (!profile) return newProfile;
	const { id, region, endpoint, endpointKind, durationSeconds, managed } = profile;
	return managed ? JSON.stringify([id, region, endpoint, endpointKind, durationSeconds]) : id;
}

/** Deleting asks first, and says what goes with the profile. */
function DeleteProfile({ profile, onDeleted }: { profile: Profile; onDeleted: () => void }) {
	const [confirming, setConfirming] = useState(false);
	const deleting = useRequest();
	if (!confirming) {
		return (
			<button type="button" onClick={() => setConfirming(true)}>
				{t('deleteProfile')}
			</button>
		);
	}
	return (
		<fieldset class="confirm">
			<legend class="visually-hidden">{t('confirmDeletion')}</legend>
			{t('deleteProfileQuestion', profile.name)}{' '}
			<button
				type="button"
				class="danger"
				id="delete-profile"
				aria-describedby={deleting.error ? 'delete-profile-error' : undefined}
				onClick={async () => {
					if (await deleting.run(() => send('deleteProfile', { profileId: profile.id }))) onDeleted();
				}}
			>
				{t('deleteProfileNamed', profile.name)}
			</button>{' '}
			<button type="button" onClick={() => setConfirming(false)}>
				{t('cancel')}
			</button>
			<FieldError id="delete-profile" error={deleting.error?.message} />
		</fieldset>
	);
}
