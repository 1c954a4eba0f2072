// The live session in every format, ready to copy.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { digestOf } from '../lib/clipboard-text';
import { exportFormats, isExportFormat } from '../lib/format-names';
import { isLive, type Preferences, type Profile, type SessionSummary } from '../lib/model';
import type { Policy } from '../lib/policy';
import { allowedFormats } from '../lib/policy-choices';
import { send } from '../messages';
import { CopyButton } from '../ui/copy-button';
import { FieldError } from '../ui/field';
import { describeSession } from '../ui/session-text';
import { useNow } from '../ui/use-extension-state';
import { useRequest } from '../ui/use-request';

interface ExportPanelProps {
	profile: Profile;
	session: SessionSummary | undefined;
	preferences: Preferences;
	policy: Policy;
}

/**
 * A copy from the field (keyboard or menu) puts exactly the selection on the clipboard and tells the
 * worker, so it is cleared as a copy by the Copy button is, forced clearing included.
 */
function copySelection(event: ClipboardEvent): void {
	const field = event.currentTarget as HTMLTextAreaElement;
	const selected = field.value.slice(field.selectionStart, field.selectionEnd);
	if (selected === '' || !event.clipboardData) return;
	event.preventDefault();
	event.clipboardData.setData('text/plain', selected);
	void digestOf(selected).then((digest) => send('noteCopy', { digest }));
}

/** Shows the chosen format of a profile's live session; asks for it only while shown. */
export function ExportPanel({ profile, session, preferences, policy }: ExportPanelProps) {
	const allowed = allowedFormats(policy);
	const { exportFormat: format, includeRegion } = preferences;
	const now = useNow();
	const live = isLive(session, now);
	const [text, setText] = useState('');
	const [error, setError] = useState<string>();
	const choosingFormat = useRequest();
	const choosingRegion = useRequest();
	useEffect(() => {
		if (!live) {
			setText('');
			return;
		}
		// The previous text stays until its replacement arrives; an answer that comes too late is dropped.
		let current = true;
		send('exportSession', { profileId: profile.id, format }).then(
			(exported) => {
				if (!current) return;
				setText(exported);
				setError(undefined);
			},
			(failure: Error) => {
				if (!current) return;
				setText('');
				setError(failure.message);
			},
		);
		return () => {
			current = false;
		};
	}, [profile.id, format, includeRegion, live, session?.expiration]);

	return (
		<section class="card" aria-labelledby="export-heading">
			<h2 id="export-heading">{t('exportProfile', profile.name)}</h2>
			<p class="session">{describeSession(session, now)}</p>
			{!live && <p>{t('exportNoSession')}</p>}
			{live && (
				<>
					<div class="field">
						<label for="format">{t('format')}</label>
						<select
							id="format"
							value={format}
							aria-describedby={choosingFormat.error ? 'format-error' : undefined}
							onChange={(event) => {
								const chosen = event.currentTarget.value;
								if (isExportFormat(chosen)) void choosingFormat.run(() => send('setPreferences', { exportFormat: chosen }));
							}}
						>
							{exportFormats
								.filter((entry) => allowed.includes(entry.id))
								.map((entry) => (
									<option value={entry.id} key={entry.id}>
										{entry.label}
									</option>
								))}
						</select>
						<FieldError id="format" error={choosingFormat.error?.message} />
					</div>
					<label class="check">
						<input
							type="checkbox"
							id="include-region"
							checked={includeRegion}
							aria-describedby={choosingRegion.error ? 'include-region-error' : undefined}
							onChange={(event) => {
								const checked = event.currentTarget.checked;
								void choosingRegion.run(() => send('setPreferences', { includeRegion: checked }));
							}}
						/>
						{t('includeRegion', profile.region)}
					</label>
					<FieldError id="include-region" error={choosingRegion.error?.message} />
					<div class="field">
						<label for="exported">{t('exportedCredentials')}</label>
						{/* autoComplete off keeps Chromium from saving the text with the page state on disk. */}
						<textarea id="exported" readOnly rows={8} spellcheck={false} autoComplete="off" value={text} onCopy={copySelection} />
					</div>
					{error && (
						<p class="error" role="alert">
							{error}
						</p>
					)}
					<CopyButton profileId={profile.id} format={format} label={t('copy')} />
				</>
			)}
		</section>
	);
}
