// The endpoint in this process, asking the built host over the real socket, as `exec` and `serve` do.
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { privateHome, type RunningHost, startHost } from '../../e2e/support/host-driver';
import { sessionAsker } from './credentials-command';
import { endpointPath, type RunningEndpoint, startEndpoint } from './endpoint-server';

const session = (n: number, ms = 3_600_000) => ({
	accessKeyId: `ASIAEXAMPLE${String(n).padStart(9, '0')}`,
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: `TOKEN${n}`,
	expiration: new Date(Date.now() + ms).toISOString(),
});

/** A GET as the SDKs send it (or with other headers, to be refused). */
function get(endpoint: RunningEndpoint, headers: Record<string, string> = {}, method = 'GET', path = endpointPath) {
	return new Promise<{ status: number; body: Record<string, unknown> }>((done, failed) => {
		const sent = request(
			{ host: '127.0.0.1', port: endpoint.port, path, method, headers: { authorization: endpoint.token, ...headers } },
			(response) => {
				let text = '';
				response.on('data', (chunk) => {
					text += chunk;
				});
				response.on('end', () => done({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
			},
		);
		sent.on('error', failed);
		sent.end();
	});
}

let host: RunningHost;
const endpoints: RunningEndpoint[] = [];
const saved = { ...process.env };

beforeEach(async () => {
	const home = await privateHome();
	// The asker finds the host as `exec` would, through this process's environment.
	Object.assign(process.env, { HOME: home.home, XDG_RUNTIME_DIR: home.env.XDG_RUNTIME_DIR });
	host = startHost(home.env);
	host.send({ id: 1, type: 'hello', protocol: 1 });
	await host.next((message) => message.id === 1, 'hello answer');
});

afterEach(async () => {
	await Promise.all(endpoints.splice(0).map((endpoint) => endpoint.close()));
	await host.stop();
	process.env = { ...saved };
});

async function started(profile = 'work', now?: () => number) {
	const endpoint = await startEndpoint({ askHost: sessionAsker(profile, `serve ${profile}`, 30), now });
	endpoints.push(endpoint);
	return endpoint;
}

const asks = () => host.received.filter((message) => (message as { type?: string }).type === 'ask');

describe('the credentials endpoint', () => {
	it('asks the host once for many callers waiting for a session, and answers them all from it', async () => {
		const endpoint = await started();
		const answers = Promise.all(Array.from({ length: 25 }, () => get(endpoint)));
		await host.next((message) => message.type === 'ask', 'the ask for work');
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(1) });
		const all = await answers;
		expect(all.map((answer) => answer.status)).toEqual(Array(25).fill(200));
		expect(all[0]?.body).toEqual({
			AccessKeyId: 'ASIAEXAMPLE000000001',
			SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
			Token: 'TOKEN1',
			Expiration: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
		});
		expect(asks()).toHaveLength(1);
		// A later request asks the host again, which answers from its memory: the extension is not asked.
		expect((await get(endpoint)).status).toBe(200);
		expect(asks()).toHaveLength(1);
	});

	it('serves what the host serves now: a renewed session at once, a session the extension ended never again', async () => {
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(1) });
		await host.next((message) => message.id === 2, 'serve answer');
		let clock = Date.now();
		const endpoint = await started('work', () => clock);
		expect((await get(endpoint)).body.AccessKeyId).toBe('ASIAEXAMPLE000000001');
		host.send({ id: 3, type: 'serve', profile: 'work', credentials: session(2) });
		await host.next((message) => message.id === 3, 'serve answer');
		// Within a second of the host's answer, that answer serves; then the host is asked again.
		expect((await get(endpoint)).body.AccessKeyId).toBe('ASIAEXAMPLE000000001');
		const asked = endpoint.asks();
		clock += 1_000;
		expect((await get(endpoint)).body.AccessKeyId).toBe('ASIAEXAMPLE000000002');
		expect(endpoint.asks()).toBe(asked + 1);
		clock += 1_000;
		// The profile was deleted or its mode changed: the extension has the host forget it, and refuses the ask.
		host.send({ id: 4, type: 'forget', profile: 'work' });
		await host.next((message) => message.id === 4, 'forget answer');
		const refused = get(endpoint);
		await host.next((message) => message.type === 'ask', 'the ask for work');
		host.send({ id: 5, type: 'deny', profile: 'work', reason: 'not-served' });
		expect(await refused).toEqual({ status: 503, body: { Code: 'NoSession', Message: expect.stringContaining('does not serve work') } });
	});

	it('while the host asks the extension, answers many requests with the held session and asks once', async () => {
		const held = session(1, 45_000);
		let clock = Date.now();
		const endpoint = await startEndpoint({
			askHost: sessionAsker('work', 'serve work', 30),
			now: () => clock,
			first: {
				AccessKeyId: held.accessKeyId,
				SecretAccessKey: held.secretAccessKey,
				Token: held.sessionToken,
				Expiration: held.expiration,
			},
		});
		endpoints.push(endpoint);
		clock += 1_000;
		// The host has no session in its last minute: it asks the extension, which prompts.
		const during = await Promise.all(Array.from({ length: 20 }, () => get(endpoint)));
		expect(during.map((answer) => answer.body.AccessKeyId)).toEqual(Array(20).fill('ASIAEXAMPLE000000001'));
		expect(endpoint.asks()).toBe(1);
		expect(asks()).toHaveLength(1);
		// The code was typed: the new session comes, and is served from then on.
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(2) });
		await host.next((message) => message.id === 2, 'serve answer');
		// The ask in flight is answered with it: the next request gets it.
		await expect.poll(async () => (await get(endpoint)).body.AccessKeyId, { timeout: 5_000 }).toBe('ASIAEXAMPLE000000002');
		expect(asks()).toHaveLength(1);
	});

	it('tells every waiting caller of a Deny, and serves nothing', async () => {
		const endpoint = await started();
		const answers = Promise.all([get(endpoint), get(endpoint)]);
		await host.next((message) => message.type === 'ask', 'the ask');
		host.send({ id: 2, type: 'deny', profile: 'work' });
		for (const answer of await answers) {
			expect(answer.status).toBe(503);
			expect(answer.body).toEqual({ Code: 'NoSession', Message: expect.stringContaining('work') });
		}
	});

	it('answers with a clear error while the browser is away, and serves again when it is back', async () => {
		const endpoint = await started();
		const env = { ...process.env };
		await host.stop();
		const away = await get(endpoint);
		expect(away).toEqual({
			status: 503,
			body: { Code: 'NoSession', Message: expect.stringMatching(/^Open your browser with MFA Session/) },
		});
		// The browser starts the host again, and the extension serves the session once more.
		host = startHost(env);
		host.send({ id: 1, type: 'hello', protocol: 1 });
		await host.next((message) => message.id === 1, 'hello answer');
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(3) });
		await host.next((message) => message.id === 2, 'serve answer');
		expect(await get(endpoint)).toMatchObject({ status: 200, body: { AccessKeyId: 'ASIAEXAMPLE000000003' } });
	});

	it('refuses a wrong token, a token of another endpoint, a foreign Host, an Origin, a POST and another path, and asks nothing', async () => {
		host.send({ id: 2, type: 'serve', profile: 'work', credentials: session(1) });
		await host.next((message) => message.id === 2, 'serve answer');
		const endpoint = await started();
		const other = await started();
		expect(other.token).not.toBe(endpoint.token);
		const refused = [
			[get(endpoint, { authorization: '' }), 403],
			[get(endpoint, { authorization: 'x'.repeat(endpoint.token.length) }), 403],
			[get(endpoint, { authorization: other.token }), 403],
			[get(endpoint, { host: `rebound.example:${endpoint.port}` }), 403],
			[get(endpoint, { origin: 'https://example.com' }), 403],
			[get(endpoint, {}, 'POST'), 405],
			[get(endpoint, {}, 'GET', '/'), 404],
		] as const;
		for (const [answer, status] of refused) {
			const { status: got, body } = await answer;
			expect(got).toBe(status);
			expect(JSON.stringify(body)).not.toMatch(/ASIA|TOKEN1/);
			expect(JSON.stringify(body)).not.toContain(endpoint.token);
		}
		expect(endpoint.asks()).toBe(0);
		expect((await get(endpoint)).status).toBe(200);
	});
});
