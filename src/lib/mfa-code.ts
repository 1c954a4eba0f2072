// The six digits from an authenticator app; its own module because the popup needs only this.
import { t } from '../i18n';
import type { Result } from './result';

/** An MFA code as typed or pasted: spaces and a dash between the halves are dropped. */
export function parseMfaCode(raw: string): Result<string> {
	const code = raw.replace(/[\s-]/g, '');
	if (code === '') return { ok: false, error: t('mfaCodeEmpty') };
	if (!/^\d+$/.test(code)) return { ok: false, error: t('mfaCodeDigits') };
	if (code.length !== 6) return { ok: false, error: t('mfaCodeLength', code.length) };
	return { ok: true, value: code };
}
