// Profile names that the readers of ~/.aws/credentials take for something other than a profile.
// botocore reads the file with Python's configparser, whose section named exactly `DEFAULT` is not
// a section at all: its keys become every other section's defaults. The AWS SDK for JavaScript
// (@smithy/shared-ini-file-loader) refuses the whole file over `[__proto__]`, and reads every
// section into a plain object, so a section named after one of Object.prototype's members lands
// on that built-in (`[constructor]` sets its keys on `Object` itself) and is no profile. Both
// compare names exactly: `default`, `Default` or `Constructor` are ordinary profiles to them.
import { t } from '../i18n';

/** Object.prototype's own members, as every JavaScript engine has them. */
const objectMembers = new Set([
	'__defineGetter__',
	'__defineSetter__',
	'__lookupGetter__',
	'__lookupSetter__',
	'constructor',
	'hasOwnProperty',
	'isPrototypeOf',
	'propertyIsEnumerable',
	'toLocaleString',
	'toString',
	'valueOf',
]);

/** Why a name cannot be a credentials-file section, or undefined when it is an ordinary profile name. */
export function reservedNameReason(name: string): string | undefined {
	if (name === 'DEFAULT') return t('profileNameDefaultSection');
	if (name === '__proto__') return t('profileNameProto');
	if (objectMembers.has(name)) return t('profileNameObjectMember', name);
	return undefined;
}
