import { describe, expect, it } from 'vitest';
import { checkHelperRequest, isProfileName } from './helper-protocol';

const credentials = {
	accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN',
	expiration: '2030-01-01T00:00:00Z',
};

describe('profile names in the helper protocol', () => {
	it('are refused when the AWS tools would not read them as a profile, saying why', () => {
		for (const name of ['DEFAULT', '__proto__', 'constructor', 'toString']) expect(isProfileName(name)).toBe(false);
		for (const name of ['default', 'Default', 'work', '__PROTO__']) expect(isProfileName(name)).toBe(true);
		expect(checkHelperRequest({ id: 1, type: 'write', profile: 'DEFAULT', credentials })).toEqual({
			ok: false,
			error: expect.stringMatching(/^profile: DEFAULT in capitals is not a profile to the AWS CLI and boto3/),
		});
		for (const type of ['serve', 'forget', 'deny'])
			expect(checkHelperRequest({ id: 2, type, profile: '__proto__', credentials })).toEqual({
				ok: false,
				error: 'profile: __proto__ makes the AWS SDK for JavaScript refuse your whole credentials file. Choose another name.',
			});
	});

	it('still lets the extension remove a section an earlier version wrote under such a name', () => {
		expect(checkHelperRequest({ id: 3, type: 'remove', profile: 'DEFAULT' })).toEqual({
			ok: true,
			value: { id: 3, type: 'remove', profile: 'DEFAULT' },
		});
		expect(checkHelperRequest({ id: 4, type: 'remove', profile: 'DEF AULT' })).toMatchObject({ ok: false });
	});
});
