import { parseXML } from '@aws-sdk/xml-builder';
import { describe, expect, it } from 'vitest';
import { readKeyList, readNewKey } from './iam-answer';

// Answers in the shape IAM sends (e2e/sts/iam.ts serves the same), read by the parser the worker bundles.
const result = (action: string, xml: string) =>
	(
		parseXML(
			`<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${xml}</${action}Result></${action}Response>`,
		) as Record<string, Record<string, unknown>>
	)[`${action}Response`]?.[`${action}Result`];

const member = (id: string, status = 'Active', date = '2026-08-26T09:15:00Z') =>
	`<member><UserName>alice</UserName><AccessKeyId>${id}</AccessKeyId><Status>${status}</Status><CreateDate>${date}</CreateDate></member>`;
const list = (members: string) =>
	result('ListAccessKeys', `<UserName>alice</UserName><AccessKeyMetadata>${members}</AccessKeyMetadata><IsTruncated>false</IsTruncated>`);

describe('IAM answers', () => {
	it('reads one key, two keys and none', () => {
		expect(readKeyList(list(member('AKIAIOSFODNN7EXAMPLE')))).toEqual({
			ok: true,
			value: [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', active: true, createdAt: '2026-08-26T09:15:00.000Z' }],
		});
		const two = readKeyList(list(member('AKIAIOSFODNN7EXAMPLE') + member('AKIAI44QH8DHBEXAMPLE', 'Inactive')));
		expect(two.ok && two.value.map((key) => key.active)).toEqual([true, false]);
		expect(readKeyList(list(''))).toEqual({ ok: true, value: [] });
	});

	it('refuses a list with an odd key id, status or date, or more keys than IAM allows', () => {
		for (const bad of [
			member('ASIAIOSFODNN7EXAMPLE'),
			member('AKIAIOSFODNN7EXAMPLE', 'Gone'),
			member('AKIAIOSFODNN7EXAMPLE', 'Active', 'soon'),
		])
			expect(readKeyList(list(bad))).toEqual({ ok: false, error: 'AccessKeyMetadata' });
		expect(readKeyList(list(member('AKIAIOSFODNN7EXAMPLE').repeat(3))).ok).toBe(false);
		expect(readKeyList(undefined).ok).toBe(false);
	});

	it('reads a new key with its secret, and refuses one whose secret is not of its shape', () => {
		const key = (secret: string) =>
			result(
				'CreateAccessKey',
				`<AccessKey><UserName>alice</UserName><AccessKeyId>AKIAEXAMPLENEWKEY001</AccessKeyId><Status>Active</Status><SecretAccessKey>${secret}</SecretAccessKey><CreateDate>2026-12-04T01:00:00Z</CreateDate></AccessKey>`,
			);
		expect(readNewKey(key('Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLENEW'))).toEqual({
			ok: true,
			value: {
				accessKeyId: 'AKIAEXAMPLENEWKEY001',
				active: true,
				createdAt: '2026-12-04T01:00:00.000Z',
				secretAccessKey: 'Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLENEW',
			},
		});
		expect(readNewKey(key('short'))).toEqual({ ok: false, error: 'AccessKey' });
		expect(readNewKey(key('Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPL\u001b[2K'))).toEqual({ ok: false, error: 'AccessKey' });
	});
});
