// What the popup asks for before it can give a profile a session: a code, the passphrase, or only a
// click; and whether only a new console sign-in can help. Pure, so each kind of profile is tested.
import { t } from '../i18n';
import { type ConsoleProfile, isConsole, isLive, isRole, type Profile, type PublicState } from './model';

/** What the popup shows and asks for the active profile. */
export interface PopupAsks {
	/** The MFA profile or console sign-in a role is assumed from, if the profile is a role. */
	source: Profile | undefined;
	/** The profile is a console sign-in: it renews from its sealed token, with no code. */
	signin: boolean;
	/** No code field: a console sign-in, or a role assumed from a console sign-in or a live MFA session. */
	noCode: boolean;
	/** The renewal goes through a console sign-in's sealed token: the profile's own or its source's. */
	renewsSignin: boolean;
	/** The vault is locked and the request needs it, so the passphrase is asked for. */
	needsVault: boolean;
	/** Why only a new sign-in helps (none made yet, or AWS Sign-In ended the last one), if so. */
	signinProblem: string | undefined;
}

/** Works out what the popup asks for `profile`, from the worker's public state at `now`. */
export function popupAsks(
	profile: Profile,
	state: Pick<PublicState, 'profiles' | 'sessions' | 'locked' | 'signinProblems'>,
	now: number,
): PopupAsks {
	const source = isRole(profile) ? state.profiles.find((saved) => saved.id === profile.sourceProfileId) : undefined;
	const signin = isConsole(profile);
	const consoleSource = source && isConsole(source) ? source : undefined;
	const fromSource = isRole(profile) && !profile.direct;
	// A role assumed from a live MFA session needs no code; a direct one needs its own, and the vault.
	const noCode = signin || (fromSource && (consoleSource !== undefined || isLive(source && state.sessions[source.id], now)));
	const renewsSignin = signin || (consoleSource !== undefined && !isLive(state.sessions[consoleSource.id], now));
	// A code is spent with a long-term key, and a sign-in renewed with a sealed token: both need the vault.
	const needsVault = state.locked && (renewsSignin || !noCode);
	const signinOf: ConsoleProfile | undefined = isConsole(profile) ? profile : consoleSource;
	const signinProblem = signinOf
		? (state.signinProblems[signinOf.id] ?? (signinOf.signedInAs ? undefined : t('signinNeeded', signinOf.name)))
		: undefined;
	return { source, signin, noCode, renewsSignin, needsVault, signinProblem };
}
