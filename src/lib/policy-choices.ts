// The choices a page may offer under the organisation's policy, kept apart from the rest of the
// policy rules so that the popup, which offers export formats, stays small.
import { t } from '../i18n';
import { type ExportFormat, exportFormats } from './format-names';
import type { CliMode } from './helper-protocol';
import { autoLockChoices, clearClipboardChoices, lockAfterEachSession } from './model';
import type { Policy } from './policy';

/** The export formats allowed, in the extension's order. */
export function allowedFormats(policy: Policy): ExportFormat[] {
	return exportFormats.map(({ id }) => id).filter((id) => !policy.allowedExportFormats || policy.allowedExportFormats.includes(id));
}

/** The idle-lock choices allowed: with a limit, never-locking and longer times are not. */
export function allowedAutoLock(policy: Policy): number[] {
	const limit = policy.minimumIdleLockMinutes;
	return autoLockChoices.filter((minutes) => limit === undefined || minutes === lockAfterEachSession || (minutes > 0 && minutes <= limit));
}

/** The clipboard-clearing delays allowed: when forced, never-clearing and longer delays are not. */
export function allowedClearDelays(policy: Policy): number[] {
	const limit = policy.forceClipboardClearSeconds;
	const fitting = clearClipboardChoices.filter((seconds) => limit === undefined || (seconds > 0 && seconds <= limit));
	return fitting.length > 0 ? fitting : [clearClipboardChoices[1] ?? 30];
}

/** The export format each command-line mode hands to tools: the helper delivers exactly that format. */
export const cliModeFormats: Record<Exclude<CliMode, 'off'>, ExportFormat> = { file: 'credentials', process: 'process' };

/** Why the policy refuses a command-line mode, if it does: the helper is off, or the format the mode delivers is not allowed. */
export function cliModeRefusal(mode: CliMode, policy: Policy): string | undefined {
	if (mode === 'off') return undefined;
	if (!policy.allowCommandLineHelper) return t('policyHelperOff');
	const format = cliModeFormats[mode];
	if (allowedFormats(policy).includes(format)) return undefined;
	return t('policyCliFormat', exportFormats.find((entry) => entry.id === format)?.label ?? format);
}
