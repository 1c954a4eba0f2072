// The IAM users the local STS knows. Keys follow the shape of AWS's documentation examples; the
// TOTP secrets are the devices' seeds, as an authenticator app would hold them.

export interface StsUser {
	accessKeyId: string;
	secretAccessKey: string;
	mfaSerial: string;
	totpSecret: string;
	arn: string;
	userId: string;
	account: string;
	/** An inactive key is refused as AWS refuses a deactivated one. */
	active?: boolean;
}

export const alice: StsUser = {
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
	totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF',
	arn: 'arn:aws:iam::123456789012:user/alice',
	userId: 'AIDAJQABLZS4A3QDU576Q',
	account: '123456789012',
};

/** The account root user: AWS caps its sessions at one hour. */
export const rootUser: StsUser = {
	accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
	secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
	mfaSerial: 'arn:aws:iam::210987654321:mfa/root-account-mfa-device',
	totpSecret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
	arn: 'arn:aws:iam::210987654321:root',
	userId: '210987654321',
	account: '210987654321',
};

/** An IAM user in AWS GovCloud (US): its MFA device's ARN is in the aws-us-gov partition. */
export const govUser: StsUser = {
	accessKeyId: 'AKIAGOVCLOUD0EXAMPLE',
	secretAccessKey: 'Gv3sXk8QeL1/pTz6RmWcYb0NdHaJu4EXAMPLEKEY',
	mfaSerial: 'arn:aws-us-gov:iam::123456789012:mfa/gwen',
	totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
	arn: 'arn:aws-us-gov:iam::123456789012:user/gwen',
	userId: 'AIDAJ7GOVCLOUDUSER01',
	account: '123456789012',
};

/** An IAM user in the AWS China regions: its MFA device's ARN is in the aws-cn partition. */
export const chinaUser: StsUser = {
	accessKeyId: 'AKIACHINAUSEREXAMPLE',
	secretAccessKey: 'Cn7hQw2/ZkPb9LxVt4RmSy1GdFaEu8EXAMPLEKEY',
	mfaSerial: 'arn:aws-cn:iam::123456789012:mfa/chen',
	totpSecret: 'MZXW6YTBOI2DKNRXHA4TAMJSGM2DKNRX',
	arn: 'arn:aws-cn:iam::123456789012:user/chen',
	userId: 'AIDAJ7CHINAREGIONU01',
	account: '123456789012',
};

/** A second access key of alice's, deactivated in IAM: AWS answers InvalidClientTokenId for it. */
export const aliceInactiveKey: StsUser = {
	...alice,
	accessKeyId: 'AKIAINACTIVE0EXAMPLE',
	secretAccessKey: 'Xq4zR7tLm2/VbN8cKpWe5HsJd1GyFuEXAMPLEKEY',
	active: false,
};

/** A role the local STS lets users assume, with what its trust policy asks for. */
export interface StsRole {
	arn: string;
	/** The IAM users (ARNs) its trust policy lets assume it. */
	trusted: readonly string[];
	/** The external ID its trust policy requires, if any. */
	externalId?: string;
	/** The role's MaxSessionDuration, in seconds (1 h to 12 h). */
	maxSessionDuration: number;
	/** Its trust policy requires MFA (aws:MultiFactorAuthPresent). */
	requireMfa?: boolean;
}

/** Roles in a second account, each assumable by alice: plain, with an external ID, and up to 12 h. */
export const adminRole: StsRole = {
	arn: 'arn:aws:iam::210987654321:role/Admin',
	trusted: [alice.arn],
	maxSessionDuration: 43_200,
	requireMfa: true,
};
export const auditRole: StsRole = {
	arn: 'arn:aws:iam::210987654321:role/audit/Auditor',
	trusted: [alice.arn],
	externalId: 'partner-42',
	maxSessionDuration: 3600,
	requireMfa: true,
};
export const deployRole: StsRole = {
	arn: 'arn:aws:iam::345678901234:role/Deploy',
	trusted: [alice.arn],
	maxSessionDuration: 43_200,
	requireMfa: true,
};
/** A role whose trust policy does not name alice: AWS answers AccessDenied. */
export const lockedRole: StsRole = {
	arn: 'arn:aws:iam::210987654321:role/BreakGlass',
	trusted: [rootUser.arn],
	maxSessionDuration: 3600,
};

export const roles: readonly StsRole[] = [adminRole, auditRole, deployRole, lockedRole];

/** The session a seeded STS gives (server.ts `seed`): the same keys and token every time, in every browser. */
export const seededSession = {
	accessKeyId: 'ASIASEEDEDSESSION234',
	secretAccessKey: 'Sd9kQ2/wPz7LmVx4RtNb8HcJf1GyEuSEEDEDKEY0',
	sessionToken: `IQoJb3JpZ2luX2VjE${'U2VlZGVkU2Vzc2lvblRva2VuRm9yVGhlRXhwb3J0U2NlbmFyaW9z'.repeat(6)}`,
};
