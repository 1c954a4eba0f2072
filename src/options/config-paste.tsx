// Starting a profile from a `[profile x]` section of ~/.aws/config: name, MFA device, region, duration.
import { useState } from 'preact/hooks';
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
			<summary>Start from ~/.aws/config</summary>
			<div class="field">
				<label for="aws-config">~/.aws/config section</label>
				<textarea
					id="aws-config"
					rows={5}
					spellcheck={false}
					autoComplete="off"
					value={text}
					placeholder={'[profile work]\nmfa_serial = arn:aws:iam::123456789012:mfa/alice\nregion = eu-west-1'}
					onInput={(event) => setText(event.currentTarget.value)}
				/>
			</div>
			<button type="button" onClick={fill}>
				Fill the form
			</button>
			{error && (
				<p class="error" role="alert">
					{error}
				</p>
			)}
		</details>
	);
}
