// One click copies the session in a format, and says so.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
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
			// The worker arranges the clearing (by digest) before it hands the text over.
			const text = await send('exportSession', { profileId, format, copy: true });
			await navigator.clipboard.writeText(text);
			setMessage({ text: t('copied'), failed: false });
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
