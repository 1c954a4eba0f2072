// One check for every way preferences change: the options page, a message, a settings file. Each
// value must be one of its choices; a key the extension does not know is refused by name.
import { t } from '../i18n';
import { isExportFormat } from './format-names';
import { keyAgeChoices } from './key-age';
import { autoLockChoices, clearClipboardChoices, type Preferences, warnChoices } from './model';
import type { Field } from './user-error';

export type PreferencesCheck = { ok: true; value: Partial<Preferences> } | { ok: false; error: string; field: Field; name?: string };

const choices = (allowed: readonly number[]) => (value: unknown) => typeof value === 'number' && allowed.includes(value);

/** Each preference: whether a value is allowed, the field its error belongs to, and the message. */
const rules: { [K in keyof Preferences]: { allowed: (value: unknown) => boolean; field: Field; message: () => string } } = {
	exportFormat: {
		allowed: (value) => typeof value === 'string' && isExportFormat(value),
		field: 'session',
		message: () => t('chooseFormat'),
	},
	includeRegion: { allowed: (value) => typeof value === 'boolean', field: 'session', message: () => t('chooseIncludeRegion') },
	autoLockMinutes: { allowed: choices(autoLockChoices), field: 'autoLock', message: () => t('chooseIdleTime') },
	clearClipboardSeconds: { allowed: choices(clearClipboardChoices), field: 'clearClipboard', message: () => t('chooseClearDelay') },
	warnMinutesBefore: { allowed: choices(warnChoices), field: 'warning', message: () => t('chooseWarningTime') },
	keyAgeWarnDays: { allowed: choices(keyAgeChoices), field: 'keyAge', message: () => t('chooseKeyAge') },
};

/** The field where a preference is chosen, for errors about it. */
export function preferenceField(name: keyof Preferences): Field {
	return rules[name].field;
}

const isKnown = (name: string): name is keyof Preferences => Object.hasOwn(rules, name);

/** Checks a change of some preferences; the first wrong or unknown one is named in the error. */
export function checkPreferences(change: unknown): PreferencesCheck {
	if (typeof change !== 'object' || change === null || Array.isArray(change)) {
		return { ok: false, error: t('preferencesNotObject'), field: 'settingsFile' };
	}
	const value: Partial<Record<keyof Preferences, unknown>> = {};
	for (const [name, candidate] of Object.entries(change)) {
		if (!isKnown(name)) return { ok: false, error: t('preferenceUnknown', name.slice(0, 40)), field: 'settingsFile' };
		if (candidate === undefined) continue;
		const rule = rules[name];
		if (!rule.allowed(candidate)) return { ok: false, error: rule.message(), field: rule.field, name };
		value[name] = candidate;
	}
	return { ok: true, value: value as Partial<Preferences> };
}
