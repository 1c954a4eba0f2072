// Where the helper is missing or does not fit: the download for this computer and the one command
// that installs (or updates) it, with this extension's own id in it, and a button to copy it.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { helperDownload, type Platform } from '../lib/helper-download';
import browser from '../page-browser';

/** runtime.getPlatformInfo, once. */
function usePlatform(): Platform | undefined {
	const [platform, setPlatform] = useState<Platform>();
	useEffect(() => {
		void browser.runtime.getPlatformInfo().then(setPlatform, () => undefined);
	}, []);
	return platform;
}

/** The download link and the install command for this system; `update` words it as an update. */
export function HelperInstall({ update }: { update: boolean }) {
	const platform = usePlatform();
	const [copied, setCopied] = useState(false);
	if (!platform) return null;
	const download = helperDownload(platform, browser.runtime.id);
	if (!download) return <p>{t('cliNoDownload')}</p>;
	const copy = () =>
		navigator.clipboard.writeText(download.command).then(
			() => setCopied(true),
			() => setCopied(false),
		);
	return (
		<>
			<p>
				{t('cliDownload')} <a href={download.url}>{download.file}</a>
			</p>
			<label for="cli-install">{update ? t('cliUpdateCommand') : t('cliInstallCommand')}</label>
			<textarea id="cli-install" readOnly rows={2} spellcheck={false} value={download.command} />
			<button type="button" onClick={() => void copy()}>
				{t('cliCopy')}
			</button>
			{copied && <span role="status">{t('cliCopied')}</span>}
		</>
	);
}
