// One click copies the session in a format, and says so.
import { useState } from 'preact/hooks';
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
			await navigator.clipboard.writeText(await send('exportSession', { profileId, format }));
			setMessage({ text: 'Copied to the clipboard.', failed: false });
		} catch (error) {
			setMessage({ text: error instanceof Error ? error.message : 'Copy failed.', failed: true });
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
