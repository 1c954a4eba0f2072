import { describe, expect, it } from 'vitest';
import { portRequests } from './port-requests';

describe('portRequests', () => {
	it('gives each request its own id and hands it only the answer with that id', async () => {
		const requests = portRequests<string>();
		const first = requests.open();
		const second = requests.open();
		expect([first.id, second.id]).toEqual([1, 2]);
		expect(requests.settle(2, 'two')).toBe(true);
		expect(requests.settle(1, 'one')).toBe(true);
		expect(await Promise.all([first.answer, second.answer])).toEqual(['one', 'two']);
	});

	it('ignores an answer for no waiting request: unknown, already answered, or not a number', () => {
		const requests = portRequests<string>();
		requests.open();
		expect(requests.settle(7, 'stray')).toBe(false);
		expect(requests.settle('1', 'not the id')).toBe(false);
		expect(requests.settle(1, 'first')).toBe(true);
		expect(requests.settle(1, 'again')).toBe(false);
	});

	it('answers everything still waiting when the port goes, and nothing twice', async () => {
		const requests = portRequests<string>();
		const [a, b] = [requests.open(), requests.open()];
		requests.settleAll('gone');
		expect(await Promise.all([a.answer, b.answer])).toEqual(['gone', 'gone']);
		expect(requests.settle(a.id, 'late')).toBe(false);
		expect(requests.open().id).toBe(3);
	});
});
