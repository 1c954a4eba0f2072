// One click copies the session in a format, and says so.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { digestOf } from '../lib/clipboard-text';
import type { ExportFormat } from '../lib/export-formats';
import { send } from '../messages';

interface CopyButtonProps {
	profileId: string;
	format: ExportFormat;
	label: string;
}

/** A button that asks for the export only when clicked, so the page holds no secret before. */
export function CopyButton({ profileId, format, label }: CopyButtonProps) {
	const [message, setMessage] = useState<{ text: string; failed: boolean }>();
	const copy = async () => {
		try {
			const text = await send('exportSession', { profileId, format });
			await navigator.clipboard.writeText(text);
			setMessage({ text: t('copied'), failed: false });
			// Only a digest crosses back, so the worker can clear this copy later if it is still there.
			await send('noteCopied', { digest: await digestOf(text) });
		} catch (error) {
			setMessage({ text: error instanceof Error ? error.message : t('copyFailed'), failed: true });
		}
	};
	return (
		<div class="copy">
			<button type="button" onClick={copy}>
				{label}
			</button>
			{message && (
				<p class={message.failed ? 'error' : 'ok'} role={message.failed ? 'alert' : 'status'}>
					{message.text}
				</p>
			)}
		</div>
	);
}
