// Starting a profile from a `[profile x]` section of ~/.aws/config: name, MFA device, region, duration.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { ProfileInput } from '../lib/profile-input';
import { parseAwsConfigSection } from '../lib/settings-file';

export function ConfigPaste({ onFill }: { onFill: (values: Partial<ProfileInput>) => void }) {
	const [text, setText] = useState('');
	const [error, setError] = useState<string>();
	const fill = () => {
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
		</details>
	);
}
