// IAM's answers, as the XML parser hands them over, checked before anything is stored or shown:
// key ids of a long-term key's shape, dates that are dates, a secret of a secret's shape.
import type { Result } from './result';

/** One of a user's access keys, as ListAccessKeys tells it. */
export interface KeyMetadata {
	accessKeyId: string;
	active: boolean;
	createdAt: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isKeyId = (value: unknown): value is string => typeof value === 'string' && /^AKIA[A-Z0-9]{12,124}$/.test(value);
const isDate = (value: unknown): value is string => typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

function readKey(entry: unknown): KeyMetadata | undefined {
	if (!isRecord(entry) || !isKeyId(entry.AccessKeyId) || !isDate(entry.CreateDate)) return undefined;
	if (entry.Status !== 'Active' && entry.Status !== 'Inactive') return undefined;
	return { accessKeyId: entry.AccessKeyId, active: entry.Status === 'Active', createdAt: new Date(entry.CreateDate).toISOString() };
}

/** The keys of a ListAccessKeys result; a user has at most two, and every one must read. */
export function readKeyList(result: unknown): Result<KeyMetadata[]> {
	const list = isRecord(result) ? result.AccessKeyMetadata : undefined;
	// The parser gives an empty list as '', one member as an object, more as an array.
	const members = list === '' ? [] : isRecord(list) ? [list.member ?? []].flat() : undefined;
	if (!members || members.length > 2) return { ok: false, error: 'AccessKeyMetadata' };
	const keys = members.map(readKey);
	if (keys.some((key) => key === undefined)) return { ok: false, error: 'AccessKeyMetadata' };
	return { ok: true, value: keys as KeyMetadata[] };
}

/** The new key of a CreateAccessKey result, secret included. */
export function readNewKey(result: unknown): Result<KeyMetadata & { secretAccessKey: string }> {
	const key = isRecord(result) ? result.AccessKey : undefined;
	const metadata = readKey(key);
	const secret = isRecord(key) ? key.SecretAccessKey : undefined;
	if (!metadata || typeof secret !== 'string' || !/^[A-Za-z0-9/+]{40}$/.test(secret)) return { ok: false, error: 'AccessKey' };
	return { ok: true, value: { ...metadata, secretAccessKey: secret } };
}
