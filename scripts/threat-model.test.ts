import { describe, expect, it } from 'vitest';
import { projectFile, section, tableRows } from './markdown.ts';

const security = projectFile('docs/security.md');

describe('docs/security.md’s threat model', () => {
	it('says a passkey’s relying party is the extension id, the same in every install, so a synced passkey and a copy of the vault unlock elsewhere', () => {
		// The claim rests on this: no rp.id, so the relying party is the extension's own origin.
		const ceremony = projectFile('src/options/passkey-ceremony.ts');
		expect(ceremony).toMatch(/rp: \{ name: t\('extensionName'\) \}/);
		expect(security).not.toMatch(/bound to this extension's id in this browser profile/);
		expect(security).not.toMatch(/does not follow the vault to another install/);
		const rows = tableRows(section(security, 'Threat model'));
		const synced = rows.find(([who]) => /synced|syncs/.test(who ?? '') && /copy of your vault/.test(who ?? ''));
		expect(synced?.[1]).toMatch(/unlock that copy in the store build installed anywhere else/);
		expect(synced?.[1]).toMatch(/same extension id/);
		const key = rows.find(([who]) => who?.startsWith('your security key'));
		expect(key?.[1]).toMatch(/relying party is the extension's id .* the same in every install of the store build/);
	});
});
