import { describe, expect, it } from 'vitest';
import { projectFile } from './markdown.ts';

const pkg = JSON.parse(projectFile('package.json'));
const lock = JSON.parse(projectFile('package-lock.json'));

describe('the release step', () => {
	it('keeps the version in package.json alone: the lock file agrees, and manifest.json has none to forget', () => {
		expect(lock.version).toBe(pkg.version);
		expect(lock.packages[''].version).toBe(pkg.version);
		expect(JSON.parse(projectFile('manifest.json'))).not.toHaveProperty('version');
	});

	it('uses a version both browsers accept: one to four numbers, no pre-release suffix', () => {
		expect(pkg.version).toMatch(/^(0|[1-9]\d{0,8})(\.(0|[1-9]\d{0,8})){2,3}$/);
	});

	it('has a CHANGELOG.md entry, dated, for the version in package.json', () => {
		expect(projectFile('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${pkg.version.replaceAll('.', '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
	});

	it('is linked from README with the license, the privacy and the security policies', () => {
		const readme = projectFile('README.md');
		for (const file of ['LICENSE', 'PRIVACY.md', 'SECURITY.md', 'CHANGELOG.md', 'store/']) expect(readme).toContain(`](${file})`);
	});
});
