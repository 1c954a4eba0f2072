// Reading the tables the project's documents keep (README, PRIVACY.md, the store listings), so tests
// can hold them to the manifest and to each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The project's root folder. */
export const root = join(import.meta.dirname, '..');

/** A file of the project, as text. */
export function projectFile(path: string): string {
	return readFileSync(join(root, path), 'utf8');
}

/** The text under a heading (any level), up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
	const lines = markdown.split('\n');
	const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '').trim() === heading);
	if (start < 0) throw new Error(`No heading "${heading}"`);
	const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
	const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && (/^#+/.exec(line)?.[0].length ?? 0) <= level);
	return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The body rows of the first table in a text, each as its trimmed cells. */
export function tableRows(text: string): string[][] {
	const rows = text
		.split('\n')
		.filter((line) => line.trim().startsWith('|'))
		.map((line) =>
			line
				.trim()
				.replace(/^\||\|$/g, '')
				.split('|')
				.map((cell) => cell.trim()),
		);
	return rows.slice(2);
}

/** The manifest fields that name permissions. */
export const permissionFields = ['permissions', 'optional_permissions', 'host_permissions', 'optional_host_permissions'] as const;
export type PermissionField = (typeof permissionFields)[number];
export type Permissions = Record<PermissionField, string[]>;

/** The permissions manifest.json asks for, by field, sorted. */
export function manifestPermissions(): Permissions {
	const manifest = JSON.parse(projectFile('manifest.json')) as Partial<Permissions>;
	return Object.fromEntries(permissionFields.map((field) => [field, [...(manifest[field] ?? [])].sort()])) as Permissions;
}

/**
 * The permissions a table names in its first column, by manifest field: "`storage`", "host `https://…`",
 * "optional `notifications`", "optional host `https://*\/*`"; several backquoted names may share a row.
 */
export function permissionsInTable(text: string): Permissions {
	const named: Permissions = { permissions: [], optional_permissions: [], host_permissions: [], optional_host_permissions: [] };
	for (const [first = ''] of tableRows(text)) {
		const optional = /^optional\b/.test(first);
		const host = /^(optional )?host\b/.test(first);
		const field: PermissionField = `${optional ? 'optional_' : ''}${host ? 'host_' : ''}permissions`;
		for (const [, name] of first.matchAll(/`([^`]+)`/g)) if (name) named[field].push(name);
	}
	for (const field of permissionFields) named[field].sort();
	return named;
}
