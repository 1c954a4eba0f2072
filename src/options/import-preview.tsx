// What a settings file would change, shown before anything changes: each new profile with the
// endpoint it would talk to, and each changed field of a saved profile, old and new side by side.

import { t } from '../i18n';
import type { FieldChange, ImportPlan } from '../lib/import-plan';

function fieldLabel(field: FieldChange['field']): string {
	const labels: Record<FieldChange['field'], string> = {
		endpoint: t('stsEndpoint'),
		accessKeyId: t('accessKeyId'),
		mfaSerial: t('mfaSerial'),
		region: t('region'),
		durationSeconds: t('sessionDurationSeconds'),
		kind: t('profileType'),
		roleArn: t('roleArn'),
		sourceProfile: t('sourceProfile'),
		externalId: t('externalId'),
		roleSessionName: t('roleSessionName'),
		direct: t('assumeDirectly'),
	};
	return labels[field];
}

interface ImportPreviewProps {
	plan: ImportPlan;
	busy: boolean;
	onConfirm: () => void;
	onCancel: () => void;
}

export function ImportPreview({ plan, busy, onConfirm, onCancel }: ImportPreviewProps) {
	const nothing = plan.added.length + plan.changed.length + plan.preferences.length === 0;
	return (
		<section class="preview" aria-labelledby="import-preview-heading">
			<h3 id="import-preview-heading">{t('importPreviewHeading')}</h3>
			{nothing && <p>{t('importNothing')}</p>}
			{plan.added.map((profile) => (
				<dl key={profile.name} aria-label={t('importNewProfile', profile.name)}>
					<dt>{t('importNewProfile', profile.name)}</dt>
					<dd>
						{t('stsEndpoint')}: <code>{profile.endpoint}</code>
					</dd>
					{profile.roleArn === undefined ? (
						<>
							<dd>
								{t('accessKeyId')}: <code>{profile.accessKeyId}</code>
							</dd>
							<dd>
								{t('mfaSerial')}: <code>{profile.mfaSerial}</code>
							</dd>
						</>
					) : (
						<>
							<dd>
								{t('roleArn')}: <code>{profile.roleArn}</code>
							</dd>
							<dd>
								{t('sourceProfile')}: <code>{profile.sourceProfile}</code>
							</dd>
						</>
					)}
				</dl>
			))}
			{plan.changed.map((profile) => (
				<table key={profile.name} aria-label={t('importChangedProfile', profile.name)}>
					<caption>{t('importChangedProfile', profile.name)}</caption>
					<thead>
						<tr>
							<th scope="col">{t('importField')}</th>
							<th scope="col">{t('importNow')}</th>
							<th scope="col">{t('importAfter')}</th>
						</tr>
					</thead>
					<tbody>
						{profile.changes.map((change) => (
							<tr key={change.field}>
								<th scope="row">{fieldLabel(change.field)}</th>
								<td>
									<code>{change.from}</code>
								</td>
								<td>
									<code>{change.to}</code>
								</td>
							</tr>
						))}
					</tbody>
					{profile.endsSession && (
						<tfoot>
							<tr>
								<td colSpan={3}>{t('importEndsSession')}</td>
							</tr>
						</tfoot>
					)}
				</table>
			))}
			{plan.preferences.length > 0 && (
				<p>{t('importPreferences', plan.preferences.map((change) => `${change.name}: ${change.from} → ${change.to}`).join(', '))}</p>
			)}
			{plan.skipped.length > 0 && <p class="note">{t('importSkipped', plan.skipped.join(', '))}</p>}
			<button type="button" onClick={onConfirm} disabled={busy || nothing}>
				{t('importConfirm')}
			</button>{' '}
			<button type="button" onClick={onCancel} disabled={busy}>
				{t('cancel')}
			</button>
		</section>
	);
}
