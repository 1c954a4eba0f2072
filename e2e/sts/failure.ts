// The error a request that must fail failed with, for the local STS's tests.

/** The name and message of the error a promise rejects with; throws if it fulfils. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
	const error = await promise.then(
		() => undefined,
		(caught: Error) => caught,
	);
	if (!error) throw new Error('expected the request to fail');
	return { name: error.name, message: error.message };
}
