// Clearing the clipboard a while after a copy. Checking that the clipboard still holds our copy
// needs the clipboardRead permission, asked for only when the person turns clearing on.
import { useState } from 'preact/hooks';
import { clearClipboardChoices } from '../lib/model';
import { formatDuration } from '../lib/time-format';
import { send } from '../messages';
import browser from '../page-browser';

export function ClearClipboardChoice({ seconds }: { seconds: number }) {
	const [error, setError] = useState<string>();
	const choose = async (next: number) => {
		setError(undefined);
		// Must be asked for within the click, before any other await.
		if (next > 0 && !(await browser.permissions.request({ permissions: ['clipboardRead'] }))) {
			setError('Clearing needs permission to read the clipboard, to clear it only while it still holds your copy.');
			return;
		}
		await send('setPreferences', { clearClipboardSeconds: next });
	};
	return (
		<div class="field">
			<label for="clear-clipboard">Clear the clipboard after a copy</label>
			<select id="clear-clipboard" value={String(seconds)} onChange={(event) => void choose(Number(event.currentTarget.value))}>
				{clearClipboardChoices.map((choice) => (
					<option value={String(choice)} key={choice}>
						{choice === 0 ? 'Never' : formatDuration(choice)}
					</option>
				))}
			</select>
			<p class="hint">Only if it still holds what MFA Session copied.</p>
			{error && (
				<p class="error" role="alert" id="clear-clipboard-error">
					{error}
				</p>
			)}
		</div>
	);
}
