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
