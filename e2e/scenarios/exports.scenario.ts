// The exports in both browsers: for the same session (a seeded STS answer), every format's text is
// the same reference text in Chromium and in Firefox, and Copy puts exactly that text on the clipboard.
import { seededSession } from '../sts/fixtures';
import { expect, expectRole, scenario as test, withSession } from './scenario';

/** What each format must read for the seeded session of the profile `work`, line by line. */
function reference(expiration: string): Record<string, string[]> {
	const { accessKeyId: key, secretAccessKey: secret, sessionToken: token } = seededSession;
	return {
		'bash / zsh': [
			`export AWS_ACCESS_KEY_ID=${key}`,
			`export AWS_SECRET_ACCESS_KEY=${secret}`,
			`export AWS_SESSION_TOKEN=${token}`,
			`export AWS_CREDENTIAL_EXPIRATION=${expiration}`,
		],
		'.env': [
			`AWS_ACCESS_KEY_ID=${key}`,
			`AWS_SECRET_ACCESS_KEY=${secret}`,
			`AWS_SESSION_TOKEN=${token}`,
			`AWS_CREDENTIAL_EXPIRATION=${expiration}`,
		],
		fish: [
			`set -gx AWS_ACCESS_KEY_ID '${key}'`,
			`set -gx AWS_SECRET_ACCESS_KEY '${secret}'`,
			`set -gx AWS_SESSION_TOKEN '${token}'`,
			`set -gx AWS_CREDENTIAL_EXPIRATION '${expiration}'`,
		],
		PowerShell: [
			`$Env:AWS_ACCESS_KEY_ID = '${key}'`,
			`$Env:AWS_SECRET_ACCESS_KEY = '${secret}'`,
			`$Env:AWS_SESSION_TOKEN = '${token}'`,
			`$Env:AWS_CREDENTIAL_EXPIRATION = '${expiration}'`,
		],
		'Windows cmd': [
			`set "AWS_ACCESS_KEY_ID=${key}"`,
			`set "AWS_SECRET_ACCESS_KEY=${secret}"`,
			`set "AWS_SESSION_TOKEN=${token}"`,
			`set "AWS_CREDENTIAL_EXPIRATION=${expiration}"`,
		],
		'credentials file': [
			`# MFA Session: temporary credentials, valid until ${expiration}.`,
			'# Replace any existing [work] section in ~/.aws/credentials with this one;',
			'# a second section of the same name makes the whole file unreadable to the AWS CLI.',
			'[work]',
			`aws_access_key_id = ${key}`,
			`aws_secret_access_key = ${secret}`,
			`aws_session_token = ${token}`,
			`x_security_token_expires = ${expiration}`,
		],
		'credential_process JSON': JSON.stringify(
			{ Version: 1, AccessKeyId: key, SecretAccessKey: secret, SessionToken: token, Expiration: expiration },
			null,
			2,
		).split('\n'),
	};
}

test('every format shows the reference text for the seeded session, and Copy puts it on the clipboard', async ({ driver, sts }) => {
	sts.seed(seededSession);
	const { options } = await withSession(driver, sts);
	const expiration = sts.issued.at(-1)?.expiration ?? 'missing';
	const expected = reference(expiration);
	for (const [format, lines] of Object.entries(expected)) {
		await test.step(format, async () => {
			const text = `${lines.join('\n')}\n`;
			await options.choose('Format', format);
			// The text follows the choice a moment later: waited for, then compared whole.
			await expect.poll(() => options.value('Exported credentials')).toBe(text);
			await options.click('button', 'Copy');
			await expectRole(options, 'status', 'Copied');
			await expect.poll(() => driver.clipboard()).toBe(text);
		});
	}
});
