// Roles in both browsers: one code gives the MFA profile its session and every role of it its own,
// assumed with that session; a role then needs no code, and acts as its assumed role.
import { adminRole, deployRole } from '../sts/fixtures';
import { alice, expect, expectRole, expectText, passphrase, saveProfile, scenario as test } from './scenario';

// The fixture's tuple form: a bare array of objects would read as a value and its options.
test.use({ roles: [[adminRole, deployRole], { scope: 'test' }] });

test('one code, two roles: one GetSessionToken, then one AssumeRole per role, signed with the MFA session', async ({ driver, sts }) => {
	const options = await driver.open('options');
	await saveProfile(options, sts, {}, passphrase);
	await expectRole(options, 'status', 'saved');
	for (const [name, arn] of [
		['prod-admin', adminRole.arn],
		['deploy', deployRole.arn],
	] as const) {
		await options.choose('Profile to edit', 'New profile…');
		await options.click('radio', 'Role');
		await options.fill('Profile name', name);
		await options.fill('Role ARN', arn);
		await options.choose('Source profile', 'work');
		await options.fill('STS endpoint', sts.url);
		await options.click('button', 'Save profile');
		await expectRole(options, 'status', `“${name}” saved`);
	}
	const popup = await driver.open('popup');
	await popup.choose('Profile', 'work');
	await popup.fill('MFA code', sts.freshCode(alice));
	await expectRole(popup, 'status', 'New session');
	const answered = (action: string) => sts.requests.filter((request) => request.action === action && request.outcome === 'ok');
	await expect
		.poll(() => sts.requests.filter((request) => request.action === 'AssumeRole').map((request) => request.outcome))
		.toEqual(['ok', 'ok']);
	expect(answered('GetSessionToken')).toHaveLength(1);
	const mfaSession = sts.issued.find((session) => !session.assumed);
	expect(answered('AssumeRole').every((request) => request.accessKeyId === mfaSession?.accessKeyId)).toBe(true);
	// The role has its session already: no code field, and it acts as the assumed role.
	await popup.choose('Profile', 'prod-admin');
	await expectText(popup, /arn:aws:sts::210987654321:assumed-role\/Admin\/alice/);
	expect(await popup.count('textbox', 'MFA code')).toBe(0);
});
