// RFC 6238 codes as an authenticator app shows them: SHA-1, 6 digits, 30 s steps.
import { Secret, TOTP } from 'otpauth';

const periodSeconds = 30;

function totp(secret: string): TOTP {
	return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: periodSeconds });
}

/** The code shown at a moment in time (milliseconds since the epoch). */
export function totpAt(secret: string, timestamp: number): string {
	return totp(secret).generate({ timestamp });
}

/** The code of a numbered 30 s step, whatever time it is now. */
export function totpAtStep(secret: string, step: number): string {
	return totpAt(secret, step * periodSeconds * 1000);
}

/** The step a moment falls in. */
export function stepAt(timestamp: number): number {
	return Math.floor(timestamp / (periodSeconds * 1000));
}
