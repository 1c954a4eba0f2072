// Creating and editing a profile; the first save also sets the passphrase.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { federationOf } from '../lib/console-signin';
import { endpointOf, unconfirmedHost } from '../lib/endpoint-trust';
import { defaultStsEndpoint, endpointKindsFor, hostPermissionFor, signingRegionFor } from '../lib/endpoints';
import { defaultDurationSeconds, defaultRegion, isConsole, isMfa, isRole, type Profile } from '../lib/model';
import type { Policy } from '../lib/policy';
import { presetOf, regionAllowed } from '../lib/policy-rules';
import { checkProfileInput, type ProfileInput } from '../lib/profile-input';
import type { Field as FieldName } from '../lib/user-error';
import { parseEndpoint, parsePassphrase } from '../lib/validate';
import { send } from '../messages';
import browser from '../page-browser';
import { Field } from '../ui/field';
import { refusalOf } from '../ui/use-request';
import { ConfigPaste } from './config-paste';
import { ConsoleForm } from './console-form';
import { NewPassphraseFields } from './passphrase-fields';
import { NameField, ProfileCard, TrustHostCheck } from './profile-card';
import { ProfileType, RoleFields } from './role-fields';
import { allowedRegionGroups, DurationField, EndpointKindSelect, RegionSelect } from './sts-fields';

interface ProfileFormProps {
	profile: Profile | undefined;
	profiles: Profile[];
	hasVault: boolean;
	/** The confirmation of the last save; kept by the parent because a save re-keys this form. */
	notice: string | undefined;
	onSaved: (profile: Profile, notice: string) => void;
	policy: Policy;
	/** The very first run, before the policy has arrived: saving waits for it. */
	policyPending: boolean;
}

function blank(profile: Profile | undefined): ProfileInput {
	const role = profile && isRole(profile) ? profile : undefined;
	const mfa = profile && isMfa(profile) ? profile : undefined;
	return {
		id: profile?.id,
		...(role ? { kind: 'role' as const } : {}),
		...(profile && isConsole(profile) ? { kind: 'console' as const } : {}),
		name: profile?.name ?? '',
		accessKeyId: mfa?.accessKeyId ?? '',
		secretAccessKey: '',
		mfaSerial: mfa?.mfaSerial ?? '',
		roleArn: role?.roleArn ?? '',
		sourceProfileId: role?.sourceProfileId ?? '',
		externalId: role?.externalId ?? '',
		roleSessionName: role?.roleSessionName ?? '',
		direct: role?.direct === true,
		durationSeconds: profile?.durationSeconds ?? defaultDurationSeconds,
		region: profile?.region ?? defaultRegion,
		endpointKind: profile?.endpointKind ?? 'regional',
		endpoint: profile?.endpoint ?? '',
		trustedHost: profile?.trustedHost,
	};
}

/** The host of a typed endpoint that needs the person's confirmation, if it is neither AWS's STS nor loopback. */
function customHostOf(endpoint: string): string | undefined {
	const parsed = parseEndpoint(endpoint);
	if (!parsed.ok || parsed.value === undefined) return undefined;
	return unconfirmedHost({ endpoint: parsed.value, region: defaultRegion }) ? new URL(parsed.value).host : undefined;
}

/** A new profile's choices pulled within the organisation's limits. */
function withinLimits(input: ProfileInput, policy: Policy): ProfileInput {
	const first = allowedRegionGroups(policy)[0]?.regions[0]?.id;
	const region = regionAllowed(input.region, policy.allowedRegions) ? input.region : (first ?? input.region);
	const durationSeconds = Math.min(input.durationSeconds, policy.maxSessionSeconds ?? input.durationSeconds);
	return region === input.region && durationSeconds === input.durationSeconds ? input : { ...input, region, durationSeconds };
}

/** The profile form; keyed by profile id by its parent, so switching profiles starts afresh. */
export function ProfileForm({ profile, profiles, hasVault, notice, onSaved, policy, policyPending }: ProfileFormProps) {
	const groups = allowedRegionGroups(policy);
	// A new profile starts within the organisation's limits, and follows them when they arrive after
	// the form was drawn (the very first run).
	const [input, setInput] = useState(() => (profile ? blank(profile) : withinLimits(blank(profile), policy)));
	useEffect(() => {
		if (!profile) setInput((previous) => withinLimits(previous, policy));
	}, [policy]);
	const [passphrase, setPassphrase] = useState('');
	const [confirmation, setConfirmation] = useState('');
	const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
	const [pending, setPending] = useState(false);
	const edit = (change: Partial<ProfileInput>) => setInput((previous) => ({ ...previous, ...change }));
	// A preset profile shows what the organisation set, read-only; the key (and a device matching its pattern) are the person's.
	const preset = profile?.managed ? presetOf(profile.name, policy) : undefined;
	const setBy = t('setByOrganisation');
	const customHost = preset ? undefined : customHostOf(input.endpoint);
	// Only the kinds whose host the policy allows: the global endpoint signs for its partition's global region.
	const kinds = endpointKindsFor(input.region).filter(
		(kind) =>
			kind === input.endpointKind ||
			regionAllowed(signingRegionFor(defaultStsEndpoint(input.region, kind), input.region), policy.allowedRegions),
	);
	const isRoleInput = input.kind === 'role';
	const roleProps = { input, profiles, errors, edit };

	const save = async () => {
		const checked = checkProfileInput(input, profiles, profile !== undefined);
		const found: Partial<Record<FieldName, string>> = checked.ok ? {} : { ...checked.errors };
		if (!hasVault && !isRoleInput) {
			const alone = parsePassphrase(passphrase);
			const both = parsePassphrase(passphrase, confirmation);
			if (!alone.ok) found.passphrase = alone.error;
			else if (!both.ok) found.confirmation = both.error;
		}
		if (customHost && input.trustedHost !== customHost && !found.endpoint) found.endpoint = t('endpointConfirm', customHost);
		// The profile's one STS host is asked for now, within the person's click (never from the popup,
		// which a permission prompt would close); the browser does not ask again for a host it has.
		const endpoint = checked.ok ? endpointOf(checked.profile) : undefined;
		const permission = endpoint && hostPermissionFor(endpoint);
		// A role also asks for AWS's sign-in host of its partition, for "Open the AWS console".
		const federation = checked.ok && isRole(checked.profile) ? federationOf(checked.profile) : undefined;
		const origins = [permission, federation && hostPermissionFor(federation.federation)].filter((origin) => typeof origin === 'string');
		if (endpoint && origins.length > 0 && Object.keys(found).length === 0) {
			if (!(await browser.permissions.request({ origins }))) {
				found[checked.ok && checked.profile.endpoint ? 'endpoint' : 'region'] = t('endpointPermission', new URL(endpoint).host);
			}
		}
		setErrors(found);
		const first = Object.keys(found)[0];
		if (first) return document.getElementById(first)?.focus();
		setPending(true);
		try {
			const result = await send('saveProfile', { ...input, ...(hasVault || isRoleInput ? {} : { passphrase, confirmation }) });
			setPassphrase('');
			setConfirmation('');
			edit({ id: result.id, secretAccessKey: '' });
			onSaved(result, isRole(result) ? t('roleSaved', result.name) : t('profileSaved', result.name));
		} catch (error) {
			const { field = 'name', message } = refusalOf(error);
			setErrors({ [field]: message });
		} finally {
			setPending(false);
		}
	};

	if (input.kind === 'console') {
		const saved = profile && isConsole(profile) ? profile : undefined;
		const formProps = { profiles, input, edit, hasVault, policy, policyPending, notice, onSaved };
		return <ConsoleForm profile={saved} {...formProps} />;
	}

	return (
		<ProfileCard name={profile?.name} onSave={() => void save()} pending={pending} waiting={policyPending} notice={notice}>
			{!profile && <ConfigPaste onFill={edit} onCreated={onSaved} profiles={profiles} hasVault={hasVault} />}
			<NameField value={input.name} onValue={(name) => edit({ name })} error={errors.name} setBy={preset && setBy} />
			{!preset && <ProfileType {...roleProps} />}
			{isRoleInput && <RoleFields {...roleProps} />}
			{!isRoleInput && (
				<>
					<Field
						id="accessKeyId"
						label={t('accessKeyId')}
						value={input.accessKeyId}
						onValue={(accessKeyId) => edit({ accessKeyId })}
						error={errors.accessKeyId}
						autoComplete="off"
						spellcheck={false}
					/>
					<Field
						id="secretAccessKey"
						label={t('secretAccessKey')}
						type="password"
						autoComplete="new-password"
						value={input.secretAccessKey}
						onValue={(secretAccessKey) => edit({ secretAccessKey })}
						error={errors.secretAccessKey}
						hint={profile ? t('secretKeptHint') : t('secretNewHint')}
					/>
					<Field
						id="mfaSerial"
						label={t('mfaSerial')}
						value={input.mfaSerial}
						onValue={(mfaSerial) => edit({ mfaSerial })}
						error={errors.mfaSerial}
						readOnly={preset?.mfaSerial !== undefined}
						hint={
							preset?.mfaSerial !== undefined
								? setBy
								: preset?.mfaSerialPattern
									? t('policySerialPattern', preset.mfaSerialPattern)
									: t('mfaSerialHint')
						}
						spellcheck={false}
					/>
				</>
			)}
			<DurationField
				seconds={input.durationSeconds}
				onSeconds={(durationSeconds) => edit({ durationSeconds })}
				disabled={preset?.durationSeconds !== undefined}
				hint={
					preset?.durationSeconds !== undefined
						? setBy
						: policy.maxSessionSeconds !== undefined
							? t('policyDuration', policy.maxSessionSeconds)
							: undefined
				}
				error={errors.durationSeconds}
			/>
			<RegionSelect
				value={input.region}
				groups={groups}
				onRegion={(region) =>
					edit({ region, endpointKind: endpointKindsFor(region).includes(input.endpointKind) ? input.endpointKind : 'regional' })
				}
				disabled={preset !== undefined}
				hint={preset && setBy}
				error={errors.region}
			/>
			<EndpointKindSelect
				region={input.region}
				value={input.endpointKind}
				kinds={kinds}
				onKind={(endpointKind) => edit({ endpointKind })}
				disabled={preset !== undefined}
				error={errors.endpointKind}
			/>
			<Field
				id="endpoint"
				label={t('stsEndpoint')}
				value={input.endpoint}
				onValue={(endpoint) => edit({ endpoint })}
				error={errors.endpoint}
				readOnly={preset !== undefined}
				hint={preset ? setBy : t('stsEndpointHint')}
				spellcheck={false}
			/>
			{customHost && <TrustHostCheck host={customHost} trusted={input.trustedHost} onTrusted={(trustedHost) => edit({ trustedHost })} />}
			{!hasVault && !isRoleInput && (
				<NewPassphraseFields
					hint={t('passphraseForKeysHint')}
					passphrase={passphrase}
					confirmation={confirmation}
					onPassphrase={setPassphrase}
					onConfirmation={setConfirmation}
					errors={errors}
				/>
			)}
		</ProfileCard>
	);
}
