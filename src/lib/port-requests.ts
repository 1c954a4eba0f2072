// Requests over a port, answered by id: each request takes the next id and waits for the answer
// that carries it; when the port goes, every request still waiting is answered at once.

export interface PortRequests<A> {
	/** A new id, and the answer that will come for it. */
	open(): { id: number; answer: Promise<A> };
	/** Hands `answer` to the request waiting with this id; false when none is. */
	settle(id: unknown, answer: A): boolean;
	/** Answers every request still waiting with `answer`. */
	settleAll(answer: A): void;
}

/** The ids and waiting answers of one kind of port request; ids start at 1. */
export function portRequests<A>(): PortRequests<A> {
	let lastId = 0;
	const waiting = new Map<unknown, (answer: A) => void>();
	return {
		open() {
			const id = ++lastId;
			return { id, answer: new Promise<A>((resolve) => waiting.set(id, resolve)) };
		},
		settle(id, answer) {
			const resolve = waiting.get(id);
			waiting.delete(id);
			resolve?.(answer);
			return resolve !== undefined;
		},
		settleAll(answer) {
			for (const resolve of waiting.values()) resolve(answer);
			waiting.clear();
		},
	};
}
