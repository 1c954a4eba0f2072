// A saved profile as the unit tests start from: AWS's documentation example key, no secret.
import type { Profile } from './model';

export const work: Profile = {
	id: 'p1',
	name: 'work',
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
	durationSeconds: 3600,
	region: 'eu-west-1',
	identityArn: 'arn:aws:iam::123456789012:user/alice',
};
