// The popup: the active profile, its session, and the code that refreshes it.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { EarlyView } from '../lib/early-view';
import { activeProfile, isLive, type Profile, type PublicState } from '../lib/model';
import { popupAsks } from '../lib/popup-asks';
import { send } from '../messages';
import browser from '../page-browser';
import { useExtensionState, useNow } from '../ui/use-extension-state';
import { useRequest } from '../ui/use-request';
import { AskPrompt, usePendingAsk } from './ask-prompt';
import { useEarlyView } from './early';
import { ProfileSwitcher } from './profile-switcher';
import { CodeForm, Notices, SessionActions, SessionDetails } from './session-parts';
import { focusField, useRefresh } from './use-refresh';

/**
 * Whether the extension itself opened this page for a waiting command (the prompt window, or the
 * toolbar popup it opened): then it shows the asked profile, and a code typed into it is sent only by
 * Enter or the button, since it took the focus on its own and keys typed for something else may land in it.
 */
function useOpenedForAsk(): boolean | undefined {
	const [opened, setOpened] = useState<boolean | undefined>(new URLSearchParams(location.search).has('prompt') || undefined);
	useEffect(() => {
		if (opened === undefined) void send('takePromptMark').then(setOpened, () => setOpened(false));
	}, []);
	return opened;
}

/** Until the worker answers, the first view stands in for its state: no session, no notices yet. */
function stateFrom(early: EarlyView): PublicState {
	const none = {};
	return {
		...early,
		sessions: none,
		foreignEndpoints: none,
		missingHosts: none,
		signinProblems: none,
		preferences: none,
		policyNotices: [],
		passkeys: [],
	} as unknown as PublicState;
}

/** The popup page. */
export function Popup() {
	const state = useExtensionState();
	const early = useEarlyView();
	const { loaded, ask } = usePendingAsk();
	const openedForAsk = useOpenedForAsk();
	// The profile shown, when it is not the active one: the ask's in the prompt, or the one a person chose to answer.
	const [shown, setShown] = useState<string>();
	// Above the form, which starts afresh for the chosen profile: a refused choice is still said there.
	const choosing = useRequest();
	const choose = (profileId: string) => {
		setShown(profileId);
		void choosing.run(() => send('chooseProfile', { profileId }));
	};
	// Once the worker has said whether this page was opened for an ask and which ask waits, the ask's
	// profile is kept: a later ask never switches the form (someone may be typing in it).
	const pinned = useRef<string | null | undefined>(undefined);
	if (pinned.current === undefined && loaded && openedForAsk !== undefined) pinned.current = (openedForAsk && ask?.profileId) || null;
	const view = state ?? (early && stateFrom(early));
	if (!view || (openedForAsk && !loaded && !early)) return <p class="muted">{t('loading')}</p>;
	if (view.profiles.length === 0) return state ? <NoProfile /> : <p class="muted">{t('loading')}</p>;
	// Until then, the guess from storage: the ask's profile when this page was most likely opened for it.
	const likelyForAsk = openedForAsk ?? early?.askProfileId !== undefined;
	const guess = pinned.current === undefined && likelyForAsk ? (loaded ? ask?.profileId : early?.askProfileId) : undefined;
	const profile = activeProfile(view.profiles, shown ?? pinned.current ?? guess ?? view.activeProfileId);
	if (!profile) return null;
	// Keyed by profile: switching starts afresh, with the code field focused for the new one. The same
	// form goes on from the first view to the worker's answer, with what was typed in it.
	return (
		<SessionForm
			key={profile.id}
			state={view}
			known={state !== undefined}
			profile={profile}
			autoSubmit={openedForAsk === undefined ? undefined : !openedForAsk}
			onChoose={choose}
			chooseError={choosing.error?.message}
		>
			<AskPrompt ask={ask} profiles={view.profiles} shownId={profile.id} onAnswer={setShown} />
		</SessionForm>
	);
}

function NoProfile() {
	useEffect(() => {
		void browser.runtime.openOptionsPage();
	}, []);
	return (
		<section>
			<h1>{t('noProfileTitle')}</h1>
			<p>{t('noProfileText')}</p>
			<button type="button" onClick={() => browser.runtime.openOptionsPage()}>
				{t('openOptions')}
			</button>
		</section>
	);
}

interface SessionFormProps {
	state: PublicState;
	/** Whether `state` is the worker's answer, not the first view. */
	known: boolean;
	profile: Profile;
	/** Whether a complete code is sent as typed; undefined until known. */
	autoSubmit: boolean | undefined;
	onChoose: (profileId: string) => void;
	chooseError: string | undefined;
	children: ComponentChildren;
}

/** One profile: what stands in its way, its session, the code form, and what a live session offers. */
function SessionForm({ state, known, profile, autoSubmit, onChoose, chooseError, children }: SessionFormProps) {
	const now = useNow();
	const asks = popupAsks(profile, state, now);
	const refresh = useRefresh({
		profileId: profile.id,
		noCode: asks.noCode,
		needsVault: asks.needsVault,
		ready: known && autoSubmit !== undefined,
		autoSubmit,
	});
	// Before the first paint, so the first key typed lands in the field.
	useLayoutEffect(() => focusField(state.locked ? 'passphrase' : 'code'), [state.locked]);
	return (
		<section>
			{state.profiles.length > 1 ? (
				<ProfileSwitcher profiles={state.profiles} activeId={profile.id} onChoose={onChoose} error={chooseError} />
			) : (
				<h1>{profile.name}</h1>
			)}
			<Notices state={state} profile={profile} signinProblem={known ? asks.signinProblem : undefined}>
				{children}
			</Notices>
			<SessionDetails state={state} profile={profile} source={asks.source} known={known} now={now} />
			<CodeForm refresh={refresh} asks={asks} passkey={state.locked && state.passkeys.length > 0} />
			{isLive(state.sessions[profile.id], now) && (
				<SessionActions state={state} profile={profile} onRefused={(text) => refresh.setOutcome({ kind: 'alert', text })} />
			)}
			<p class="links">
				<a href={browser.runtime.getURL('src/options/index.html')} target="_blank" rel="noreferrer">
					{t('profilesAndExport')}
				</a>
			</p>
		</section>
	);
}
