import { describe, expect, it } from 'vitest';
import { newSealableProofKey } from './dpop-proof';
import { sameDeviceClient } from './signin-request';
import { refreshSignin } from './signin-token';

const base = 'https://us-east-1.signin.aws.amazon.com';
const answering =
	(status: number, body: string, seen: RequestInit[] = []): typeof fetch =>
	async (_url, init) => {
		seen.push(init ?? {});
		return new Response(body, { status, headers: { 'content-type': 'application/json' } });
	};
const good = {
	accessToken: {
		accessKeyId: 'ASIAQWERTYUIOPASDFGH',
		secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
		sessionToken: 'IQoJb3JpZ2luX2VjE+/abcdefghijklmnop==',
	},
	tokenType: 'aws_sigv4',
	expiresIn: 900,
	refreshToken: 'rt-next-0123456789abcdef',
};

describe('a token request', () => {
	it('sends the refresh grant as camelCase JSON with a proof, and hands back the rotated secret', async () => {
		const seen: RequestInit[] = [];
		const secret = { clientId: sameDeviceClient, refreshToken: 'rt-old-0123456789abcdef', proofKey: await newSealableProofKey() } as const;
		const outcome = await refreshSignin(base, secret, answering(200, JSON.stringify(good), seen));
		expect(outcome).toMatchObject({ ok: true, value: { secret: { ...secret, refreshToken: 'rt-next-0123456789abcdef' } } });
		expect(JSON.parse(String(seen[0]?.body))).toEqual({
			clientId: sameDeviceClient,
			grantType: 'refresh_token',
			refreshToken: secret.refreshToken,
		});
		expect((seen[0]?.headers as Record<string, string> | undefined)?.dpop).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it('stores nothing from an answer AWS would not send, and names the field', async () => {
		const secret = { clientId: sameDeviceClient, refreshToken: 'rt-old-0123456789abcdef', proofKey: await newSealableProofKey() } as const;
		expect(await refreshSignin(base, secret, answering(200, JSON.stringify({ ...good, tokenType: 'Bearer' })))).toEqual({
			ok: false,
			refusal: 'OTHER',
			error: "AWS Sign-In's answer is not one it sends (tokenType is wrong); nothing was stored.",
		});
	});

	it("keeps AWS's code and message on a refusal, and the status when there is no message", async () => {
		const secret = { clientId: sameDeviceClient, refreshToken: 'rt-old-0123456789abcdef', proofKey: await newSealableProofKey() } as const;
		expect(await refreshSignin(base, secret, answering(400, '{"error":"TOKEN_EXPIRED","message":"Session expired"}'))).toEqual({
			ok: false,
			refusal: 'TOKEN_EXPIRED',
			error: 'Session expired',
		});
		expect(await refreshSignin(base, secret, answering(500, '<html>'))).toEqual({
			ok: false,
			refusal: 'OTHER',
			error: 'AWS Sign-In refused the request (HTTP 500).',
		});
	});

	it('sends nothing when the sealed key is damaged', async () => {
		const seen: RequestInit[] = [];
		const outcome = await refreshSignin(
			base,
			{ clientId: sameDeviceClient, refreshToken: 'rt-old-0123456789abcdef', proofKey: '{"kty":"EC"}' },
			answering(200, '{}', seen),
		);
		expect(outcome).toEqual({ ok: false, refusal: 'OTHER', error: "This sign-in's sealed token cannot be read: sign in again." });
		expect(seen).toEqual([]);
	});
});
