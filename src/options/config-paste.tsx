// Starting a profile from a `[profile x]` section of ~/.aws/config: name, MFA device, region, duration.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { type ConfigProfile, parseConfigSections, profilesFromConfig } from '../lib/aws-config';
import type { Profile } from '../lib/model';
import type { ProfileInput } from '../lib/profile-input';
import { reservedNameReason } from '../lib/section-names';
import { parseAwsConfigSection } from '../lib/settings-file';
import { ConfigPlan } from './config-plan';

interface ConfigPasteProps {
	onFill: (values: Partial<ProfileInput>) => void;
	/** The profiles created from several sections: the page shows the first, with the message. */
	onCreated: (first: Profile, message: string) => void;
	profiles: readonly Profile[];
	hasVault: boolean;
}

/** One section fills the form; several are shown as the profiles they describe, to create together. */
export function ConfigPaste({ onFill, onCreated, profiles, hasVault }: ConfigPasteProps) {
	const [text, setText] = useState('');
	const [error, setError] = useState<string>();
	const [planned, setPlanned] = useState<ConfigProfile[]>();
	const fill = () => {
		const sections = parseConfigSections(text);
		if (sections.length > 1) {
			const planned = profilesFromConfig(sections);
			// Said at once, where the text was pasted, not after the keys are typed.
			const refused = planned.map(({ input }) => reservedNameReason(input.name)).find(Boolean);
			setError(refused);
			return setPlanned(refused ? undefined : planned);
		}
		setPlanned(undefined);
		const parsed = parseAwsConfigSection(text);
		setError(parsed.ok ? undefined : parsed.error);
		if (parsed.ok) onFill(parsed.value);
	};
	return (
		<details class="paste">
			<summary>{t('configPaste')}</summary>
			<div class="field">
				<label for="aws-config">{t('configPasteLabel')}</label>
				<textarea
					id="aws-config"
					rows={5}
					spellcheck={false}
					autoComplete="off"
					value={text}
					placeholder={t('configPastePlaceholder')}
					onInput={(event) => setText(event.currentTarget.value)}
				/>
			</div>
			<button type="button" onClick={fill}>
				{t('fillForm')}
			</button>
			{error && (
				<p class="error" role="alert">
					{error}
				</p>
			)}
			{planned && (
				<ConfigPlan
					planned={planned}
					profiles={profiles}
					hasVault={hasVault}
					onDone={(created, message) => {
						setPlanned(undefined);
						setText('');
						if (created[0]) onCreated(created[0], message);
					}}
				/>
			)}
		</details>
	);
}
