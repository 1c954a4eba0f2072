// Editing one section of a credentials file people also edit by hand: every byte outside that
// section stays as it was, and a section this program did not write is never touched.
import { iniValue } from '../lib/export-formats';
import type { SessionCredentials } from '../lib/model';
import { toRfc3339Utc } from '../lib/rfc3339';
import { reservedNameReason } from '../lib/section-names';

/** The first line of every section the helper writes; how it recognises its own. */
export const ownerMark = '# Written by MFA Session after each new session; changes here are replaced.';

/** Why a section was left alone; `reserved`: the AWS tools would not read that name as a profile (section-names.ts). */
export type Refusal = 'long-term' | 'foreign' | 'duplicate' | 'reserved';

export type SectionEdit = { ok: true; text: string } | { ok: false; refusal: Refusal; section: string };

/** Lines with their line endings, so joining them gives back the exact text. */
function linesOf(text: string): string[] {
	return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The name in a `[name]` header line, or undefined for any other line. */
function headerName(line: string): string | undefined {
	const trimmed = line.trim();
	if (!trimmed.startsWith('[')) return undefined;
	const close = trimmed.lastIndexOf(']');
	return close > 1 ? trimmed.slice(1, close).trim() : undefined;
}

const isCommentOrBlank = (line: string) => /^\s*([#;].*)?\r?\n?$/.test(line);
const keyOf = (line: string) => /^\s*([^=:\s[#;]+)\s*[=:]/.exec(line)?.[1]?.toLowerCase();

interface Found {
	start: number;
	/** One past the section's last key line: comments and blank lines after it belong to what follows. */
	end: number;
	ours: boolean;
	longTerm: boolean;
}

function findSections(lines: readonly string[], name: string): Found[] {
	const found: Found[] = [];
	lines.forEach((line, index) => {
		if (headerName(line) !== name) return;
		let next = index + 1;
		while (next < lines.length && headerName(lines[next] ?? '') === undefined) next += 1;
		let end = next;
		while (end > index + 1 && isCommentOrBlank(lines[end - 1] ?? '')) end -= 1;
		const body = lines.slice(index + 1, end);
		const keys = new Set(body.map(keyOf));
		found.push({
			start: index,
			end,
			ours: body.some((entry) => entry.trim() === ownerMark),
			longTerm: keys.has('aws_access_key_id') && !keys.has('aws_session_token'),
		});
	});
	return found;
}

/** Finds the one section of that name that may be changed, or why not; none found is fine. */
function editable(lines: readonly string[], name: string): { ok: true; found?: Found } | { ok: false; refusal: Refusal; section: string } {
	const found = findSections(lines, name);
	if (found.length > 1) return { ok: false, refusal: 'duplicate', section: name };
	const section = found[0];
	if (section && !section.ours) return { ok: false, refusal: section.longTerm ? 'long-term' : 'foreign', section: name };
	return { ok: true, found: section };
}

/** The section's lines for a session; the expiry in a key every AWS tool ignores, readable by people and prompts. */
export function sessionSection(name: string, credentials: SessionCredentials, eol = '\n'): string {
	return [
		`[${name}]`,
		ownerMark,
		`aws_access_key_id = ${iniValue('aws_access_key_id', credentials.accessKeyId)}`,
		`aws_secret_access_key = ${iniValue('aws_secret_access_key', credentials.secretAccessKey)}`,
		`aws_session_token = ${iniValue('aws_session_token', credentials.sessionToken)}`,
		`x_security_token_expires = ${toRfc3339Utc(credentials.expiration)}`,
	]
		.map((line) => line + eol)
		.join('');
}

/** Writes (replaces or appends) the helper's section for a profile. */
export function writeSection(text: string, name: string, credentials: SessionCredentials): SectionEdit {
	if (reservedNameReason(name)) return { ok: false, refusal: 'reserved', section: name };
	const lines = linesOf(text);
	const target = editable(lines, name);
	if (!target.ok) return target;
	const eol = /\r\n/.test(lines[0] ?? '') ? '\r\n' : '\n';
	const section = sessionSection(name, credentials, eol);
	if (target.found) {
		const { start, end } = target.found;
		const after = lines.slice(end);
		// The section's last line had no line break only if nothing followed it.
		const body = after.length === 0 && !text.endsWith('\n') ? section.slice(0, -eol.length) : section;
		return { ok: true, text: lines.slice(0, start).join('') + body + after.join('') };
	}
	if (text === '') return { ok: true, text: section };
	const ended = text.endsWith('\n') ? text : text + eol;
	const separated = isBlank(linesOf(ended).at(-1)) ? ended : ended + eol;
	return { ok: true, text: separated + section };
}

const isBlank = (line: string | undefined) => line !== undefined && line.trim() === '';

/** Removes the helper's section for a profile, and the blank line put before it when it was appended last. */
export function removeSection(text: string, name: string): SectionEdit {
	const lines = linesOf(text);
	const target = editable(lines, name);
	if (!target.ok) return target;
	if (!target.found) return { ok: true, text };
	const { start, end } = target.found;
	const atEnd = end === lines.length;
	const from = atEnd && start > 0 && isBlank(lines[start - 1]) ? start - 1 : start;
	return { ok: true, text: lines.slice(0, from).join('') + lines.slice(end).join('') };
}
