// Backup and moving house: every profile's settings and the preferences as a JSON file, never a secret.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';

/** Offers the settings as a file download. */
async function download(): Promise<void> {
	const text = await send('exportSettings');
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	link.download = 'mfa-session-settings.json';
	link.click();
	URL.revokeObjectURL(link.href);
}

export function SettingsPanel() {
	const [message, setMessage] = useState<{ text: string; failed: boolean }>();
	const load = async (file: File | undefined) => {
		if (!file) return;
		try {
			const { added, updated } = await send('importSettings', { text: await file.text() });
			setMessage({ text: t('settingsImported', added, updated), failed: false });
		} catch (error) {
			setMessage({ text: error instanceof Error ? error.message : String(error), failed: true });
		}
	};
	return (
		<section class="card" aria-labelledby="settings-heading">
			<h2 id="settings-heading">{t('settingsFile')}</h2>
			<p class="hint">{t('settingsFileHint')}</p>
			<button type="button" onClick={() => void download()}>
				{t('exportSettings')}
			</button>
			<div class="field">
				<label for="settings-file">{t('importSettings')}</label>
				<input
					id="settings-file"
					type="file"
					accept="application/json,.json"
					onChange={(event) => void load(event.currentTarget.files?.[0])}
				/>
			</div>
			{message && (
				<p class={message.failed ? 'error' : 'ok'} role={message.failed ? 'alert' : 'status'} id="settingsFile-error">
					{message.text}
				</p>
			)}
		</section>
	);
}
