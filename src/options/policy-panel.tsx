// What the organisation's policy sets, shown whenever there is one: whom to ask, the limits in
// force, what in the policy could not be applied, and what it changed (sessions it ended included).
import { t } from '../i18n';
import { exportFormats } from '../lib/format-names';
import { noPolicy, type Policy } from '../lib/policy';
import { allowedFormats } from '../lib/policy-choices';
import { formatDuration } from '../lib/time-format';
import { send } from '../messages';
import { FieldError } from '../ui/field';
import { PolicyChecking } from '../ui/policy-checking';
import { useRequest } from '../ui/use-request';

interface PolicyPanelProps {
	policy: Policy;
	problems: string[];
	notices: string[];
	/** Managed storage has not answered yet (first run only): the rules shown are none yet. */
	pending: boolean;
}

/** The limits a policy sets, one line each. */
function limitsOf(policy: Policy): string[] {
	const formats = allowedFormats(policy);
	const labels = exportFormats
		.filter((format) => formats.includes(format.id))
		.map((format) => format.label)
		.join(', ');
	return [
		policy.maxSessionSeconds !== undefined && t('policyDuration', policy.maxSessionSeconds),
		policy.allowedRegions &&
			(policy.allowedRegions.length > 0 ? t('policyRegionsLimit', policy.allowedRegions.join(', ')) : t('policyNoRegions')),
		policy.allowedEndpointHosts &&
			(policy.allowedEndpointHosts.length > 0 ? t('policyHostsLimit', policy.allowedEndpointHosts.join(', ')) : t('policyNoHosts')),
		policy.allowedExportFormats && (formats.length > 0 ? t('policyFormatsLimit', labels) : t('policyNoFormats')),
		policy.minimumIdleLockMinutes !== undefined && t('policyIdleLimit', formatDuration(policy.minimumIdleLockMinutes * 60)),
		policy.forceClipboardClearSeconds !== undefined && t('policyClearLimit', formatDuration(policy.forceClipboardClearSeconds)),
		!policy.allowSettingsImport && t('policyImportOff'),
		!policy.allowSettingsExport && t('policyExportOff'),
		!policy.allowCommandLineHelper && t('policyHelperOff'),
	].filter((line): line is string => typeof line === 'string');
}

export function PolicyPanel({ policy, problems, notices, pending }: PolicyPanelProps) {
	const dismissing = useRequest();
	if (pending) return <PolicyChecking />;
	const limits = limitsOf(policy);
	const contact = policy.supportContact;
	const presets = policy.presetProfiles.map((preset) => preset.name);
	if (JSON.stringify(policy) === JSON.stringify(noPolicy) && problems.length === 0 && notices.length === 0) return null;
	return (
		<section class="card" aria-labelledby="policy-heading">
			<h2 id="policy-heading">{t('policyHeading')}</h2>
			{contact && (
				<p>
					{t('policySupport')}{' '}
					{contact.url ? (
						<a href={contact.url} target="_blank" rel="noreferrer">
							{contact.text}
						</a>
					) : (
						contact.text
					)}
				</p>
			)}
			{presets.length > 0 && <p>{t('policyPresets', presets.join(', '))}</p>}
			{limits.length > 0 && (
				<ul aria-label={t('policyLimits')}>
					{limits.map((line) => (
						<li key={line}>{line}</li>
					))}
				</ul>
			)}
			{problems.length > 0 && (
				<div class="error" role="alert">
					<p>{t('policyProblemsIntro')}</p>
					<ul>
						{problems.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
				</div>
			)}
			{notices.length > 0 && (
				<div role="status">
					<ul aria-label={t('policyChanges')}>
						{notices.map((line) => (
							<li key={line}>{line}</li>
						))}
					</ul>
					<button
						type="button"
						id="dismiss-notices"
						aria-describedby={dismissing.error ? 'dismiss-notices-error' : undefined}
						onClick={() => void dismissing.run(() => send('dismissPolicyNotices'))}
					>
						{t('policyNoticesDismiss')}
					</button>
				</div>
			)}
			<FieldError id="dismiss-notices" error={dismissing.error?.message} />
		</section>
	);
}
