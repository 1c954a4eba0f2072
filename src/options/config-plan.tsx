// The profiles several pasted `~/.aws/config` sections describe, shown before anything is saved:
// each MFA profile with its device and region and the key to type, each role with its ARN and
// source. "Create profiles" creates them all together, or none.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { type ConfigProfile, checkConfigProfiles } from '../lib/aws-config';
import { federationOf } from '../lib/console-signin';
import { endpointOf } from '../lib/endpoint-trust';
import { hostPermissionFor } from '../lib/endpoints';
import type { Profile } from '../lib/model';
import { parsePassphrase } from '../lib/validate';
import { send } from '../messages';
import browser from '../page-browser';
import { Field } from '../ui/field';

interface ConfigPlanProps {
	planned: ConfigProfile[];
	profiles: readonly Profile[];
	hasVault: boolean;
	onDone: (created: Profile[], message: string) => void;
}

type Keys = Record<string, { accessKeyId: string; secretAccessKey: string }>;

export function ConfigPlan({ planned, profiles, hasVault, onDone }: ConfigPlanProps) {
	const [keys, setKeys] = useState<Keys>({});
	const [passphrase, setPassphrase] = useState('');
	const [confirmation, setConfirmation] = useState('');
	const [errors, setErrors] = useState<Record<string, string>>({});
	const [problem, setProblem] = useState<string>();
	const needsVault = !hasVault && planned.some((profile) => profile.input.kind !== 'role');
	const typed = planned.map((profile) => ({ ...profile, input: { ...profile.input, ...keys[profile.input.name] } }));
	const key = (name: string, change: Partial<Keys[string]>) =>
		setKeys((previous) => ({ ...previous, [name]: { accessKeyId: '', secretAccessKey: '', ...previous[name], ...change } }));

	const create = async () => {
		const checked = checkConfigProfiles(typed, profiles);
		const found: Record<string, string> = {};
		for (const [name, fields] of Object.entries(checked.errors ?? {}))
			for (const [field, message] of Object.entries(fields)) found[`config-${name}-${field}`] = `${name}: ${message}`;
		if (needsVault) {
			const both = parsePassphrase(passphrase, confirmation);
			if (!both.ok) found['config-passphrase'] = both.error;
		}
		setErrors(found);
		setProblem(checked.ok ? undefined : checked.error);
		const first = Object.keys(found)[0];
		if (first || !checked.ok) return first ? document.getElementById(first)?.focus() : undefined;
		const shapes = checked.value.map(({ input }) => ({ ...input, endpoint: input.endpoint || undefined }));
		// Each STS host, and for roles AWS's sign-in host (Open the AWS console), all in one prompt.
		const wanted = shapes.flatMap((shape) => [endpointOf(shape), ...(shape.kind === 'role' ? [federationOf(shape)?.federation] : [])]);
		const origins = [...new Set(wanted.map((url) => url && hostPermissionFor(url)).filter((origin) => typeof origin === 'string'))];
		if (origins.length > 0 && !(await browser.permissions.request({ origins }))) return setProblem(t('configPermission'));
		try {
			const created = await send('saveConfigProfiles', { profiles: checked.value, ...(needsVault ? { passphrase, confirmation } : {}) });
			onDone(created, t('configCreated', created.map((profile) => profile.name).join(', ')));
		} catch (error) {
			setProblem(error instanceof Error ? error.message : String(error));
		}
	};

	return (
		<section class="preview" aria-labelledby="config-plan-heading">
			<h3 id="config-plan-heading">{t('configPlanHeading')}</h3>
			{typed.map(({ input, sourceProfile }) =>
				input.kind === 'role' ? (
					<dl key={input.name} aria-label={t('configRole', input.name)}>
						<dt>{t('configRole', input.name)}</dt>
						<dd>
							{t('roleArn')}: <code>{input.roleArn}</code>
						</dd>
						<dd>
							{t('sourceProfile')}: <code>{sourceProfile}</code>
							{input.externalId ? ` · ${t('externalId')}: ` : ''}
							{input.externalId && <code>{input.externalId}</code>}
						</dd>
						<dd>{input.direct ? t('configRoleDirect', input.durationSeconds) : t('configRoleChained', input.durationSeconds)}</dd>
					</dl>
				) : (
					<fieldset key={input.name}>
						<legend>{t('configMfa', input.name)}</legend>
						<p>
							{t('mfaSerial')}: <code>{input.mfaSerial}</code> · {t('region')}: <code>{input.region}</code>
						</p>
						<Field
							id={`config-${input.name}-accessKeyId`}
							label={t('configAccessKeyFor', input.name)}
							value={input.accessKeyId}
							onValue={(accessKeyId) => key(input.name, { accessKeyId })}
							error={errors[`config-${input.name}-accessKeyId`]}
							autoComplete="off"
							spellcheck={false}
						/>
						<Field
							id={`config-${input.name}-secretAccessKey`}
							label={t('configSecretFor', input.name)}
							type="password"
							autoComplete="new-password"
							value={input.secretAccessKey}
							onValue={(secretAccessKey) => key(input.name, { secretAccessKey })}
							error={errors[`config-${input.name}-secretAccessKey`] ?? errors[`config-${input.name}-mfaSerial`]}
						/>
					</fieldset>
				),
			)}
			{needsVault && (
				<>
					<Field
						id="config-passphrase"
						label={t('passphrase')}
						type="password"
						autoComplete="new-password"
						value={passphrase}
						onValue={setPassphrase}
						error={errors['config-passphrase']}
					/>
					<Field
						id="config-confirmation"
						label={t('confirmPassphrase')}
						type="password"
						autoComplete="new-password"
						value={confirmation}
						onValue={setConfirmation}
					/>
				</>
			)}
			<button type="button" onClick={() => void create()}>
				{t('configCreate')}
			</button>
			{problem && (
				<p class="error" role="alert">
					{problem}
				</p>
			)}
		</section>
	);
}
