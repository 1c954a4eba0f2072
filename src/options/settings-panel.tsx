// Backup and moving house: every profile's settings and the preferences as a JSON file, never a
// secret. An import is shown first, field by field, and changes nothing until it is confirmed.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import type { ImportPlan } from '../lib/import-plan';
import type { Policy } from '../lib/policy';
import { send } from '../messages';
import { ImportPreview } from './import-preview';

/** Offers the settings as a file download. */
async function download(): Promise<void> {
	const text = await send('exportSettings');
	const link = document.createElement('a');
	link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	link.download = 'mfa-session-settings.json';
	link.click();
	URL.revokeObjectURL(link.href);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function SettingsPanel({ policy }: { policy: Policy }) {
	const [message, setMessage] = useState<{ text: string; failed: boolean }>();
	const [pending, setPending] = useState<{ text: string; plan: ImportPlan }>();
	const [busy, setBusy] = useState(false);
	const load = async (input: HTMLInputElement) => {
		const file = input.files?.[0];
		if (!file) return;
		setMessage(undefined);
		setPending(undefined);
		try {
			const text = await file.text();
			setPending({ text, plan: await send('previewSettings', { text }) });
		} catch (error) {
			setMessage({ text: messageOf(error), failed: true });
		}
		// The same file chosen again after a cancel must load again.
		input.value = '';
	};
	const confirm = async () => {
		if (!pending) return;
		setBusy(true);
		try {
			const { added, updated } = await send('importSettings', pending);
			setMessage({ text: t('settingsImported', added, updated), failed: false });
			setPending(undefined);
		} catch (error) {
			setMessage({ text: messageOf(error), failed: true });
			setPending(undefined);
		} finally {
			setBusy(false);
		}
	};
	return (
		<section class="card" aria-labelledby="settings-heading">
			<h2 id="settings-heading">{t('settingsFile')}</h2>
			<p class="hint">{t('settingsFileHint')}</p>
			{policy.allowSettingsExport ? (
				<button type="button" onClick={() => void download()}>
					{t('exportSettings')}
				</button>
			) : (
				<p class="hint">{t('policyExportOff')}</p>
			)}
			{policy.allowSettingsImport ? (
				<div class="field">
					<label for="settings-file">{t('importSettings')}</label>
					<input id="settings-file" type="file" accept="application/json,.json" onChange={(event) => void load(event.currentTarget)} />
				</div>
			) : (
				<p class="hint">{t('policyImportOff')}</p>
			)}
			{pending && (
				<ImportPreview
					plan={pending.plan}
					busy={busy}
					onConfirm={() => void confirm()}
					onCancel={() => {
						setPending(undefined);
						setMessage({ text: t('importCancelled'), failed: false });
					}}
				/>
			)}
			{message && (
				<p class={message.failed ? 'error' : 'ok'} role={message.failed ? 'alert' : 'status'} id="settingsFile-error">
					{message.text}
				</p>
			)}
		</section>
	);
}
