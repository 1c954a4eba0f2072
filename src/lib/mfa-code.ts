// The six digits from an authenticator app; its own module because the popup needs only this.
import type { Result } from './result';

/** An MFA code as typed or pasted: spaces and a dash between the halves are dropped. */
export function parseMfaCode(raw: string): Result<string> {
	const code = raw.replace(/[\s-]/g, '');
	if (code === '') return { ok: false, error: 'Enter the 6-digit MFA code from your authenticator app.' };
	if (!/^\d+$/.test(code)) return { ok: false, error: 'The MFA code has digits only: type the 6 digits your authenticator app shows.' };
	if (code.length !== 6) {
		return { ok: false, error: `The MFA code has 6 digits; this one has ${code.length}. Type the code your authenticator app shows now.` };
	}
	return { ok: true, value: code };
}
