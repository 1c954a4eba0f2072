// The fields that say how a profile reaches STS: how long its session lasts, its region, and which
// of the region's STS endpoints it calls. Each shows its hint and its refusal where it is typed.
import { t } from '../i18n';
import { defaultStsEndpoint, type EndpointKind } from '../lib/endpoints';
import type { Policy } from '../lib/policy';
import { regionAllowed } from '../lib/policy-rules';
import { regions } from '../lib/region-names';
import { FieldError } from '../ui/field';

const endpointLabels: Record<EndpointKind, string> = {
	regional: t('endpointRegional'),
	global: t('endpointGlobal'),
	fips: t('endpointFips'),
};

const partitionLabels: Readonly<Record<string, string>> = {
	aws: t('partitionAws'),
	'aws-us-gov': t('partitionGovCloud'),
	'aws-cn': t('partitionChina'),
	'aws-eusc': t('partitionSovereign'),
};

/** The region list's groups, one per partition, in the table's order. */
const regionGroups = [...new Set(regions.map((region) => region.partition))].map((partition) => ({
	partition,
	label: partitionLabels[partition] ?? partition,
	regions: regions.filter((region) => region.partition === partition),
}));

export type RegionGroup = (typeof regionGroups)[number];

/** The region choices the policy leaves, grouped by partition. */
export function allowedRegionGroups(policy: Policy): RegionGroup[] {
	return regionGroups
		.map((group) => ({ ...group, regions: group.regions.filter((region) => regionAllowed(region.id, policy.allowedRegions)) }))
		.filter((group) => group.regions.length > 0);
}

/** The session's length in hours and minutes; `hint` is why it is fixed or capped, if it is. */
export function DurationField({
	seconds,
	onSeconds,
	disabled,
	hint,
	error,
}: {
	seconds: number;
	onSeconds: (seconds: number) => void;
	disabled: boolean;
	hint: string | undefined;
	error: string | undefined;
}) {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.round((seconds % 3600) / 60);
	return (
		<fieldset class="duration" disabled={disabled} aria-describedby={error ? 'durationSeconds-error' : 'durationSeconds-hint'}>
			<legend>{t('sessionDuration')}</legend>
			<label for="durationSeconds">{t('hours')}</label>
			<input
				id="durationSeconds"
				type="number"
				min={0}
				max={36}
				value={hours}
				onInput={(event) => onSeconds(Number(event.currentTarget.value) * 3600 + minutes * 60)}
			/>
			<label for="duration-minutes">{t('minutes')}</label>
			<input
				id="duration-minutes"
				type="number"
				min={0}
				max={59}
				step={5}
				value={minutes}
				onInput={(event) => onSeconds(hours * 3600 + Number(event.currentTarget.value) * 60)}
			/>
			{hint && (
				<p class="hint" id="durationSeconds-hint">
					{hint}
				</p>
			)}
			<FieldError id="durationSeconds" error={error} />
		</fieldset>
	);
}

/** The region, grouped by partition; `hint` says who set it, for a preset profile. */
export function RegionSelect({
	value,
	groups,
	onRegion,
	disabled,
	hint,
	error,
}: {
	value: string;
	groups: readonly RegionGroup[];
	onRegion: (region: string) => void;
	disabled: boolean;
	hint: string | undefined;
	error: string | undefined;
}) {
	const described = [hint && 'region-hint', error && 'region-error'].filter(Boolean).join(' ');
	return (
		<div class="field">
			<label for="region">{t('region')}</label>
			<select
				id="region"
				disabled={disabled}
				aria-describedby={described || undefined}
				value={value}
				onChange={(event) => onRegion(event.currentTarget.value)}
			>
				{groups.map((group) => (
					<optgroup label={group.label} key={group.partition}>
						{group.regions.map((region) => (
							<option value={region.id} key={region.id}>
								{t('regionOption', region.id, region.name)}
							</option>
						))}
					</optgroup>
				))}
			</select>
			{hint && (
				<p class="hint" id="region-hint">
					{hint}
				</p>
			)}
			<FieldError id="region" error={error} />
		</div>
	);
}

/** Which of the region's STS endpoints the profile calls, each with its host. */
export function EndpointKindSelect({
	region,
	value,
	kinds,
	onKind,
	disabled,
	error,
}: {
	region: string;
	value: EndpointKind;
	kinds: readonly EndpointKind[];
	onKind: (kind: EndpointKind) => void;
	disabled: boolean;
	error: string | undefined;
}) {
	return (
		<div class="field">
			<label for="endpointKind">{t('endpointKind')}</label>
			<select
				id="endpointKind"
				disabled={disabled}
				value={value}
				aria-describedby={kinds.includes('global') ? 'endpointKind-hint endpointKind-global' : 'endpointKind-hint'}
				onChange={(event) => onKind(event.currentTarget.value as EndpointKind)}
			>
				{kinds.map((kind) => (
					<option value={kind} key={kind}>
						{endpointLabels[kind]} ({new URL(defaultStsEndpoint(region, kind)).host})
					</option>
				))}
			</select>
			<p class="hint" id="endpointKind-hint">
				{t('endpointKindHint')}
			</p>
			{kinds.includes('global') && (
				<p class="hint" id="endpointKind-global">
					{t('endpointGlobalHint')}
				</p>
			)}
			<FieldError id="endpointKind" error={error} />
		</div>
	);
}
