// The profile names src/lib/section-names.ts refuses are exactly the ones the real readers of the
// credentials file take for something else, and the names it allows are ordinary profiles to them:
// botocore (through boto3) and the AWS SDK for JavaScript read the same files here.
import { afterAll, describe, expect, it } from 'vitest';
import { readBoto3Profiles, readJsFromIni } from '../../e2e/consumers/read';
import { reservedNameReason } from '../../src/lib/section-names';

const keys = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token'];

/** A region-only profile, then a session under `name`. */
const file = (name: string) =>
	`[other]\nregion = eu-west-1\n\n[${name}]\naws_access_key_id = ASIAEXAMPLESESSION01\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_session_token = TOKEN\n`;

/** The names Object.prototype has, which the JavaScript SDK's plain objects inherit. */
const objectMembers = Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[\w.+@-]{1,64}$/.test(name));

afterAll(() => {
	// Reading a [constructor] section sets its keys on `Object` itself (and so on for each member): undone here.
	for (const name of objectMembers) {
		const holder = ({} as Record<string, unknown>)[name];
		if (holder && typeof holder === 'function') for (const key of keys) delete (holder as unknown as Record<string, unknown>)[key];
	}
});

describe('profile names the readers of the credentials file treat specially', () => {
	it('botocore adds the keys of [DEFAULT], exactly that name, to every other profile', async () => {
		const [poisoned] = await readBoto3Profiles(file('DEFAULT'), ['other']);
		expect(poisoned).toMatchObject({ accessKeyId: 'ASIAEXAMPLESESSION01', sessionToken: 'TOKEN' });
		expect(reservedNameReason('DEFAULT')).toBeDefined();
		for (const name of ['default', 'Default']) {
			// An ordinary profile: readable by its name, and the region-only one stays without keys.
			const [own] = await readBoto3Profiles(file(name), [name]);
			expect(own).toMatchObject({ accessKeyId: 'ASIAEXAMPLESESSION01' });
			await expect(readBoto3Profiles(file(name), ['other'])).rejects.toThrow('no credentials');
			expect(reservedNameReason(name)).toBeUndefined();
		}
	});

	it('the JavaScript SDK ignores the whole file over [__proto__], exactly that name', async () => {
		const work = '[work]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n';
		await expect(readJsFromIni(`${work}\n${file('__proto__')}`, 'work')).rejects.toThrow(/Could not resolve credentials/);
		expect(reservedNameReason('__proto__')).toBeDefined();
		expect(await readJsFromIni(`${work}\n${file('__PROTO__')}`, 'work')).toMatchObject({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
		expect(reservedNameReason('__PROTO__')).toBeUndefined();
	});

	it("the JavaScript SDK reads no profile from a section named after one of Object.prototype's members, and refuses every one of them", async () => {
		expect(objectMembers).toContain('constructor');
		for (const name of objectMembers) {
			if (name === '__proto__') continue;
			await expect(readJsFromIni(file(name), name), name).rejects.toThrow(/Could not resolve credentials/);
			expect(reservedNameReason(name), name).toBeDefined();
		}
		// Where the keys went instead: onto `Object`, for every program that reads the file.
		expect((Object as unknown as Record<string, unknown>).aws_access_key_id).toBe('ASIAEXAMPLESESSION01');
		const capital = await readJsFromIni(file('Constructor'), 'Constructor');
		expect(capital).toMatchObject({ accessKeyId: 'ASIAEXAMPLESESSION01' });
		expect(reservedNameReason('Constructor')).toBeUndefined();
	});
});
