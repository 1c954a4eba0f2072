// The popup: the active profile, its session, and the code that refreshes it.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { exportFormats } from '../lib/format-names';
import { parseMfaCode } from '../lib/mfa-code';
import { activeProfile, type Profile, type PublicState } from '../lib/model';
import { formatClock } from '../lib/time-format';
import { send } from '../messages';
import browser from '../page-browser';
import { CopyButton } from '../ui/copy-button';
import { Field } from '../ui/field';
import { describeSession, isLive } from '../ui/session-text';
import { useExtensionState, useNow } from '../ui/use-extension-state';
import { AskPrompt } from './ask-prompt';
import { PasskeyButton } from './passkey-button';

type Outcome = { kind: 'status' | 'alert'; text: string; field?: string };

/** The popup page. */
export function Popup() {
	const state = useExtensionState();
	if (!state) return <p class="muted">{t('loading')}</p>;
	if (state.profiles.length === 0) return <NoProfile />;
	// Keyed by profile: switching starts afresh, with the code field focused for the new one.
	return <SessionForm key={state.activeProfileId} state={state} />;
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

function focusField(id: string): void {
	document.getElementById(id)?.focus();
}

function SessionForm({ state }: { state: PublicState }) {
	const now = useNow();
	const profile = activeProfile(state.profiles, state.activeProfileId);
	const [code, setCode] = useState('');
	const [passphrase, setPassphrase] = useState('');
	const [outcome, setOutcome] = useState<Outcome>();
	const busy = useRef(false);
	const [pending, setPending] = useState(false);
	// Before the first paint, so the first key typed lands in the field.
	useLayoutEffect(() => focusField(state.locked ? 'passphrase' : 'code'), [state.locked]);
	if (!profile) return null;
	const session = state.sessions[profile.id];
	const foreign = state.foreignEndpoints[profile.id];
	const format = exportFormats.find((entry) => entry.id === state.preferences.exportFormat) ?? exportFormats[0];

	const submit = async (typed: string) => {
		if (busy.current) return;
		const checked = parseMfaCode(typed);
		if (!checked.ok) return setOutcome({ kind: 'alert', text: checked.error, field: 'code' });
		if (state.locked && passphrase === '') {
			return setOutcome({ kind: 'alert', text: t('enterPassphrase'), field: 'passphrase' });
		}
		busy.current = true;
		setPending(true);
		setOutcome(undefined);
		try {
			const result = await send('refresh', { profileId: profile.id, code: checked.value, ...(state.locked ? { passphrase } : {}) });
			setPassphrase('');
			setOutcome({ kind: 'status', text: t('newSession', formatClock(new Date(result.expiration))) });
		} catch (error) {
			const field = (error as { field?: string }).field;
			setOutcome({ kind: 'alert', text: error instanceof Error ? error.message : String(error), field });
			if (field !== 'passphrase') setCode('');
			focusField(field === 'passphrase' ? 'passphrase' : 'code');
		} finally {
			busy.current = false;
			setPending(false);
		}
	};

	const onCode = (value: string) => {
		setCode(value);
		if (value.replace(/\D/g, '').length === 6 && parseMfaCode(value).ok) void submit(value);
	};

	return (
		<section>
			{state.profiles.length > 1 ? <ProfileSwitcher profiles={state.profiles} activeId={profile.id} /> : <h1>{profile.name}</h1>}
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
			<AskPrompt profiles={state.profiles} />
			{foreign && (
				<p class={foreign.confirmed ? 'note' : 'error'} role={foreign.confirmed ? undefined : 'alert'}>
					{foreign.confirmed ? t('endpointShown', foreign.host) : t('endpointUnconfirmed', foreign.host)}
				</p>
			)}
			<p class="session">{describeSession(session, now)}</p>
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
			<form
				onSubmit={(event) => {
					event.preventDefault();
					void submit(code);
				}}
				aria-busy={pending}
			>
				{state.locked && (
					<Field
						id="passphrase"
						label={t('passphrase')}
						type="password"
						autoComplete="current-password"
						value={passphrase}
						onValue={setPassphrase}
					/>
				)}
				<Field
					id="code"
					label={t('mfaCode')}
					value={code}
					onValue={onCode}
					inputMode="numeric"
					autoComplete="one-time-code"
					maxLength={9}
				/>
				<button type="submit">{t('refreshSession')}</button>
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
				</p>
			)}
			{isLive(session, now) && format && <CopyButton profileId={profile.id} format={format.id} label={t('copyAs', format.label)} />}
			<p class="links">
				<a href={browser.runtime.getURL('src/options/index.html')} target="_blank" rel="noreferrer">
					{t('profilesAndExport')}
				</a>
			</p>
		</section>
	);
}

/** Chooses the active profile; the choice is remembered, and the badge and shortcuts follow it. */
function ProfileSwitcher({ profiles, activeId }: { profiles: Profile[]; activeId: string }) {
	return (
		<div class="field switcher">
			<label for="profile">{t('profile')}</label>
			<select id="profile" value={activeId} onChange={(event) => void send('chooseProfile', { profileId: event.currentTarget.value })}>
				{profiles.map((saved) => (
					<option value={saved.id} key={saved.id}>
						{saved.name}
					</option>
				))}
			</select>
		</div>
	);
}
