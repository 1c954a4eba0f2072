import { describe, expect, it } from 'vitest';
import { manifestPermissions, permissionsInTable, projectFile, section, tableRows } from './markdown.ts';

const privacy = projectFile('PRIVACY.md');
const readme = projectFile('README.md');

describe('PRIVACY.md', () => {
	it('names exactly the permissions manifest.json asks for, each under its kind, as README does', () => {
		const manifest = manifestPermissions();
		expect(manifest.permissions).toContain('storage');
		expect(permissionsInTable(section(privacy, 'Permissions'))).toEqual(manifest);
		expect(permissionsInTable(section(readme, 'Permissions'))).toEqual(manifest);
	});

	it('says where each value lives exactly as README’s table does', () => {
		const rows = (markdown: string) => tableRows(section(markdown, 'Where each value lives'));
		const ours = tableRows(section(privacy, 'What is stored, and where'));
		expect(ours.length).toBeGreaterThan(5);
		expect(ours).toEqual(rows(readme));
	});
});
