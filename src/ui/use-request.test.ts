import { describe, expect, it } from 'vitest';
import { UserError } from '../lib/user-error';
import { refusalOf } from './use-request';

describe('refusalOf', () => {
	it('keeps the field a UserError names, over the fallback', () => {
		expect(refusalOf(new UserError('Wrong passphrase.', 'newPassphrase'), 'passphrase')).toEqual({
			message: 'Wrong passphrase.',
			field: 'newPassphrase',
		});
	});

	it('puts an error that names no field at the fallback, or at none', () => {
		expect(refusalOf(new UserError('The extension stopped.'), 'passkey')).toEqual({ message: 'The extension stopped.', field: 'passkey' });
		expect(refusalOf(new UserError('The extension stopped.'))).toEqual({ message: 'The extension stopped.', field: undefined });
	});

	it('never takes a field from anything but a UserError', () => {
		const lookalike = Object.assign(new Error('Something else.'), { field: 'code' });
		expect(refusalOf(lookalike, 'name')).toEqual({ message: 'Something else.', field: 'name' });
		expect(refusalOf('plain text')).toEqual({ message: 'plain text', field: undefined });
	});
});
