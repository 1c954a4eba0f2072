// The worker's copy of what it stored (storage.ts), against a stand-in for the browser's storage
// that counts its reads and reports changes as the browser does.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
const fake = vi.hoisted(() => {
	const listeners: Listener[] = [];
	const area = (name: string) => {
		const data = new Map<string, unknown>();
		return {
			data,
			reads: 0,
			failWrites: false,
			/** While set, a write waits for it: the browser has the write but has not answered yet. */
			hold: undefined as Promise<void> | undefined,
			async get(key: string) {
				this.reads += 1;
				return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
			},
			async set(values: Record<string, unknown>) {
				if (this.hold) await this.hold;
				if (this.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
				for (const [key, value] of Object.entries(values)) data.set(key, structuredClone(value));
				queueMicrotask(() => report(values, name));
			},
			async remove(keys: string[]) {
				for (const key of keys) data.delete(key);
				queueMicrotask(() => report(Object.fromEntries(keys.map((key) => [key, undefined])), name));
			},
		};
	};
	// Chrome reports objects with their keys sorted, not in the order they were written.
	const sorted = (value: unknown): unknown =>
		typeof value === 'object' && value !== null && !Array.isArray(value)
			? Object.fromEntries(
					Object.entries(value)
						.sort(([a], [b]) => a.localeCompare(b))
						.map(([key, inner]) => [key, sorted(inner)]),
				)
			: value;
	const report = (values: Record<string, unknown>, name: string) => {
		const changes = Object.fromEntries(
			Object.entries(values).map(([key, value]) => [key, value === undefined ? {} : { newValue: sorted(structuredClone(value)) }]),
		);
		for (const listener of listeners) listener(changes, name);
	};
	return { local: area('local'), session: area('session'), listeners, report };
});

vi.mock('./browser', () => ({
	default: {
		storage: {
			local: fake.local,
			session: fake.session,
			onChanged: { addListener: (listener: Listener) => fake.listeners.push(listener), removeListener: () => undefined },
		},
	},
}));

const storage = await import('./storage');
const settle = () => new Promise((done) => setTimeout(done, 0));

describe('the worker’s copy of what it stored', () => {
	beforeEach(async () => {
		fake.local.failWrites = false;
		fake.session.failWrites = false;
		fake.local.hold = undefined;
		fake.session.hold = undefined;
		await storage.set({ profiles: [], cliModes: {}, activeProfileId: undefined });
		await settle();
		fake.local.reads = 0;
		fake.session.reads = 0;
	});

	it('asks the browser once for many reads, and gives each reader a copy of its own', async () => {
		fake.local.data.set('preferences', { autoLockMinutes: 5 });
		fake.report({ preferences: { autoLockMinutes: 5 } }, 'local');
		const [first, second] = await Promise.all([storage.get('preferences'), storage.get('preferences')]);
		(first as { autoLockMinutes: number }).autoLockMinutes = 99;
		expect(second.autoLockMinutes).toBe(5);
		expect((await storage.get('preferences')).autoLockMinutes).toBe(5);
		expect(fake.local.reads).toBe(1);
	});

	it('sees its own write without a read, and keeps it when the browser reports that write', async () => {
		await storage.set({ cliModes: { p2: 'file', p1: 'process' } });
		await settle();
		expect(await storage.get('cliModes')).toEqual({ p2: 'file', p1: 'process' });
		await storage.set({ activeProfileId: undefined });
		await settle();
		expect(await storage.get('activeProfileId')).toBeUndefined();
		expect(fake.local.reads).toBe(0);
	});

	it('reads again after a change made elsewhere, and sees it', async () => {
		await storage.set({ cliModes: { p1: 'file' } });
		await settle();
		fake.local.data.set('cliModes', { p1: 'process' });
		fake.report({ cliModes: { p1: 'process' } }, 'local');
		expect(await storage.get('cliModes')).toEqual({ p1: 'process' });
		expect(fake.local.reads).toBe(1);
	});

	it('after a failed write, asks the browser what it holds', async () => {
		await storage.set({ cliModes: { p1: 'file' } });
		fake.local.failWrites = true;
		await expect(storage.set({ cliModes: { p1: 'off' } })).rejects.toThrow('quota');
		expect(await storage.get('cliModes')).toEqual({ p1: 'file' });
		expect(fake.local.reads).toBe(1);
	});

	it('never keeps the vault’s key: each read asks the browser', async () => {
		await storage.set({ vaultKey: 'a2V5' });
		await storage.get('vaultKey');
		await storage.get('vaultKey');
		expect(fake.session.reads).toBe(2);
		await storage.set({ vaultKey: undefined });
		expect(await storage.get('vaultKey')).toBeUndefined();
	});

	/** Holds the browser's session writes until the returned function lets them answer (or fail). */
	const holdSessionWrites = () => {
		let answer: () => void = () => undefined;
		fake.session.hold = new Promise((resolve) => {
			answer = resolve;
		});
		return () => {
			fake.session.hold = undefined;
			answer();
		};
	};
	const session = {
		accessKeyId: 'ASIAEXAMPLE',
		secretAccessKey: 's',
		sessionToken: 't',
		expiration: '2030-01-01T00:00:00Z',
		obtainedAt: 'x',
	};

	it('a session change `until: asked` settles once the browser has the write, before it answers; reads see it', async () => {
		const answer = holdSessionWrites();
		await storage.changeSessions(() => ({ sessions: { p1: session } }), 'asked');
		// Settled with the browser's answer still to come: the worker's reads already see the new session.
		expect(fake.session.data.get('sessions')).not.toEqual({ p1: session });
		expect(await storage.get('sessions')).toEqual({ p1: session });
		// The next change waits for that write to be answered: it has not even been asked what to write.
		const decided = vi.fn();
		const next = vi.fn();
		void storage
			.changeSessions((sessions) => {
				decided();
				return { sessions: { ...sessions, p2: session } };
			})
			.then(next);
		await settle();
		expect(decided).not.toHaveBeenCalled();
		answer();
		await vi.waitFor(() => expect(next).toHaveBeenCalled());
		expect(fake.session.data.get('sessions')).toEqual({ p1: session, p2: session });
	});

	it('a change `until: asked` that refuses rejects, and one the browser then fails leaves what the browser kept', async () => {
		await expect(
			storage.changeSessions(() => {
				throw new Error('refused by the policy');
			}, 'asked'),
		).rejects.toThrow('refused by the policy');
		await storage.set({ sessions: { p1: session } });
		const fail = holdSessionWrites();
		fake.session.failWrites = true;
		await storage.changeSessions(() => ({ sessions: {} }), 'asked');
		fail();
		await settle();
		expect(await storage.get('sessions')).toEqual({ p1: session });
	});

	it('a change `until: asked` that writes both areas settles only once the session area has been asked too', async () => {
		let answerLocal: () => void = () => undefined;
		fake.local.hold = new Promise((resolve) => {
			answerLocal = resolve;
		});
		const settled = vi.fn();
		void storage.changeSessions(() => ({ activeProfileId: 'p1', sessions: { p1: session } }), 'asked').then(settled);
		await settle();
		// The local write waits for the browser, so the session area has not been asked yet.
		expect(settled).not.toHaveBeenCalled();
		fake.local.hold = undefined;
		answerLocal();
		await vi.waitFor(() => expect(settled).toHaveBeenCalled());
		expect(await storage.get('sessions')).toEqual({ p1: session });
		expect(await storage.get('activeProfileId')).toBe('p1');
	});
});
