// The parts of the popup around its code form: what stands in the way (notices), what the session
// is (details), the form itself, and what a live session offers (actions).
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { exportFormats } from '../lib/format-names';
import { keyAgeDays, keyAgeVerdict } from '../lib/key-age';
import { isConsole, isLive, isMfa, isRole, type Profile, type PublicState } from '../lib/model';
import type { PopupAsks } from '../lib/popup-asks';
import { send } from '../messages';
import browser from '../page-browser';
import { CopyButton } from '../ui/copy-button';
import { Field } from '../ui/field';
import { PolicyChecking } from '../ui/policy-checking';
import { describeSession } from '../ui/session-text';
import { PasskeyButton } from './passkey-button';
import type { Refresh } from './use-refresh';

const openOptions = () => void browser.runtime.openOptionsPage();

/** An alert with the button that leads to where it is mended (the options page). */
function Mend({ text, action }: { text: string; action: string }) {
	return (
		<div class="error" role="alert">
			<p>{text}</p>
			<button type="button" onClick={openOptions}>
				{action}
			</button>
		</div>
	);
}

interface NoticesProps {
	state: PublicState;
	profile: Profile;
	/** Why only a new console sign-in helps, once the worker has said so. */
	signinProblem: string | undefined;
	/** A waiting command's ask, between the policy's notices and the profile's own. */
	children: ComponentChildren;
}

/** What the organisation, a waiting command, the browser's permissions or AWS Sign-In say first. */
export function Notices({ state, profile, signinProblem, children }: NoticesProps) {
	const missingHost = state.missingHosts[profile.id];
	const foreign = state.foreignEndpoints[profile.id];
	return (
		<>
			{state.policyPending && <PolicyChecking />}
			{state.policyNotices.length > 0 && (
				<div class="error" role="status">
					{state.policyNotices.map((line) => (
						<p key={line}>{line}</p>
					))}
				</div>
			)}
			{missingHost && <Mend text={t('hostPermissionMissing', missingHost)} action={t('allowHost')} />}
			{children}
			{signinProblem && <Mend text={signinProblem} action={t('signInAgain')} />}
			{foreign && (
				<p class={foreign.confirmed ? 'note' : 'error'} role={foreign.confirmed ? undefined : 'alert'}>
					{foreign.confirmed ? t('endpointShown', foreign.host) : t('endpointUnconfirmed', foreign.host)}
				</p>
			)}
		</>
	);
}

interface DetailsProps {
	state: PublicState;
	profile: Profile;
	/** The role's source, if the profile is a role. */
	source: Profile | undefined;
	/** Whether `state` is the worker's answer: the session line waits for it. */
	known: boolean;
	now: number;
}

/** The session's time left, who it is, and where a role comes from. */
export function SessionDetails({ state, profile, source, known, now }: DetailsProps) {
	const session = state.sessions[profile.id];
	const live = isLive(session, now);
	return (
		<>
			<p class="session">{known && describeSession(session, now)}</p>
			{known && <KeyAgeWarning profile={profile} state={state} now={now} />}
			{live && session.note && <p class="note">{session.note}</p>}
			{live && session.identity && (
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
		</>
	);
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

interface CodeFormProps {
	refresh: Refresh;
	asks: Pick<PopupAsks, 'signin' | 'noCode' | 'needsVault' | 'signinProblem'>;
	/** The vault is locked and a passkey may open it. */
	passkey: boolean;
}

/** The passphrase when it is needed, the code when one is, the button, and what came of it. */
export function CodeForm({ refresh, asks, passkey }: CodeFormProps) {
	const { signin, noCode, needsVault, signinProblem } = asks;
	const { outcome } = refresh;
	return (
		<>
			<form
				onSubmit={(event) => {
					event.preventDefault();
					refresh.onSubmit();
				}}
				aria-busy={refresh.pending}
			>
				{needsVault && (
					<Field
						id="passphrase"
						label={t('passphrase')}
						type="password"
						autoComplete="current-password"
						value={refresh.passphrase}
						onValue={refresh.setPassphrase}
					/>
				)}
				{!noCode && (
					<Field
						id="code"
						label={t('mfaCode')}
						value={refresh.code}
						onValue={refresh.onCode}
						inputMode="numeric"
						autoComplete="one-time-code"
						maxLength={9}
					/>
				)}
				<button type="submit" id="submit" disabled={signinProblem !== undefined}>
					{signin ? t('renewSignin') : noCode ? t('assumeRole') : t('refreshSession')}
				</button>
			</form>
			{passkey && <PasskeyButton />}
			{refresh.pending && (
				<p class="muted" role="status">
					{t('askingAws')}
				</p>
			)}
			{outcome && (
				<p class={outcome.kind === 'alert' ? 'error' : 'ok'} role={outcome.kind}>
					{outcome.text}
					{outcome.rotate && (
						<button type="button" onClick={openOptions}>
							{t('rotateNow')}
						</button>
					)}
				</p>
			)}
		</>
	);
}

interface ActionsProps {
	state: PublicState;
	profile: Profile;
	/** Shows a refusal of an action where the form's outcome is. */
	onRefused: (message: string) => void;
}

/** What a live session offers: a copy in the chosen format, and a role's console. */
export function SessionActions({ state, profile, onRefused }: ActionsProps) {
	const format = exportFormats.find((entry) => entry.id === state.preferences.exportFormat) ?? exportFormats[0];
	return (
		<>
			{format && <CopyButton profileId={profile.id} format={format.id} label={t('copyAs', format.label)} />}
			{isRole(profile) && (
				<button
					type="button"
					onClick={() => void send('openConsole', { profileId: profile.id }).catch((error: Error) => onRefused(error.message))}
				>
					{t('openConsole')}
				</button>
			)}
		</>
	);
}
