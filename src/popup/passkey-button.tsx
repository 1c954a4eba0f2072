// "Unlock with passkey" in the popup. The popup closes when the browser's WebAuthn dialog takes
// focus, so the ceremony runs on the options page; this popup, if still open, sees the vault unlock.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import browser from '../page-browser';
import { prfAvailable } from '../ui/prf-support';

/** The button, shown only where the browser offers PRF; a note where it does not. */
export function PasskeyButton() {
	const [available, setAvailable] = useState<boolean>();
	const [opened, setOpened] = useState(false);
	useEffect(() => void prfAvailable().then(setAvailable), []);
	if (available === undefined) return null;
	if (!available) return <p class="note">{t('prfUnsupported')}</p>;
	return (
		<>
			<button
				type="button"
				onClick={() => {
					setOpened(true);
					void browser.runtime.openOptionsPage();
				}}
			>
				{t('unlockWithPasskey')}
			</button>
			{opened && (
				<p class="muted" role="status">
					{t('passkeyUnlockOpened')}
				</p>
			)}
		</>
	);
}
