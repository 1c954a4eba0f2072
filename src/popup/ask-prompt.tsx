// When a command-line tool waits for a session: which profile, which command (as it claims), and Deny.
import { useEffect, useState } from 'preact/hooks';
import type { handlers } from '../background/handlers';
import { t } from '../i18n';
import type { Profile } from '../lib/model';
import { send } from '../messages';
import browser from '../page-browser';

type Ask = Awaited<ReturnType<(typeof handlers)['pendingAsk']>>;

export function AskPrompt({ profiles }: { profiles: Profile[] }) {
	const [ask, setAsk] = useState<Ask>();
	const [denied, setDenied] = useState(false);
	useEffect(() => {
		const reload = () => void send('pendingAsk').then(setAsk, () => undefined);
		// Only a change of the ask itself is worth a message to the worker.
		const onChange = (changes: Record<string, unknown>) => {
			if ('helperAsk' in changes) reload();
		};
		reload();
		browser.storage.onChanged.addListener(onChange);
		return () => browser.storage.onChanged.removeListener(onChange);
	}, []);
	if (denied) return <p role="status">{t('askDenied')}</p>;
	const profile = profiles.find((saved) => saved.id === ask?.profileId);
	if (!ask || !profile) return null;
	return (
		<div class="note" role="alert">
			<strong>{t('askTitle', profile.name)}</strong>
			<p>
				{t('askCallerClaim')} <code class="caller">{ask.caller || t('askCallerNone')}</code>
			</p>
			<p>{t('askTypeOrDeny')}</p>
			<button type="button" onClick={() => send('denyAsk').then(() => setDenied(true))}>
				{t('askDeny')}
			</button>
		</div>
	);
}
