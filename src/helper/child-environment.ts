// What `exec` changes in the environment of the command it runs: the profile's session (as an
// endpoint to refresh from, or as static variables), its region, and nothing left that the AWS
// tools would read before it.

/** How the child gets the session: the endpoint's address and token, or the session's variables. */
export type SessionSupply =
	| { kind: 'endpoint'; uri: string; token: string }
	| { kind: 'static'; accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };

/**
 * Variables the AWS SDKs and CLIs read before (or instead of) what `exec` sets: static keys come
 * first in every default chain, a profile points elsewhere, a token file wins over the token, and
 * a web identity is assumed before the container endpoint is asked.
 */
export const shadowingVariables = [
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	'AWS_SECURITY_TOKEN',
	'AWS_CREDENTIAL_EXPIRATION',
	'AWS_PROFILE',
	'AWS_DEFAULT_PROFILE',
	'AWS_CONTAINER_CREDENTIALS_FULL_URI',
	'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN',
	'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
	'AWS_WEB_IDENTITY_TOKEN_FILE',
	'AWS_ROLE_ARN',
	'AWS_ROLE_SESSION_NAME',
] as const;

/** The child's environment, and the variables of the parent's that were taken out (to say once on stderr). */
export function childEnvironment(
	parent: NodeJS.ProcessEnv,
	supply: SessionSupply,
	region: string | undefined,
): { env: NodeJS.ProcessEnv; removed: string[] } {
	const env: NodeJS.ProcessEnv = { ...parent };
	const removed = shadowingVariables.filter((name) => parent[name] !== undefined);
	for (const name of shadowingVariables) delete env[name];
	if (supply.kind === 'endpoint') {
		env.AWS_CONTAINER_CREDENTIALS_FULL_URI = supply.uri;
		env.AWS_CONTAINER_AUTHORIZATION_TOKEN = supply.token;
	} else {
		env.AWS_ACCESS_KEY_ID = supply.accessKeyId;
		env.AWS_SECRET_ACCESS_KEY = supply.secretAccessKey;
		env.AWS_SESSION_TOKEN = supply.sessionToken;
		env.AWS_CREDENTIAL_EXPIRATION = supply.expiration;
	}
	if (region) {
		env.AWS_REGION = region;
		env.AWS_DEFAULT_REGION = region;
	}
	return { env, removed };
}
