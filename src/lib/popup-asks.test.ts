import { describe, expect, it } from 'vitest';
import type { ConsoleProfile, MfaProfile, RoleProfile, StoredSession } from './model';
import { popupAsks } from './popup-asks';

const now = Date.parse('2030-01-01T12:00:00Z');
const base = { durationSeconds: 3600, region: 'eu-west-1' };
const work: MfaProfile = {
	...base,
	id: 'm1',
	name: 'work',
	accessKeyId: 'AKIAEXAMPLEEXAMPLE01',
	mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
};
const signin: ConsoleProfile = { ...base, id: 'c1', name: 'console', kind: 'console', signedInAs: 'arn:aws:iam::123456789012:user/alice' };
const role = (sourceProfileId: string, direct?: boolean): RoleProfile => ({
	...base,
	id: `r-${sourceProfileId}`,
	name: 'admin',
	kind: 'role',
	roleArn: 'arn:aws:iam::210987654321:role/Admin',
	sourceProfileId,
	roleSessionName: 'alice',
	...(direct ? { direct } : {}),
});
const live: StoredSession = {
	accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'token',
	expiration: new Date(now + 3_600_000).toISOString(),
	obtainedAt: new Date(now).toISOString(),
};
const state = (over: Partial<Parameters<typeof popupAsks>[1]> = {}) => ({
	profiles: [work, signin],
	sessions: {},
	locked: false,
	signinProblems: {},
	...over,
});

describe('popupAsks', () => {
	it('asks an MFA profile for a code, and for the passphrase too while the vault is locked', () => {
		expect(popupAsks(work, state(), now)).toMatchObject({ noCode: false, needsVault: false, signin: false, signinProblem: undefined });
		expect(popupAsks(work, state({ locked: true }), now)).toMatchObject({ noCode: false, needsVault: true });
	});

	it('asks a role of a live MFA session for nothing, even locked; once the source has ended, for the source’s code and the vault', () => {
		const admin = role('m1');
		const profiles = [work, admin];
		expect(popupAsks(admin, state({ profiles, locked: true, sessions: { m1: live } }), now)).toMatchObject({
			source: work,
			noCode: true,
			needsVault: false,
		});
		expect(popupAsks(admin, state({ profiles, locked: true }), now)).toMatchObject({ noCode: false, needsVault: true });
		const ended = { ...live, expiration: new Date(now - 1).toISOString() };
		expect(popupAsks(admin, state({ profiles, sessions: { m1: ended } }), now).noCode).toBe(false);
	});

	it('asks a direct role for its own code, and the vault when locked', () => {
		const direct = role('m1', true);
		expect(popupAsks(direct, state({ profiles: [work, direct], sessions: { m1: live }, locked: true }), now)).toMatchObject({
			noCode: false,
			needsVault: true,
		});
	});

	it('asks a console sign-in for no code, and for the vault when locked, since its token is sealed', () => {
		expect(popupAsks(signin, state(), now)).toMatchObject({ signin: true, noCode: true, renewsSignin: true, needsVault: false });
		expect(popupAsks(signin, state({ locked: true }), now)).toMatchObject({ needsVault: true });
	});

	it('asks a role on a console sign-in for the vault only when the sign-in must be renewed first', () => {
		const admin = role('c1');
		const profiles = [signin, admin];
		expect(popupAsks(admin, state({ profiles, locked: true, sessions: { c1: live } }), now)).toMatchObject({
			noCode: true,
			renewsSignin: false,
			needsVault: false,
		});
		expect(popupAsks(admin, state({ profiles, locked: true }), now)).toMatchObject({ noCode: true, renewsSignin: true, needsVault: true });
	});

	it('says only a new sign-in helps when AWS ended it or none was made, for the sign-in and the roles on it', () => {
		const ended = state({ signinProblems: { c1: 'Your password changed since you signed in.' } });
		expect(popupAsks(signin, ended, now).signinProblem).toBe('Your password changed since you signed in.');
		const never = { ...signin, signedInAs: undefined };
		const admin = role('c1');
		expect(popupAsks(admin, state({ profiles: [never, admin] }), now).signinProblem).toMatch(/console/);
		expect(popupAsks(signin, state(), now).signinProblem).toBeUndefined();
		expect(popupAsks(work, ended, now).signinProblem).toBeUndefined();
	});
});
