// Rotating a profile's access key under its live MFA session: create, seal beside the old, prove
// with a call signed by the new key, switch, delete the old. Each step is journaled before it is
// taken, so a worker stopped anywhere leaves the vault with a key IAM accepts and a step to finish.
import { t } from '../i18n';
import { readNewKey } from '../lib/iam-answer';
import { deniedPermission, isJournal, pendingLabel, type RotationJournal, type RotationReport, recoveryPlan } from '../lib/key-rotation';
import { isMfa, type MfaProfile } from '../lib/model';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { iamCall, type SigningKeys } from './iam';
import { keepKeyInfo, listKeys } from './key-age';
import { checkReachable, freshCode, liveSession, profileIn, spentCodes, stsFailure } from './session-steps';
import { getCallerIdentity, getSessionToken } from './sts';
import { readSecret, removeSecret, sealPending, switchToPending, vaultState } from './vault';

/** One rotation at a time in this worker: a resume never runs beside the rotation it would finish. */
let busy: Promise<RotationReport | undefined> | undefined;

function exclusive(run: () => Promise<RotationReport | undefined>) {
	if (busy) return Promise.reject(new UserError(t('rotateInProgress'), 'profile', 'rotation-in-progress'));
	busy = run().finally(() => {
		busy = undefined;
	});
	return busy;
}

/** Ends a rotation with what it did; an unproven key keeps its journal, to be finished later. */
async function finish(journal: RotationJournal, outcome: RotationReport['outcome'], extra: Partial<RotationReport> = {}) {
	const { profileId, oldKeyId, newKeyId } = journal;
	const report: RotationReport = {
		profileId,
		outcome,
		oldKeyId,
		...(newKeyId ? { newKeyId } : {}),
		...extra,
		at: new Date().toISOString(),
	};
	await storage.set({ rotationReport: report, ...(outcome === 'unproven' ? {} : { rotation: undefined }) });
	return report;
}

const failureOf = (error: unknown) => {
	const { name, message } = error as Error;
	const permission = deniedPermission(String(message));
	return { code: String(name), ...(permission ? { permission } : {}) };
};

/**
 * The MFA session that signs the IAM calls: the live one, else one made with the code given. That
 * one is used only here and never stored: past the organisation's maximum age no session is kept,
 * but the rotation that ends the old key still needs one.
 */
async function sessionKeys(profile: MfaProfile, code: string | undefined): Promise<SigningKeys> {
	const live = await liveSession(profile.id, 60_000);
	const pick = ({ accessKeyId, secretAccessKey, sessionToken }: SigningKeys) => ({ accessKeyId, secretAccessKey, sessionToken });
	if (live) return pick(live);
	if (code === undefined) throw new UserError(t('rotateNeedsSession'), 'code', 'no-session');
	await checkReachable(profile);
	const fresh = await freshCode(profile.mfaSerial, code);
	const secret = await readSecret(profile.id);
	try {
		const session = await getSessionToken(profile, secret, fresh, 900);
		await storage.set({ usedCodes: await spentCodes(profile.mfaSerial, fresh) });
		return pick(session);
	} catch (error) {
		throw await stsFailure(error, profile, { serial: profile.mfaSerial, code: fresh });
	}
}

/** Whether the new key signs: GetCallerIdentity with it, retried through the seconds IAM takes to spread it. */
async function proven(profile: MfaProfile, accessKeyId: string, secretAccessKey: string): Promise<boolean> {
	for (let attempt = 1; attempt <= 8; attempt += 1) {
		if (await getCallerIdentity(profile, { accessKeyId, secretAccessKey })) return true;
		if (attempt < 8) await new Promise((resolve) => setTimeout(resolve, attempt * 1000));
	}
	return false;
}

async function deleteOld(profile: MfaProfile, journal: RotationJournal, keys: SigningKeys) {
	if (journal.keepOld) return finish(journal, 'kept');
	await storage.set({ rotation: { ...journal, step: 'deleting' } });
	try {
		await iamCall(profile, keys, 'DeleteAccessKey', { AccessKeyId: journal.oldKeyId });
	} catch (error) {
		// Deleted already: the answer of an earlier try was lost with its worker.
		if ((error as Error).name !== 'NoSuchEntity') return finish(journal, 'old-left', failureOf(error));
	}
	return finish(journal, 'done');
}

async function switchKeys(profile: MfaProfile, journal: RotationJournal, secretAccessKey: string, keys: SigningKeys) {
	const newKeyId = journal.newKeyId ?? '';
	if (!(await proven(profile, newKeyId, secretAccessKey))) return finish(journal, 'unproven');
	await switchToPending(journal, secretAccessKey);
	await keepKeyInfo(profile.id, {
		accessKeyId: newKeyId,
		createdAt: journal.startedAt,
		otherKeyIds: journal.keepOld ? [journal.oldKeyId] : [],
		checkedAt: new Date().toISOString(),
	});
	return deleteOld(profile, { ...journal, step: 'switched' }, keys);
}

/** Rotates a profile's key; the report says what became of the old and the new key. */
export function rotateKey(request: { profileId: string; keepOld?: boolean; code?: string }): Promise<RotationReport | undefined> {
	return exclusive(async () => {
		const profile = profileIn(await storage.get('profiles'), String(request.profileId));
		if (!isMfa(profile)) throw new UserError(t('rotateRole'), 'profile');
		if (await storage.get('rotation')) throw new UserError(t('rotateInProgress'), 'profile', 'rotation-in-progress');
		if ((await vaultState()).locked) throw new UserError(t('vaultLocked'), 'passphrase', 'locked');
		const keys = await sessionKeys(profile, request.code === undefined ? undefined : String(request.code));
		const journal: RotationJournal = {
			profileId: profile.id,
			oldKeyId: profile.accessKeyId,
			step: 'creating',
			keepOld: request.keepOld === true,
			startedAt: new Date().toISOString(),
		};
		await storage.set({ rotation: journal });
		let answer: unknown;
		try {
			answer = await iamCall(profile, keys, 'CreateAccessKey');
		} catch (error) {
			const failure = failureOf(error);
			// IAM's own refusal changed nothing; a lost answer may have left a key behind.
			if (!/^[A-Z]\w+$/.test(failure.code) || ['TypeError', 'TimeoutError', 'AbortError'].includes(failure.code))
				return finish(journal, 'orphan', failure);
			const otherKeyId = failure.code === 'LimitExceeded' ? (await storage.get('keyInfo'))[profile.id]?.otherKeyIds?.[0] : undefined;
			return finish(journal, 'not-created', { ...failure, ...(otherKeyId ? { otherKeyId } : {}) });
		}
		const created = readNewKey(answer);
		if (!created.ok) return finish(journal, 'orphan', { code: 'MalformedAnswer' });
		const sealed: RotationJournal = { ...journal, step: 'created', newKeyId: created.value.accessKeyId };
		await sealPending(sealed, created.value.secretAccessKey);
		return switchKeys(profile, sealed, created.value.secretAccessKey, keys);
	});
}

/**
 * Finishes, or reports, a rotation a stopped worker (or an unproven key) left behind. At a worker's
 * start a key already reported unproven waits for the person's "Finish rotation": each wake would
 * otherwise spend half a minute asking AWS again.
 */
export function resumeRotation(code?: string, atStart = false): Promise<RotationReport | undefined> {
	return exclusive(async () => {
		const [journal, report] = await Promise.all([storage.get('rotation'), storage.get('rotationReport')]);
		if (!journal) return undefined;
		if (atStart && report?.outcome === 'unproven' && report.newKeyId === journal.newKeyId) return undefined;
		const [profiles, vault] = await Promise.all([storage.get('profiles'), storage.get('vault')]);
		const profile = profiles.find((saved) => saved.id === journal.profileId);
		const mfa = profile && isMfa(profile) && isJournal(journal) ? profile : undefined;
		const plan = recoveryPlan(journal, mfa?.accessKeyId, vault?.secrets[pendingLabel(journal.profileId)] !== undefined);
		if (!mfa || plan.kind === 'drop' || plan.kind === 'none') {
			await removeSecret(pendingLabel(journal.profileId));
			await storage.set({ rotation: undefined });
			return undefined;
		}
		const keys = await sessionKeys(mfa, code);
		if (plan.kind === 'finish-switch') return switchKeys(mfa, journal, await readSecret(pendingLabel(mfa.id)), keys);
		if (plan.kind === 'delete-old') return deleteOld(mfa, journal, keys);
		// The key made while the worker stopped: the one IAM lists beside the old, if IAM tells.
		const other = await listKeys(mfa, keys).then(
			(listed) => listed.find((key) => key.accessKeyId !== journal.oldKeyId)?.accessKeyId,
			() => undefined,
		);
		await removeSecret(pendingLabel(mfa.id));
		return finish(journal, 'orphan', other ? { newKeyId: other } : {});
	});
}
