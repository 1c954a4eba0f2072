// The export of a live session to a page or the copy shortcut; the helper gets its sessions through helper-sync.ts.
import { t } from '../i18n';
import { digestOf } from '../lib/clipboard-text';
import { type ExportFormat, isExportFormat, renderExport } from '../lib/export-formats';
import { allowedFormats } from '../lib/policy-choices';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { scheduleClear } from './clipboard';
import { currentPolicy, refusedByPolicy } from './policy';
import { findProfile } from './session-steps';
import { vaultState } from './vault';

/** A profile's live session in one format; refused while locked, without a session, or once expired. */
export async function exportText(profileId: string, format: ExportFormat): Promise<string> {
	if (!isExportFormat(format)) throw new UserError(t('chooseFormat'), 'session');
	const { policy } = await currentPolicy();
	if (!allowedFormats(policy).includes(format)) throw refusedByPolicy({ field: 'session', message: t('policyFormat') }, policy);
	if ((await vaultState()).locked) throw new UserError(t('lockedExport'), 'passphrase', 'locked');
	const profile = await findProfile(profileId);
	const session = (await storage.get('sessions'))[profile.id];
	if (!session) throw new UserError(t('noSessionToExport'), 'session', 'no-session');
	if (Date.parse(session.expiration) <= Date.now()) throw new UserError(t('sessionExpired'), 'session', 'expired');
	const { accessKeyId, secretAccessKey, sessionToken, expiration } = session;
	const { includeRegion } = await storage.get('preferences');
	return renderExport(format, {
		profileName: profile.name,
		credentials: { accessKeyId, secretAccessKey, sessionToken, expiration },
		...(includeRegion ? { region: profile.region } : {}),
	});
}

/** A session's text for a page; `copy` arranges the clipboard clearing before the page writes it, so closing the page cannot skip it. */
export async function exportSession(request: { profileId: string; format: ExportFormat; copy?: boolean }): Promise<string> {
	const text = await exportText(request.profileId, request.format);
	if (request.copy === true) await scheduleClear(await digestOf(text));
	return text;
}

/** A copy the person made from a page's own field (the export text): cleared as a copy by the Copy button is. */
export async function noteCopy(request: { digest: string }): Promise<void> {
	if (!/^[0-9a-f]{64}$/.test(request.digest)) throw new UserError(t('copyFailed'), 'session');
	await scheduleClear(request.digest);
}
