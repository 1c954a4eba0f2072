// The role part of the profile form: which kind of profile, then for a role its ARN, the MFA
// profile it is assumed from, the external ID, the role session name and the direct choice with
// its limits said where the choice is made.
import { t } from '../i18n';
import { isConsole, isMfa, type Profile } from '../lib/model';
import type { ProfileInput } from '../lib/profile-input';
import { chainedMaxDurationSeconds, defaultRoleSessionName } from '../lib/role-input';
import type { Field as FieldName } from '../lib/user-error';
import { Field, FieldError } from '../ui/field';
import { CheckField } from './check-field';

interface RoleFieldsProps {
	input: ProfileInput;
	profiles: readonly Profile[];
	errors: Partial<Record<FieldName, string>>;
	edit: (change: Partial<ProfileInput>) => void;
}

/** The choice "Profile type": an MFA session of an IAM user, a role on top of one, or a console sign-in. */
export function ProfileType({ input, profiles, errors, edit }: RoleFieldsProps) {
	const choose = (kind: 'mfa' | 'role' | 'console') => {
		if (kind === 'mfa' || kind === 'console') return edit({ kind: kind === 'console' ? 'console' : undefined });
		const source = profiles.find((profile) => profile.id === input.sourceProfileId) ?? profiles.find((profile) => isMfa(profile));
		edit({
			kind: 'role',
			sourceProfileId: source?.id ?? '',
			roleSessionName: input.roleSessionName || defaultRoleSessionName(source),
			// A role assumed from a session lasts one hour at most.
			...(input.direct || input.durationSeconds <= chainedMaxDurationSeconds ? {} : { durationSeconds: chainedMaxDurationSeconds }),
		});
	};
	return (
		<fieldset class="choices" aria-describedby={errors.profileType ? 'profileType-error' : undefined}>
			<legend>{t('profileType')}</legend>
			<label class="check">
				<input type="radio" name="profile-type" id="profileType" checked={input.kind === undefined} onChange={() => choose('mfa')} />
				{t('profileTypeMfa')}
			</label>
			<label class="check">
				<input type="radio" name="profile-type" checked={input.kind === 'role'} onChange={() => choose('role')} />
				{t('profileTypeRole')}
			</label>
			<label class="check">
				<input type="radio" name="profile-type" checked={input.kind === 'console'} onChange={() => choose('console')} />
				{t('profileTypeConsole')}
			</label>
			<FieldError id="profileType" error={errors.profileType} />
		</fieldset>
	);
}

/** A role's own fields. */
export function RoleFields({ input, profiles, errors, edit }: RoleFieldsProps) {
	const sources = profiles.filter((profile) => (isMfa(profile) || isConsole(profile)) && profile.id !== input.id);
	const consoleSource = sources.find((profile) => profile.id === input.sourceProfileId && isConsole(profile));
	return (
		<>
			<Field
				id="roleArn"
				label={t('roleArn')}
				value={input.roleArn ?? ''}
				onValue={(roleArn) => edit({ roleArn })}
				error={errors.roleArn}
				hint={t('roleArnHint')}
				spellcheck={false}
			/>
			<div class="field">
				<label for="sourceProfile">{t('sourceProfile')}</label>
				<select
					id="sourceProfile"
					value={input.sourceProfileId ?? ''}
					aria-invalid={errors.sourceProfile ? true : undefined}
					aria-describedby={
						[consoleSource ? 'sourceProfile-hint' : '', errors.sourceProfile ? 'sourceProfile-error' : ''].filter(Boolean).join(' ') ||
						undefined
					}
					onChange={(event) => {
						const source = profiles.find((profile) => profile.id === event.currentTarget.value);
						edit({
							sourceProfileId: event.currentTarget.value,
							...(input.roleSessionName ? {} : { roleSessionName: defaultRoleSessionName(source) }),
						});
					}}
				>
					<option value="">{t('sourceProfileChoose')}</option>
					{sources.map((profile) => (
						<option value={profile.id} key={profile.id}>
							{isConsole(profile) ? t('consoleSourceLabel', profile.name) : profile.name}
						</option>
					))}
				</select>
				{consoleSource && (
					<p class="hint" id="sourceProfile-hint">
						{t('roleFromConsoleHint')}
					</p>
				)}
				<FieldError id="sourceProfile" error={errors.sourceProfile} />
			</div>
			<Field
				id="externalId"
				label={t('externalId')}
				value={input.externalId ?? ''}
				onValue={(externalId) => edit({ externalId })}
				error={errors.externalId}
				hint={t('externalIdHint')}
				spellcheck={false}
			/>
			<Field
				id="roleSessionName"
				label={t('roleSessionName')}
				value={input.roleSessionName ?? ''}
				onValue={(roleSessionName) => edit({ roleSessionName })}
				error={errors.roleSessionName}
				hint={t('roleSessionNameHint')}
				spellcheck={false}
			/>
			<CheckField
				id="direct"
				label={t('assumeDirectly')}
				hint={t('assumeDirectlyHint')}
				checked={input.direct === true}
				onChecked={(direct) => edit({ direct })}
			/>
		</>
	);
}
