// Chooses the active profile; the choice is remembered, and the badge and shortcuts follow it.
import { t } from '../i18n';
import { isRole, type Profile } from '../lib/model';
import { FieldError } from '../ui/field';

interface ProfileSwitcherProps {
	profiles: Profile[];
	activeId: string;
	onChoose: (profileId: string) => void;
	error: string | undefined;
}

/** Each MFA profile or console sign-in with the roles assumed from it, in one select. */
export function ProfileSwitcher({ profiles, activeId, onChoose, error }: ProfileSwitcherProps) {
	return (
		<div class="field switcher">
			<label for="profile">{t('profile')}</label>
			<select
				id="profile"
				value={activeId}
				aria-describedby={error ? 'profile-error' : undefined}
				onChange={(event) => onChoose(event.currentTarget.value)}
			>
				{groupBySource(profiles).map(([source, roles]) =>
					roles.length === 0 ? (
						<Choice profile={source} key={source.id} />
					) : (
						<optgroup label={source.name} key={source.id}>
							<Choice profile={source} />
							{roles.map((role) => (
								<Choice profile={role} key={role.id} />
							))}
						</optgroup>
					),
				)}
			</select>
			<FieldError id="profile" error={error} />
		</div>
	);
}

const Choice = ({ profile }: { profile: Profile }) => <option value={profile.id}>{profile.name}</option>;

/** Each source with the roles assumed from it; a role whose source is gone stands alone. */
function groupBySource(profiles: Profile[]): [Profile, Profile[]][] {
	const sources = profiles.filter((profile) => !isRole(profile) || !profiles.some((other) => other.id === profile.sourceProfileId));
	return sources.map((source) => [source, profiles.filter((profile) => isRole(profile) && profile.sourceProfileId === source.id)]);
}
