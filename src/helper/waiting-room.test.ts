import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asksPerMinute, asksPerProfilePerMinute, denyQuietMs, maxWaitingProfiles, waitingRoom } from './waiting-room';

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

function room() {
	const asks: string[] = [];
	return { asks, room: waitingRoom((profile) => asks.push(profile)) };
}

describe('the waiting room', () => {
	it('keeps nothing for a profile once its callers have timed out', async () => {
		const { room: waiting, asks } = room();
		const callers = [waiting.wait('work', 'aws s3 ls', 1), waiting.wait('work', 'aws s3 ls', 2)];
		expect(asks).toEqual(['work']);
		expect(waiting.sizes().waiting).toBe(1);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(waiting.sizes().waiting).toBe(1);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(await Promise.all(callers)).toMatchObject([{ ok: false }, { ok: false }]);
		expect(waiting.sizes().waiting).toBe(0);
	});

	it('keeps nothing once its callers are answered, and forgets a deny after the quiet time', async () => {
		const { room: waiting } = room();
		const served = waiting.wait('work', 'x', 60);
		waiting.settle('work', { ok: true });
		expect(await served).toEqual({ ok: true });
		const denied = waiting.wait('other', 'x', 60);
		waiting.deny('other', 'denied');
		expect(await denied).toEqual({ ok: false, error: 'denied' });
		expect(await waiting.wait('other', 'x', 60)).toEqual({ ok: false, error: 'denied' });
		expect(waiting.sizes()).toMatchObject({ waiting: 0, denied: 1 });
		vi.advanceTimersByTime(denyQuietMs);
		expect(waiting.sizes()).toMatchObject({ waiting: 0, denied: 0 });
	});

	it('refuses a caller for one profile more than may wait at once, and takes one again when a profile is answered', async () => {
		const { room: waiting, asks } = room();
		for (let index = 0; index < maxWaitingProfiles; index++) void waiting.wait(`profile-${index}`, 'x', 60);
		expect(await waiting.wait('one-more', 'x', 60)).toEqual({
			ok: false,
			error: `Commands wait for ${maxWaitingProfiles} profiles already. Run this one again when MFA Session has answered them.`,
		});
		expect(asks).toHaveLength(maxWaitingProfiles);
		// A caller for a profile already waiting joins it: no new ask, no refusal.
		const joined = waiting.wait('profile-0', 'x', 60);
		waiting.settle('profile-0', { ok: true });
		expect(await joined).toEqual({ ok: true });
		const again = waiting.wait('one-more', 'x', 60);
		expect(asks.at(-1)).toBe('one-more');
		waiting.settleAll({ ok: false, error: 'gone' });
		expect(await again).toEqual({ ok: false, error: 'gone' });
		expect(waiting.sizes().waiting).toBe(0);
	});

	it('asks about one profile at most so often a minute, and again after the minute', async () => {
		const { room: waiting, asks } = room();
		for (let index = 0; index < asksPerProfilePerMinute; index++) {
			const caller = waiting.wait('work', 'x', 1);
			await vi.advanceTimersByTimeAsync(1_000);
			await caller;
		}
		expect(asks).toHaveLength(asksPerProfilePerMinute);
		expect(await waiting.wait('work', 'x', 1)).toEqual({
			ok: false,
			error:
				'MFA Session was asked for work too often in the last minute. Type the code in MFA Session’s popup, or run the command again in a minute.',
		});
		// Another profile is still asked about.
		void waiting.wait('other', 'x', 1);
		expect(asks.at(-1)).toBe('other');
		await vi.advanceTimersByTimeAsync(60_000);
		void waiting.wait('work', 'x', 1);
		expect(asks.at(-1)).toBe('work');
		await vi.advanceTimersByTimeAsync(1_000);
	});

	it('asks at most so often a minute over all profiles, and keeps no more than that of its history', async () => {
		const { room: waiting, asks } = room();
		for (let index = 0; index < asksPerMinute + 10; index++) {
			const caller = waiting.wait(`name-${index}`, 'x', 60);
			waiting.deny(`name-${index}`, 'not served');
			await caller;
		}
		expect(asks).toHaveLength(asksPerMinute);
		expect(waiting.sizes()).toMatchObject({ waiting: 0, asked: asksPerMinute });
		await vi.advanceTimersByTimeAsync(60_000);
		expect(waiting.sizes()).toEqual({ waiting: 0, denied: 0, asked: 0 });
	});
});
