import { describe, expect, it } from 'vitest';
import { checkHelperAnswer, checkHelperInfo, checkHelperRequest, isProfileName } from './helper-protocol';

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

describe('checkHelperAnswer', () => {
	it('reads an ask that names a profile, with its caller cleaned and cut', () => {
		expect(checkHelperAnswer({ type: 'ask', profile: 'work', caller: 'aws s3 ls\u202e\nrm' })).toEqual({
			ask: { type: 'ask', profile: 'work', caller: 'aws s3 ls rm' },
		});
		expect(checkHelperAnswer({ type: 'ask', profile: 'work', caller: 'x'.repeat(5000) })).toMatchObject({ ask: { profile: 'work' } });
	});

	it('reads an answer with a numeric id and ok', () => {
		const answer = { id: 4, ok: false, error: { code: 'io', message: 'disk full' } };
		expect(checkHelperAnswer(answer)).toEqual({ answer });
		expect(checkHelperAnswer({ id: 5, ok: true, info: { version: '1.0.0' } })).toMatchObject({ answer: { id: 5, ok: true } });
	});

	it('is nothing for anything else: a bad profile, no caller, no id, an ok that is not true or false', () => {
		for (const message of [
			null,
			'ask',
			[1],
			{ type: 'ask', profile: 'DEF AULT', caller: 'aws' },
			{ type: 'ask', profile: 'work' },
			{ ok: true },
			{ id: '4', ok: true },
			{ id: 4, ok: 'yes' },
		])
			expect(checkHelperAnswer(message)).toBeUndefined();
	});

	it('settles a refusal whose reason cannot be read, and cleans and cuts one that can', () => {
		for (const error of [undefined, 'disk full', { code: 'panic', message: 'x' }, { code: 'io' }])
			expect(checkHelperAnswer({ id: 6, ok: false, error })).toEqual({
				answer: { id: 6, ok: false, error: { code: 'io', message: 'the helper gave an answer that could not be read' } },
			});
		const shown = checkHelperAnswer({ id: 7, ok: false, error: { code: 'refused', message: `kept\u202e${'x'.repeat(900)}` } });
		expect(shown).toMatchObject({ answer: { error: { code: 'refused', message: expect.stringMatching(/^keptx+…$/) } } });
		expect(shown && 'answer' in shown && !shown.answer.ok && [...shown.answer.error.message].length).toBe(500);
	});
});

describe('checkHelperInfo', () => {
	const info = {
		version: '1.4.0',
		protocol: 1,
		credentialsFile: '/home/alice/.aws/credentials',
		socket: '/run/user/1000/mfa-session/helper.sock',
		serving: false,
		channelProblem: 'the folder\nis open to others',
		command: "'/home/alice/.local/bin/mfa-session-helper' credentials",
	};

	it('reads what hello says, the reasons shown cleaned and the paths exactly as given', () => {
		expect(checkHelperInfo(info)).toEqual({ ...info, channelProblem: 'the folder is open to others' });
		expect(checkHelperInfo({ ...info, version: `1.4.0${'-rc'.repeat(30)}` })?.version).toHaveLength(40);
	});

	it('is undefined for a hello with a field missing or of another type', () => {
		for (const name of ['version', 'protocol', 'credentialsFile', 'socket', 'serving', 'command']) {
			const { [name as keyof typeof info]: _, ...without } = info;
			expect(checkHelperInfo(without), name).toBeUndefined();
		}
		for (const changed of [
			{ protocol: '1' },
			{ protocol: 1.5 },
			{ serving: 'yes' },
			{ socket: '' },
			{ command: 'x'.repeat(5000) },
			{ runtimeDirRefused: 3 },
		])
			expect(checkHelperInfo({ ...info, ...changed }), JSON.stringify(changed).slice(0, 40)).toBeUndefined();
		expect(checkHelperInfo(null)).toBeUndefined();
	});
});
