// The popup: the active profile, its session, and the code that refreshes it.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { EarlyView } from '../lib/early-view';
import { exportFormats } from '../lib/format-names';
import { keyAgeDays, keyAgeVerdict } from '../lib/key-age';
import { parseMfaCode } from '../lib/mfa-code';
import { activeProfile, isConsole, isLive, isMfa, isRole, type Profile, type PublicState } from '../lib/model';
import { popupAsks } from '../lib/popup-asks';
import { formatClock } from '../lib/time-format';
import { UserError } from '../lib/user-error';
import { send } from '../messages';
import browser from '../page-browser';
import { CopyButton } from '../ui/copy-button';
import { Field, FieldError } from '../ui/field';
import { PolicyChecking } from '../ui/policy-checking';
import { describeSession } from '../ui/session-text';
import { useExtensionState, useNow } from '../ui/use-extension-state';
import { refusalOf, useRequest } from '../ui/use-request';
import { AskPrompt, usePendingAsk } from './ask-prompt';
import { useEarlyView } from './early';
import { PasskeyButton } from './passkey-button';

type Outcome = { kind: 'status' | 'alert'; text: string; field?: string; rotate?: boolean };

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

const isComplete = (value: string) => value.replace(/\D/g, '').length === 6 && parseMfaCode(value).ok;

function focusField(id: string): void {
	document.getElementById(id)?.focus();
}

function SessionForm({
	state,
	known,
	profile,
	autoSubmit,
	onChoose,
	chooseError,
	children,
}: {
	state: PublicState;
	/** Whether `state` is the worker's answer, not the first view. */
	known: boolean;
	profile: Profile;
	/** Whether a complete code is sent as typed; undefined until known. */
	autoSubmit: boolean | undefined;
	onChoose: (profileId: string) => void;
	chooseError: string | undefined;
	children: ComponentChildren;
}) {
	const now = useNow();
	const [code, setCode] = useState('');
	const [passphrase, setPassphrase] = useState('');
	const [outcome, setOutcome] = useState<Outcome>();
	const busy = useRef(false);
	const [pending, setPending] = useState(false);
	// Before the first paint, so the first key typed lands in the field.
	useLayoutEffect(() => focusField(state.locked ? 'passphrase' : 'code'), [state.locked]);
	const session = state.sessions[profile.id];
	const foreign = state.foreignEndpoints[profile.id];
	const format = exportFormats.find((entry) => entry.id === state.preferences.exportFormat) ?? exportFormats[0];

	const { source, signin, noCode, needsVault, signinProblem } = popupAsks(profile, state, now);

	const submit = async (typed: string | undefined) => {
		if (busy.current) return;
		const checked = typed === undefined ? undefined : parseMfaCode(typed);
		if (checked && !checked.ok) return setOutcome({ kind: 'alert', text: checked.error, field: 'code' });
		if (needsVault && passphrase === '') {
			return setOutcome({ kind: 'alert', text: t('enterPassphrase'), field: 'passphrase' });
		}
		busy.current = true;
		setPending(true);
		setOutcome(undefined);
		try {
			const result = await send('refresh', {
				profileId: profile.id,
				...(checked ? { code: checked.value } : {}),
				...(needsVault ? { passphrase } : {}),
			});
			setPassphrase('');
			setOutcome({ kind: 'status', text: t('newSession', formatClock(new Date(result.expiration))) });
		} catch (error) {
			const { message, field } = refusalOf(error);
			const kind = error instanceof UserError ? error.kind : undefined;
			setOutcome({ kind: 'alert', text: message, field, rotate: kind === 'key-too-old' });
			if (field !== 'passphrase') setCode('');
			focusField(field === 'passphrase' ? 'passphrase' : 'code');
		} finally {
			busy.current = false;
			setPending(false);
		}
	};

	// What was asked for before the worker answered (a complete code, or Enter), done once it has.
	const ready = known && autoSubmit !== undefined;
	const waiting = useRef<'code' | 'enter' | undefined>(undefined);
	useEffect(() => {
		if (!ready) return;
		const asked = waiting.current;
		waiting.current = undefined;
		if (asked === 'enter') void submit(noCode ? undefined : code);
		else if (asked === 'code' && autoSubmit && !noCode && isComplete(code)) void submit(code);
	}, [ready]);

	const onCode = (value: string) => {
		setCode(value);
		if (!isComplete(value)) return;
		if (!ready) waiting.current ??= 'code';
		else if (autoSubmit) void submit(value);
	};

	return (
		<section>
			{state.profiles.length > 1 ? (
				<ProfileSwitcher profiles={state.profiles} activeId={profile.id} onChoose={onChoose} error={chooseError} />
			) : (
				<h1>{profile.name}</h1>
			)}
			{state.policyPending && <PolicyChecking />}
			{state.policyNotices.length > 0 && (
				<div class="error" role="status">
					{state.policyNotices.map((line) => (
						<p key={line}>{line}</p>
					))}
				</div>
			)}
			{state.missingHosts[profile.id] && (
				<div class="error" role="alert">
					<p>{t('hostPermissionMissing', state.missingHosts[profile.id] ?? '')}</p>
					<button type="button" onClick={() => browser.runtime.openOptionsPage()}>
						{t('allowHost')}
					</button>
				</div>
			)}
			{children}
			{known && signinProblem && (
				<div class="error" role="alert">
					<p>{signinProblem}</p>
					<button type="button" onClick={() => browser.runtime.openOptionsPage()}>
						{t('signInAgain')}
					</button>
				</div>
			)}
			{foreign && (
				<p class={foreign.confirmed ? 'note' : 'error'} role={foreign.confirmed ? undefined : 'alert'}>
					{foreign.confirmed ? t('endpointShown', foreign.host) : t('endpointUnconfirmed', foreign.host)}
				</p>
			)}
			<p class="session">{known && describeSession(session, now)}</p>
			{known && <KeyAgeWarning profile={profile} state={state} now={now} />}
			{isLive(session, now) && session.note && <p class="note">{session.note}</p>}
			{isLive(session, now) && session.identity && (
				<p class="identity">
					{t('account', session.identity.account)}
					<br />
					<span class="arn">{session.identity.arn}</span>
					{session.identity.claimedBy && (
						<>
							<br />
							{t('identityClaimedBy', session.identity.claimedBy)}
						</>
					)}
				</p>
			)}
			{isConsole(profile) && profile.signedInAs && (
				<p class="identity">
					{t('signedInAs')}
					<br />
					<span class="arn">{profile.signedInAs}</span>
				</p>
			)}
			{source && isRole(profile) && (
				<p class="note">{profile.direct ? t('roleDirectCode', source.name) : t('roleFromSource', source.name)}</p>
			)}
			<form
				onSubmit={(event) => {
					event.preventDefault();
					if (ready) void submit(noCode ? undefined : code);
					else waiting.current = 'enter';
				}}
				aria-busy={pending}
			>
				{needsVault && (
					<Field
						id="passphrase"
						label={t('passphrase')}
						type="password"
						autoComplete="current-password"
						value={passphrase}
						onValue={setPassphrase}
					/>
				)}
				{!noCode && (
					<Field
						id="code"
						label={t('mfaCode')}
						value={code}
						onValue={onCode}
						inputMode="numeric"
						autoComplete="one-time-code"
						maxLength={9}
					/>
				)}
				<button type="submit" id="submit" disabled={signinProblem !== undefined}>
					{signin ? t('renewSignin') : noCode ? t('assumeRole') : t('refreshSession')}
				</button>
			</form>
			{state.locked && state.passkeys.length > 0 && <PasskeyButton />}
			{pending && (
				<p class="muted" role="status">
					{t('askingAws')}
				</p>
			)}
			{outcome && (
				<p class={outcome.kind === 'alert' ? 'error' : 'ok'} role={outcome.kind}>
					{outcome.text}
					{outcome.rotate && (
						<button type="button" onClick={() => browser.runtime.openOptionsPage()}>
							{t('rotateNow')}
						</button>
					)}
				</p>
			)}
			{isLive(session, now) && format && <CopyButton profileId={profile.id} format={format.id} label={t('copyAs', format.label)} />}
			{isLive(session, now) && isRole(profile) && (
				<button
					type="button"
					onClick={() =>
						void send('openConsole', { profileId: profile.id }).catch((error: Error) => setOutcome({ kind: 'alert', text: error.message }))
					}
				>
					{t('openConsole')}
				</button>
			)}
			<p class="links">
				<a href={browser.runtime.getURL('src/options/index.html')} target="_blank" rel="noreferrer">
					{t('profilesAndExport')}
				</a>
			</p>
		</section>
	);
}

/** Chooses the active profile; the choice is remembered, and the badge and shortcuts follow it. */
function ProfileSwitcher({
	profiles,
	activeId,
	onChoose,
	error,
}: {
	profiles: Profile[];
	activeId: string;
	onChoose: (profileId: string) => void;
	error: string | undefined;
}) {
	return (
		<div class="field switcher">
			<label for="profile">{t('profile')}</label>
			<select
				id="profile"
				value={activeId}
				aria-describedby={error ? 'profile-error' : undefined}
				onChange={(event) => onChoose(event.currentTarget.value)}
			>
				{groupBySource(profiles).map(([source, roles]) =>
					roles.length === 0 ? (
						<Choice profile={source} key={source.id} />
					) : (
						<optgroup label={source.name} key={source.id}>
							<Choice profile={source} />
							{roles.map((role) => (
								<Choice profile={role} key={role.id} />
							))}
						</optgroup>
					),
				)}
			</select>
			<FieldError id="profile" error={error} />
		</div>
	);
}

const Choice = ({ profile }: { profile: Profile }) => <option value={profile.id}>{profile.name}</option>;

/** Each MFA profile with the roles assumed from it; a role whose source is gone stands alone. */
function groupBySource(profiles: Profile[]): [Profile, Profile[]][] {
	const sources = profiles.filter((profile) => !isRole(profile) || !profiles.some((other) => other.id === profile.sourceProfileId));
	return sources.map((source) => [source, profiles.filter((profile) => isRole(profile) && profile.sourceProfileId === source.id)]);
}

/** Past the age limit, the key's age, every time the popup opens; the organisation's cannot be dismissed. */
function KeyAgeWarning({ profile, state, now }: { profile: Profile; state: PublicState; now: number }) {
	const info = isMfa(profile) ? state.keyInfo[profile.id] : undefined;
	if (!isMfa(profile) || !info?.createdAt || info.accessKeyId !== profile.accessKeyId) return null;
	const age = keyAgeDays(info.createdAt, now);
	if (age === undefined || keyAgeVerdict(age, state.preferences.keyAgeWarnDays, state.policy).state === 'ok') return null;
	return (
		<p class="error" role="status">
			{t('keyAgeWarning', age)}
		</p>
	);
}
