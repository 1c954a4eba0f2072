// When a command-line tool waits for a session: which profile, which command (as it claims), and Deny.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { Profile } from '../lib/model';
import { type Reply, send } from '../messages';
import { FieldError } from '../ui/field';
import { onStorageChange } from '../ui/storage-change';
import { useRequest } from '../ui/use-request';

type Ask = Reply<'pendingAsk'>;

/** The pending ask, read at once and again whenever it changes; `loaded` once it was read the first time. */
export function usePendingAsk(): { loaded: boolean; ask: Ask } {
	const [state, setState] = useState<{ loaded: boolean; ask: Ask }>({ loaded: false, ask: undefined });
	useEffect(() => {
		const reload = () =>
			void send('pendingAsk').then(
				(ask) => setState({ loaded: true, ask }),
				() => setState((last) => ({ ...last, loaded: true })),
			);
		reload();
		// Only a change of the ask itself is worth a message to the worker.
		return onStorageChange(['helperAsk'], reload);
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
	const denying = useRequest();
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
			<button
				type="button"
				id="deny-ask"
				aria-describedby={denying.error ? 'deny-ask-error' : undefined}
				onClick={async () => {
					if (await denying.run(() => send('denyAsk'))) setDenied(true);
				}}
			>
				{t('askDeny')}
			</button>
			<FieldError id="deny-ask" error={denying.error?.message} />
		</div>
	);
}
