// A saved profile as the unit tests start from: AWS's documentation example key, no secret.
import type { MfaProfile, RoleProfile } from './model';

export const work: MfaProfile = {
	id: 'p1',
	name: 'work',
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
	durationSeconds: 3600,
	region: 'eu-west-1',
	identityArn: 'arn:aws:iam::123456789012:user/alice',
};

/** A role assumed from `work`'s session, for the unit tests of role profiles. */
export const prodAdmin: RoleProfile = {
	id: 'r1',
	kind: 'role',
	name: 'prod-admin',
	roleArn: 'arn:aws:iam::210987654321:role/Admin',
	sourceProfileId: work.id,
	roleSessionName: 'alice',
	durationSeconds: 3600,
	region: 'eu-west-1',
};
