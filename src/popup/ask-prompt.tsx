// When a command-line tool waits for a session: which profile, which command (as it claims), and Deny.
import { useEffect, useState } from 'preact/hooks';
import type { handlers } from '../background/handlers';
import { t } from '../i18n';
import type { Profile } from '../lib/model';
import { send } from '../messages';
import browser from '../page-browser';

type Ask = Awaited<ReturnType<(typeof handlers)['pendingAsk']>>;

/** The pending ask, read at once and again whenever it changes; `loaded` once it was read the first time. */
export function usePendingAsk(): { loaded: boolean; ask: Ask } {
	const [state, setState] = useState<{ loaded: boolean; ask: Ask }>({ loaded: false, ask: undefined });
	useEffect(() => {
		const reload = () =>
			void send('pendingAsk').then(
				(ask) => setState({ loaded: true, ask }),
				() => setState((last) => ({ ...last, loaded: true })),
			);
		// Only a change of the ask itself is worth a message to the worker.
		const onChange = (changes: Record<string, unknown>) => {
			if ('helperAsk' in changes) reload();
		};
		reload();
		browser.storage.onChanged.addListener(onChange);
		return () => browser.storage.onChanged.removeListener(onChange);
	}, []);
	return state;
}

/**
 * The ask, above the form of the profile shown. An ask for another profile never switches the form
 * (someone may be typing in it): it offers a button that does.
 */
export function AskPrompt({
	ask,
	profiles,
	shownId,
	onAnswer,
}: {
	ask: Ask;
	profiles: Profile[];
	shownId: string;
	onAnswer: (profileId: string) => void;
}) {
	const [denied, setDenied] = useState(false);
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
			{profile.id !== shownId && (
				<button type="button" onClick={() => onAnswer(profile.id)}>
					{t('askAnswerFor', profile.name)}
				</button>
			)}
			<button type="button" onClick={() => send('denyAsk').then(() => setDenied(true))}>
				{t('askDeny')}
			</button>
		</div>
	);
}
