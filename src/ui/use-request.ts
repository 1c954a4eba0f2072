// The one way a page asks the service worker and shows the answer: `pending` while it runs, then
// what was done (for role="status") or the refusal, by the input it belongs to (for role="alert").
import { useState } from 'preact/hooks';
import { type Field, UserError } from '../lib/user-error';

/** A refusal as a page shows it: the message, and the input it belongs to. */
export interface Refusal {
	message: string;
	field?: Field;
}

/** What anything thrown says to a person, at its own input or else at `fallback`. */
export function refusalOf(error: unknown, fallback?: Field): Refusal {
	const message = error instanceof Error ? error.message : String(error);
	return { message, field: (error instanceof UserError ? error.field : undefined) ?? fallback };
}

export interface Request {
	pending: boolean;
	/** The last refusal, wherever it belongs. */
	error: Refusal | undefined;
	/** The last refusal's message if it belongs to `field`. */
	errorFor: (field: Field) => string | undefined;
	/** What the last request did, as `run`'s `done` said it. */
	done: string | undefined;
	/** Asks; resolves true once it was done, false once it was refused (the refusal is then shown). */
	run: <T>(ask: () => Promise<T>, done?: (value: T) => string | undefined) => Promise<boolean>;
	/** Shows a refusal the page found itself before asking, or clears what was shown. */
	refuse: (refusal: Refusal | undefined) => void;
}

/** One request's state; `fallback` is the input an error that names none belongs to. */
export function useRequest(fallback?: Field): Request {
	const [pending, setPending] = useState(false);
	const [error, setError] = useState<Refusal>();
	const [done, setDone] = useState<string>();
	const run = async <T>(ask: () => Promise<T>, describe?: (value: T) => string | undefined) => {
		setPending(true);
		setError(undefined);
		setDone(undefined);
		try {
			const value = await ask();
			setDone(describe?.(value));
			return true;
		} catch (failure) {
			setError(refusalOf(failure, fallback));
			return false;
		} finally {
			setPending(false);
		}
	};
	const refuse = (refusal: Refusal | undefined) => {
		setDone(undefined);
		setError(refusal);
	};
	return { pending, error, errorFor: (field) => (error?.field === field ? error.message : undefined), done, run, refuse };
}
