// An MFA profile's access key: its age as IAM told it, the warning past the limit, and "Rotate now"
// with what became of the old and the new key, named by their last four characters.
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { iamHostPermission } from '../lib/iam-endpoint';
import { type KeyInfo, keyAgeDays, keyAgeVerdict } from '../lib/key-age';
import { consoleKeysUrl, lastFour } from '../lib/key-links';
import { type RotationJournal, type RotationReport, recoveryPlan } from '../lib/key-rotation';
import type { MfaProfile, Preferences, SessionSummary } from '../lib/model';
import { isLive } from '../lib/model';
import type { Policy } from '../lib/policy';
import { send } from '../messages';
import browser from '../page-browser';
import { useNow } from '../ui/use-extension-state';

interface KeyPanelProps {
	profile: MfaProfile;
	info: KeyInfo | undefined;
	session: SessionSummary | undefined;
	rotation: RotationJournal | undefined;
	report: RotationReport | undefined;
	locked: boolean;
	preferences: Preferences;
	policy: Policy;
}

/** Asks, within the click, for IAM's host when the profile's STS host is not IAM's; whether it may be called. */
function allowIam(profile: MfaProfile): Promise<boolean> {
	const permission = iamHostPermission(profile);
	return permission ? browser.permissions.request({ origins: [permission] }) : Promise.resolve(true);
}

/** What a rotation did, in a person's words. */
function reportText(report: RotationReport): string {
	const old = lastFour(report.oldKeyId);
	const next = report.newKeyId ? lastFour(report.newKeyId) : '';
	switch (report.outcome) {
		case 'done':
			return t('rotateDone', next, old);
		case 'kept':
			return t('rotateKept', next, old);
		case 'old-left':
			return t('rotateOldLeft', next, old, report.permission ?? report.code ?? '');
		case 'unproven':
			return t('rotateUnproven', next, old);
		case 'orphan':
			return next ? t('rotateOrphanNamed', next, old) : t('rotateOrphan', old);
		case 'not-created':
			if (report.code === 'LimitExceeded')
				return report.otherKeyId ? t('rotateQuotaNamed', lastFour(report.otherKeyId), old) : t('rotateQuota', old);
			return report.permission ? t('rotateDenied', report.permission) : t('rotateFailed', report.code ?? '');
	}
}

/** The key's age line, the warning past the limit, and the organisation's maximum. */
function KeyAge({ profile, info, preferences, policy }: Pick<KeyPanelProps, 'profile' | 'info' | 'preferences' | 'policy'>) {
	// Re-rendered each minute; the age is counted from this moment, as a state change can come between ticks.
	useNow(60_000);
	const now = Date.now();
	const known = info?.accessKeyId === profile.accessKeyId ? info : undefined;
	if (known?.refused) return <p class="hint">{t('keyAgeRefusedByIam', known.refused)}</p>;
	if (known?.needsHost)
		return (
			<p class="hint">
				{t('keyAgeNeedsHost', known.needsHost)}{' '}
				<button type="button" onClick={() => void allowIam(profile)}>
					{t('allowHost')}
				</button>
			</p>
		);
	const age = known?.createdAt ? keyAgeDays(known.createdAt, now) : undefined;
	if (!known?.createdAt || age === undefined) return <p class="hint">{t('keyAgeUnknown', lastFour(profile.accessKeyId))}</p>;
	const verdict = keyAgeVerdict(age, preferences.keyAgeWarnDays, policy);
	return (
		<>
			<p>{t('keyAgeLine', lastFour(profile.accessKeyId), known.createdAt.slice(0, 10), age)}</p>
			{verdict.state === 'warn' && (
				<p role="status" class="warning">
					{t('keyAgeWarning', age)}
					{verdict.byPolicy && ` ${t('keyAgePolicy', policy.maxAccessKeyAgeDays ?? 0, verdict.refuseAfterDays ?? 0)}`}
				</p>
			)}
			{verdict.state === 'refuse' && (
				<p role="alert" class="error">
					{t('keyAgeRefused', age, verdict.refuseAfterDays ?? 0)}
				</p>
			)}
		</>
	);
}

export function KeyPanel({ profile, info, session, rotation, report, locked, preferences, policy }: KeyPanelProps) {
	const now = useNow();
	const [keepOld, setKeepOld] = useState(false);
	const [code, setCode] = useState('');
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string>();
	const live = isLive(session, now);
	const left = rotation?.profileId === profile.id ? recoveryPlan(rotation, profile.accessKeyId, rotation.step === 'created') : undefined;
	const run = (request: Promise<unknown>) => {
		setBusy(true);
		setError(undefined);
		request
			.then(
				() => setCode(''),
				(failure: Error) => setError(failure.message),
			)
			.finally(() => setBusy(false));
	};
	const codeField = !live && (
		<div class="field">
			<label for="rotate-code">{t('rotateCode')}</label>
			<input
				id="rotate-code"
				inputMode="numeric"
				autocomplete="one-time-code"
				value={code}
				onInput={(event) => setCode(event.currentTarget.value)}
			/>
		</div>
	);
	const shown = report?.profileId === profile.id ? report : undefined;
	const link = shown && ['old-left', 'orphan', 'not-created'].includes(shown.outcome);
	return (
		<section class="card" aria-labelledby="key-heading">
			<h2 id="key-heading">{t('keyHeading')}</h2>
			<KeyAge profile={profile} info={info} preferences={preferences} policy={policy} />
			{left && left.kind !== 'none' && !busy && (
				<>
					<p role="status">{t('rotateLeftHalfway', lastFour(rotation?.oldKeyId ?? ''))}</p>
					{codeField}
					<button type="button" onClick={() => run(send('resumeRotation', live ? {} : { code }))}>
						{t('rotateFinish')}
					</button>
				</>
			)}
			{!left && (
				<>
					<div class="field">
						<label>
							<input type="checkbox" checked={keepOld} onChange={(event) => setKeepOld(event.currentTarget.checked)} /> {t('rotateKeepOld')}
						</label>
						<p class="hint">{t('rotateKeepOldHint')}</p>
					</div>
					{codeField}
					<button
						type="button"
						disabled={busy || locked}
						onClick={() =>
							run(
								allowIam(profile).then((allowed) => {
									if (!allowed) throw new Error(t('rotateNeedsHost'));
									return send('rotateKey', { profileId: profile.id, keepOld, ...(live ? {} : { code }) });
								}),
							)
						}
					>
						{t('rotateNow')}
					</button>
					{locked && <p class="hint">{t('rotateNeedsUnlock')}</p>}
				</>
			)}
			{busy && <p role="status">{t('rotating')}</p>}
			{error && (
				<p role="alert" class="error">
					{error}
				</p>
			)}
			{shown && !busy && (
				<p role="status">
					{reportText(shown)}{' '}
					{link && (
						<a href={consoleKeysUrl(session?.identity?.arn ?? profile.identityArn)} target="_blank" rel="noreferrer">
							{t('rotateConsoleLink')}
						</a>
					)}
				</p>
			)}
		</section>
	);
}
