import { describe, expect, it } from 'vitest';
import { planSections, planServing } from './helper-plan';
import type { CliMode } from './helper-protocol';

const now = Date.parse('2030-01-01T12:00:00Z');
const session = (key: string, minutesLeft = 60) => ({
	accessKeyId: key,
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: `token-of-${key}`,
	expiration: new Date(now + minutesLeft * 60_000).toISOString(),
});
const work = { id: 'p1', name: 'work' };
const file: Record<string, CliMode> = { p1: 'file' };
const writtenWork = { p1: { name: 'work', accessKeyId: 'ASIAEXAMPLEAAAAAAAAA' } };

describe('planSections', () => {
	it('keeps a section while the session it carries is live, and plans again at its expiry', () => {
		const plan = planSections({
			profiles: [work],
			modes: file,
			sessions: { p1: session('ASIAEXAMPLEAAAAAAAAA') },
			written: writtenWork,
			now,
		});
		expect(plan).toEqual({ remove: [], write: [], refused: [], nextExpiry: now + 60 * 60_000 });
	});

	it('removes a section whose session ended (policy, edit, import, forgotten passphrase, a restart)', () => {
		const plan = planSections({ profiles: [work], modes: file, sessions: {}, written: writtenWork, now });
		expect(plan).toEqual({ remove: [{ profileId: 'p1', name: 'work' }], write: [], refused: [] });
	});

	it('removes a section whose session expired, at the very moment of its expiry', () => {
		const expiring = { p1: session('ASIAEXAMPLEAAAAAAAAA', 1) };
		expect(planSections({ profiles: [work], modes: file, sessions: expiring, written: writtenWork, now: now + 60_000 - 1 }).remove).toEqual(
			[],
		);
		expect(planSections({ profiles: [work], modes: file, sessions: expiring, written: writtenWork, now: now + 60_000 }).remove).toEqual([
			{ profileId: 'p1', name: 'work' },
		]);
	});

	it('replaces a section whose session was replaced in one write, without removing it first', () => {
		const next = session('ASIAEXAMPLEBBBBBBBBB', 30);
		const plan = planSections({ profiles: [work], modes: file, sessions: { p1: next }, written: writtenWork, now });
		expect(plan).toEqual({
			remove: [],
			write: [{ profileId: 'p1', name: 'work', credentials: next }],
			refused: [],
			nextExpiry: now + 30 * 60_000,
		});
	});

	it('removes a section whose profile was deleted, renamed or set to another mode, and writes the new name', () => {
		const live = { p1: session('ASIAEXAMPLEAAAAAAAAA') };
		expect(planSections({ profiles: [], modes: file, sessions: live, written: writtenWork, now }).remove).toEqual([
			{ profileId: 'p1', name: 'work' },
		]);
		expect(planSections({ profiles: [work], modes: { p1: 'process' }, sessions: live, written: writtenWork, now })).toEqual({
			remove: [{ profileId: 'p1', name: 'work' }],
			write: [],
			refused: [],
		});
		const renamed = planSections({ profiles: [{ id: 'p1', name: 'prod' }], modes: file, sessions: live, written: writtenWork, now });
		expect(renamed.remove).toEqual([{ profileId: 'p1', name: 'work' }]);
		expect(renamed.write).toEqual([{ profileId: 'p1', name: 'prod', credentials: live.p1 }]);
	});

	it('writes only live sessions of profiles in file mode, and plans again at the first expiry of those', () => {
		const profiles = [work, { id: 'p2', name: 'prod' }, { id: 'p3', name: 'dev' }, { id: 'p4', name: 'old' }];
		const sessions = {
			p1: session('ASIAEXAMPLEAAAAAAAAA', 50),
			p2: session('ASIAEXAMPLEBBBBBBBBB', 20),
			p3: session('ASIAEXAMPLECCCCCCCCC', 10),
			p4: session('ASIAEXAMPLEDDDDDDDDD', -1),
		};
		const modes: Record<string, CliMode> = { p1: 'file', p2: 'file', p3: 'process', p4: 'file' };
		const plan = planSections({ profiles, modes, sessions, written: {}, now });
		expect(plan.write.map((entry) => entry.name)).toEqual(['work', 'prod']);
		expect(plan.remove).toEqual([]);
		expect(plan.nextExpiry).toBe(now + 20 * 60_000);
	});

	it('removes the section a deleted profile left under a name another profile now writes, before writing it', () => {
		const live = { p2: session('ASIAEXAMPLEBBBBBBBBB') };
		const plan = planSections({ profiles: [{ id: 'p2', name: 'work' }], modes: { p2: 'file' }, sessions: live, written: writtenWork, now });
		expect(plan.remove).toEqual([{ profileId: 'p1', name: 'work' }]);
		expect(plan.write).toEqual([{ profileId: 'p2', name: 'work', credentials: live.p2 }]);
	});

	it('writes nothing under a name saved before such names were refused, removes what an earlier version wrote, and says why', () => {
		const legacy = { id: 'p1', name: 'DEFAULT' };
		const plan = planSections({
			profiles: [legacy],
			modes: file,
			sessions: { p1: session('ASIAEXAMPLEAAAAAAAAA') },
			written: { p1: { name: 'DEFAULT', accessKeyId: 'ASIAEXAMPLEAAAAAAAAA' } },
			now,
		});
		expect(plan).toEqual({
			remove: [{ profileId: 'p1', name: 'DEFAULT' }],
			write: [],
			refused: [{ profileId: 'p1', reason: expect.stringMatching(/^DEFAULT in capitals is not a profile/) }],
		});
	});

	it('treats a session whose expiration cannot be read as ended', () => {
		const unreadable = { p1: { ...session('ASIAEXAMPLEAAAAAAAAA'), expiration: 'soon' } };
		expect(planSections({ profiles: [work], modes: file, sessions: unreadable, written: writtenWork, now }).remove).toHaveLength(1);
	});
});

describe('planServing', () => {
	const process: Record<string, CliMode> = { p1: 'process' };
	const live = session('ASIAEXAMPLEAAAAAAAAA');
	const servedWork = new Map([['p1', { name: 'work', accessKeyId: live.accessKeyId }]]);

	it('serves a live session the helper does not have yet, and not again once it has', () => {
		expect(planServing({ profiles: [work], modes: process, sessions: { p1: live }, served: new Map(), now })).toEqual({
			serve: [{ profileId: 'p1', name: 'work', credentials: live }],
			forget: [],
		});
		expect(planServing({ profiles: [work], modes: process, sessions: { p1: live }, served: servedWork, now })).toEqual({
			serve: [],
			forget: [],
		});
	});

	it('serves a new session of the profile in place of the one served (forgotten first by the caller)', () => {
		const next = session('ASIAEXAMPLEBBBBBBBBB');
		expect(planServing({ profiles: [work], modes: process, sessions: { p1: next }, served: servedWork, now })).toEqual({
			serve: [{ profileId: 'p1', name: 'work', credentials: next }],
			forget: [],
		});
	});

	it('serves nothing in the last minute of a session, so a tool asking then reaches the person', () => {
		const ending = session('ASIAEXAMPLEAAAAAAAAA', 0.9);
		expect(planServing({ profiles: [work], modes: process, sessions: { p1: ending }, served: new Map(), now })).toEqual({
			serve: [],
			forget: [],
		});
		expect(
			planServing({ profiles: [work], modes: process, sessions: { p1: session('ASIAEXAMPLEAAAAAAAAA', 1.1) }, served: new Map(), now })
				.serve,
		).toHaveLength(1);
	});

	it('forgets what is served once the profile is gone, renamed or in another mode, or its session ended', () => {
		const cases: Omit<Parameters<typeof planServing>[0], 'served' | 'now'>[] = [
			{ profiles: [], modes: process, sessions: { p1: live } },
			{ profiles: [{ id: 'p1', name: 'renamed' }], modes: process, sessions: { p1: live } },
			{ profiles: [work], modes: { p1: 'file' as const }, sessions: { p1: live } },
			{ profiles: [work], modes: { p1: 'off' as const }, sessions: { p1: live } },
			{ profiles: [work], modes: process, sessions: {} },
		];
		for (const input of cases)
			expect(planServing({ ...input, served: servedWork, now }), JSON.stringify(input.profiles)).toEqual({ serve: [], forget: ['p1'] });
	});

	it('after a rename forgets the old name at once; the next pass, with nothing served, serves the new one', () => {
		const renamed = { id: 'p1', name: 'team' };
		expect(planServing({ profiles: [renamed], modes: process, sessions: { p1: live }, served: servedWork, now })).toEqual({
			serve: [],
			forget: ['p1'],
		});
		expect(planServing({ profiles: [renamed], modes: process, sessions: { p1: live }, served: new Map(), now })).toEqual({
			serve: [{ profileId: 'p1', name: 'team', credentials: live }],
			forget: [],
		});
	});
});
