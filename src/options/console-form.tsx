// A console sign-in profile (`aws login` in the browser): a name and a region, no key. Saving asks
// for the Sign-In host within the click; "Sign in" opens AWS's authorize page in a normal tab, where
// the console's own sign-in (password, MFA, passkey) happens, and catches the code on its way back.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { newSealableProofKey } from '../lib/dpop-proof';
import { endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import { defaultSigninEndpoint, hostPermissionFor } from '../lib/endpoints';
import type { ConsoleProfile, Profile } from '../lib/model';
import type { Policy } from '../lib/policy';
import { regionAllowed } from '../lib/policy-rules';
import type { ProfileInput } from '../lib/profile-input';
import { regions } from '../lib/region-names';
import { authorizeUrl, codeFromPaste, codeFromRedirect, type SigninStart, startSignin } from '../lib/signin-request';
import { redeemCode } from '../lib/signin-token';
import { formatClock } from '../lib/time-format';
import { type Field as FieldName, UserError } from '../lib/user-error';
import { parseEndpoint, parsePassphrase } from '../lib/validate';
import { send } from '../messages';
import browser from '../page-browser';
import { Field, FieldError } from '../ui/field';
import { refusalOf, useRequest } from '../ui/use-request';
import { NewPassphraseFields } from './passphrase-fields';
import { NameField, ProfileCard, TrustHostCheck } from './profile-card';
import { ProfileType } from './role-fields';

interface ConsoleFormProps {
	profile: ConsoleProfile | undefined;
	profiles: Profile[];
	/** The kind choice is the profile form's: choosing another kind goes back to it. */
	input: ProfileInput;
	edit: (change: Partial<ProfileInput>) => void;
	hasVault: boolean;
	policy: Policy;
	policyPending: boolean;
	notice: string | undefined;
	onSaved: (profile: Profile, notice: string) => void;
}

/** The host a typed Sign-In endpoint names when it needs the person's confirmation. */
function customHostOf(endpoint: string, region: string): string | undefined {
	const parsed = parseEndpoint(endpoint);
	if (!parsed.ok || parsed.value === undefined) return undefined;
	return unconfirmedHost({ endpoint: parsed.value, region }) ? new URL(parsed.value).host : undefined;
}

/** The console profile's fields and its save. */
export function ConsoleForm({ profile, profiles, input, edit, hasVault, policy, policyPending, notice, onSaved }: ConsoleFormProps) {
	const choices = regions.filter((region) => defaultSigninEndpoint(region.id) && regionAllowed(region.id, policy.allowedRegions));
	const [region, setRegion] = useState(() =>
		choices.some((choice) => choice.id === input.region) ? input.region : (choices[0]?.id ?? input.region),
	);
	const [endpoint, setEndpoint] = useState(profile?.endpoint ?? '');
	const [trustedHost, setTrustedHost] = useState(profile?.trustedHost);
	const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
	const [pending, setPending] = useState(false);
	const customHost = customHostOf(endpoint, region);

	const save = async () => {
		const found: Partial<Record<FieldName, string>> = {};
		const parsed = parseEndpoint(endpoint);
		if (customHost && trustedHost !== customHost) found.endpoint = t('endpointConfirm', customHost);
		// The Sign-In host is asked for now, within the person's click: the popup and the worker renew through it.
		const target = parsed.ok ? endpointOf({ kind: 'console', region, endpoint: parsed.value }) : undefined;
		const permission = target && hostPermissionFor(target);
		if (target && permission && Object.keys(found).length === 0 && !(await browser.permissions.request({ origins: [permission] })))
			found[parsed.ok && parsed.value ? 'endpoint' : 'region'] = t('endpointPermission', new URL(target).host);
		setErrors(found);
		const first = Object.keys(found)[0];
		if (first) return document.getElementById(first)?.focus();
		setPending(true);
		try {
			const request = {
				name: input.name,
				region,
				endpoint,
				...(profile ? { id: profile.id } : {}),
				...(trustedHost ? { trustedHost } : {}),
			};
			const saved = await send('saveConsoleProfile', request);
			onSaved(saved, t('consoleSaved', saved.name));
		} catch (error) {
			const { field = 'name', message } = refusalOf(error);
			setErrors({ [field]: message });
			document.getElementById(field)?.focus();
		} finally {
			setPending(false);
		}
	};

	return (
		<div>
			<ProfileCard name={profile?.name} onSave={() => void save()} pending={pending} waiting={policyPending} notice={notice}>
				<NameField value={input.name} onValue={(name) => edit({ name })} error={errors.name} />
				{!profile && <ProfileType input={input} profiles={profiles} errors={errors} edit={edit} />}
				<p class="hint">{t('consoleProfileHint')}</p>
				<div class="field">
					<label for="region">{t('region')}</label>
					<select
						id="region"
						value={region}
						aria-describedby={errors.region ? 'region-hint region-error' : 'region-hint'}
						onChange={(event) => setRegion(event.currentTarget.value)}
					>
						{choices.map((choice) => (
							<option value={choice.id} key={choice.id}>
								{t('regionOption', choice.id, choice.name)}
							</option>
						))}
					</select>
					<p class="hint" id="region-hint">
						{t('consoleRegionHint')}
					</p>
					<FieldError id="region" error={errors.region} />
				</div>
				<Field
					id="endpoint"
					label={t('signinEndpoint')}
					value={endpoint}
					onValue={setEndpoint}
					error={errors.endpoint}
					hint={t('signinEndpointHint', new URL(defaultSigninEndpoint(region) ?? 'https://signin.aws.amazon.com').host)}
					spellcheck={false}
				/>
				{customHost && <TrustHostCheck host={customHost} trusted={trustedHost} onTrusted={setTrustedHost} />}
			</ProfileCard>
			{profile && <SigninPanel key={profile.id} profile={profile} hasVault={hasVault} />}
		</div>
	);
}

/** A loopback port for the same-device redirect. Nothing needs to listen there: the tab's new URL is what is read. */
const loopbackPort = () => 49152 + ((crypto.getRandomValues(new Uint16Array(1))[0] ?? 0) % 16383);

/** The URL the sign-in tab is sent to at the redirect, or undefined once the person closed it. */
function redirectIn(tabId: number, redirectUri: string): Promise<string | undefined> {
	return new Promise((resolve) => {
		const updated = (id: number, change: { url?: string }) => {
			if (id === tabId && change.url?.startsWith(`${redirectUri}?`)) finish(change.url);
		};
		const removed = (id: number) => {
			if (id === tabId) finish(undefined);
		};
		const finish = (url: string | undefined) => {
			browser.tabs.onUpdated.removeListener(updated);
			browser.tabs.onRemoved.removeListener(removed);
			resolve(url);
		};
		browser.tabs.onUpdated.addListener(updated);
		browser.tabs.onRemoved.addListener(removed);
	});
}

/** Who is signed in, and the sign-in itself: same-device by the tab's redirect, or a pasted code. */
function SigninPanel({ profile, hasVault }: { profile: ConsoleProfile; hasVault: boolean }) {
	const [passphrase, setPassphrase] = useState('');
	const [confirmation, setConfirmation] = useState('');
	const [pasted, setPasted] = useState('');
	// A cross-device sign-in waits for the code the person pastes.
	const [waiting, setWaiting] = useState<SigninStart>();
	const signing = useRequest('signin');
	const base = endpointOf(profile);
	const signedIn = (summary: { expiration: string } | undefined) =>
		summary ? t('signedInUntil', formatClock(new Date(summary.expiration))) : undefined;

	/** Redeems the code with PKCE and a new proof key, then hands the worker what it seals. */
	const finish = async (start: SigninStart, code: string) => {
		const proofKey = await newSealableProofKey();
		const answer = await redeemCode(base, start, code, proofKey);
		if (!answer.ok) throw new Error(answer.error);
		const { credentials, refreshToken, subject } = answer.value;
		const vault = hasVault ? {} : { passphrase, confirmation };
		return send('storeSignin', { profileId: profile.id, clientId: start.clientId, refreshToken, proofKey, credentials, subject, ...vault });
	};

	const begin = async (crossDevice: boolean) => {
		if (!hasVault) {
			const checked = parsePassphrase(passphrase, confirmation);
			if (!checked.ok) {
				const field = parsePassphrase(passphrase).ok ? 'confirmation' : 'passphrase';
				signing.refuse({ field, message: checked.error });
				return document.getElementById(field)?.focus();
			}
		}
		const permission = hostPermissionFor(base);
		if (permission && !(await browser.permissions.request({ origins: [permission] })))
			return signing.refuse({ field: 'signin', message: t('endpointPermission', new URL(base).host) });
		await signing.run(async () => {
			const start = await startSignin(base, crossDevice ? undefined : loopbackPort());
			const tab = await browser.tabs.create({ url: authorizeUrl(base, start) });
			if (crossDevice || tab.id === undefined) {
				setWaiting(start);
				return undefined;
			}
			const url = await redirectIn(tab.id, start.redirectUri);
			if (url === undefined) throw new Error(t('signinTabClosed'));
			// The tab shows only a refused loopback connection: nothing in it is worth keeping.
			void browser.tabs.remove(tab.id).catch(() => undefined);
			const code = codeFromRedirect(url, start);
			if (!code?.ok) throw new Error(code?.error ?? t('signinTabClosed'));
			return finish(start, code.value);
		}, signedIn);
	};

	const paste = (start: SigninStart) =>
		signing.run(async () => {
			const code = codeFromPaste(pasted, start.state);
			if (!code.ok) throw new UserError(code.error, 'signinCode');
			const summary = await finish(start, code.value);
			setWaiting(undefined);
			setPasted('');
			return summary;
		}, signedIn);

	return (
		<section class="card" aria-labelledby="signin-title">
			<h2 id="signin-title">{t('signinTitle')}</h2>
			<p>{profile.signedInAs ? t('signedInAsNamed', profile.signedInAs) : t('notSignedIn')}</p>
			{!hasVault && (
				<NewPassphraseFields
					hint={t('passphraseForSigninHint')}
					passphrase={passphrase}
					confirmation={confirmation}
					onPassphrase={setPassphrase}
					onConfirmation={setConfirmation}
					errors={{ passphrase: signing.errorFor('passphrase'), confirmation: signing.errorFor('confirmation') }}
				/>
			)}
			<button type="button" id="signin" disabled={signing.pending} onClick={() => void begin(false)}>
				{profile.signedInAs ? t('signInAgain') : t('signIn')}
			</button>{' '}
			<button type="button" disabled={signing.pending} onClick={() => void begin(true)}>
				{t('signInCrossDevice')}
			</button>
			{waiting && (
				<form
					noValidate
					onSubmit={(event) => {
						event.preventDefault();
						void paste(waiting);
					}}
				>
					<Field
						id="signinCode"
						label={t('signinCode')}
						value={pasted}
						onValue={setPasted}
						hint={t('signinCodeHint')}
						error={signing.errorFor('signinCode')}
						spellcheck={false}
						autoComplete="off"
					/>
					<button type="submit" disabled={signing.pending}>
						{t('finishSignin')}
					</button>
				</form>
			)}
			{signing.pending && !waiting && (
				<p class="muted" role="status">
					{t('signinWaiting')}
				</p>
			)}
			{signing.errorFor('signin') && (
				<p class="error" id="signin-error" role="alert">
					{signing.errorFor('signin')}
				</p>
			)}
			{signing.done && (
				<p class="ok" role="status">
					{signing.done}
				</p>
			)}
		</section>
	);
}
