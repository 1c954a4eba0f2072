import { describe, expect, it } from 'vitest';
import { ownerMark, removeSection, sessionSection, writeSection } from './ini-section';

const session = {
	accessKeyId: 'ASIAEXAMPLEEXAMPLE01',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN+/=',
	expiration: '2026-11-30T12:00:00.000Z',
};
const next = { ...session, accessKeyId: 'ASIAEXAMPLEEXAMPLE02', sessionToken: 'SECONDTOKEN' };

/** A file as people keep them: twenty sections, comments, odd spacing, a tab, a missing final line break. */
function busyFile(): string {
	const parts = ['# my credentials\n', '; another comment style\n', '\n'];
	for (let index = 0; index < 20; index += 1) {
		parts.push(index % 3 === 0 ? `[ spaced-${index} ]\n` : `[other-${index}]\n`);
		parts.push(`aws_access_key_id=AKIAOTHER${String(index).padStart(11, '0')}\n`);
		parts.push(`  aws_secret_access_key   =\tsecret-${index}  \n`);
		if (index % 2 === 0) parts.push('region = eu-west-1\n');
		if (index % 4 === 0) parts.push('\n\n# about the next one\n');
	}
	parts.push('[last]\naws_access_key_id = AKIALAST\naws_secret_access_key = x');
	return parts.join('');
}

describe('writeSection', () => {
	it('refuses the names the AWS tools would not read as a profile, and leaves the file as it was', () => {
		for (const name of ['DEFAULT', '__proto__', 'constructor', 'valueOf'])
			expect(writeSection(busyFile(), name, session)).toEqual({ ok: false, refusal: 'reserved', section: name });
		const plain = writeSection('', 'default', session);
		expect(plain.ok && plain.text.startsWith(`[default]\n${ownerMark}\n`)).toBe(true);
	});

	it('still removes its own section under such a name, written by an earlier version', () => {
		const before = busyFile();
		const old = `${before}\n\n[DEFAULT]\n${ownerMark}\naws_access_key_id = OLD\naws_session_token = OLD\n`;
		expect(removeSection(old, 'DEFAULT')).toEqual({ ok: true, text: `${before}\n` });
	});

	it('appends to a busy file and keeps every other byte', () => {
		const before = busyFile();
		const written = writeSection(before, 'work', session);
		if (!written.ok) throw new Error(written.refusal);
		expect(written.text.startsWith(`${before}\n\n[work]\n${ownerMark}\n`)).toBe(true);
		expect(written.text).toContain('aws_session_token = FwoGZXIvYXdzEXAMPLETOKEN+/=\n');
		expect(written.text).toContain('x_security_token_expires = 2026-11-30T12:00:00Z\n');
	});

	it('replaces its own section in the middle of a file, byte-identical outside it', () => {
		const old = `[work]\n${ownerMark}\naws_access_key_id = OLD\naws_session_token = OLD\n`;
		const middle = `${busyFile()}\n`.replace('[other-10]\n', `${old}\n# kept comment\n[other-10]\n`);
		const written = writeSection(middle, 'work', session);
		if (!written.ok) throw new Error(written.refusal);
		expect(written.text).toBe(middle.replace(old, sessionSection('work', session)));
		expect(written.text).toContain('\n# kept comment\n[other-10]\n');
	});

	it('written twice, then removed, gives back the original bytes', () => {
		const before = busyFile();
		const first = writeSection(before, 'work', session);
		if (!first.ok) throw new Error(first.refusal);
		const second = writeSection(first.text, 'work', next);
		if (!second.ok) throw new Error(second.refusal);
		expect(second.text).toContain('SECONDTOKEN');
		expect(second.text.match(/\[work\]/g)).toHaveLength(1);
		const removed = removeSection(second.text, 'work');
		if (!removed.ok) throw new Error(removed.refusal);
		expect(removed.text).toBe(`${before}\n`);
	});

	it('keeps CRLF files CRLF', () => {
		const written = writeSection('[a]\r\nx = 1\r\n', 'work', session);
		expect(written.ok && written.text).toBe(
			`[a]\r\nx = 1\r\n\r\n[work]\r\n${ownerMark}\r\n${written.ok ? written.text.split('\r\n').slice(5).join('\r\n') : ''}`,
		);
		expect(written.ok && written.text.replaceAll('\r\n', '').includes('\n')).toBe(false);
	});

	it('writes a fresh file', () => {
		const written = writeSection('', 'work', session);
		expect(written.ok && written.text.startsWith(`[work]\n${ownerMark}\n`)).toBe(true);
	});

	it('refuses a same-named section holding long-term keys, and names it', () => {
		const file = '[work]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';
		expect(writeSection(file, 'work', session)).toEqual({ ok: false, refusal: 'long-term', section: 'work' });
		expect(removeSection(file, 'work')).toEqual({ ok: false, refusal: 'long-term', section: 'work' });
	});

	it('refuses a section it did not write, even with a session token, and spaced headers count', () => {
		expect(writeSection('[work]\naws_session_token = x\n', 'work', session)).toMatchObject({ ok: false, refusal: 'foreign' });
		expect(writeSection('[ work ]\nregion = x\n', 'work', session)).toMatchObject({ ok: false, refusal: 'foreign' });
	});

	it('refuses a file that already has the section twice', () => {
		const own = `[work]\n${ownerMark}\naws_session_token = x\n`;
		expect(writeSection(own + own, 'work', session)).toMatchObject({ ok: false, refusal: 'duplicate' });
	});

	it('does not take a commented-out header or a key named like the section for the section', () => {
		const file = '# [work]\n[other]\nwork = 1\n';
		const written = writeSection(file, 'work', session);
		expect(written.ok && written.text.startsWith(`${file}\n[work]\n`)).toBe(true);
	});
});

describe('removeSection', () => {
	it('leaves a file without the section unchanged', () => {
		expect(removeSection('[a]\nb = c', 'work')).toEqual({ ok: true, text: '[a]\nb = c' });
	});
});
