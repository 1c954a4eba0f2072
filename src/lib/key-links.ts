// How the options page names a long-term key and where it sends a person to manage it; apart from
// key-age.ts, which the popup and the worker load too.

/** An access key id as people compare it: its last four characters. */
export const lastFour = (accessKeyId: string) => `…${accessKeyId.slice(-4)}`;

/** The IAM console page where a user's keys are listed and deleted. */
export function consoleKeysUrl(userArn: string | undefined): string {
	const name = userArn?.match(/:user\/(?:.*\/)?([\w+=,.@-]+)$/)?.[1];
	const partition = userArn?.split(':')[1];
	const host =
		partition === 'aws-cn'
			? 'console.amazonaws.cn'
			: partition === 'aws-us-gov'
				? 'console.amazonaws-us-gov.com'
				: 'console.aws.amazon.com';
	const page = name ? `users/details/${encodeURIComponent(name)}?section=security_credentials` : 'security_credentials';
	return `https://${host}/iam/home#/${page}`;
}
