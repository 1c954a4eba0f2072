// Keyboard shortcuts handled by the worker itself (the popup's is the browser's own).
import browser from '../browser';
import { t } from '../i18n';
import { activeProfile } from '../lib/model';
import * as storage from '../storage';
import { flashBadge } from './badge';
import { copyFromBackground } from './clipboard';
import { exportText } from './export';

/** The command that copies the active session without opening the popup. */
export const copySessionCommand = 'copy-session';

/** Opens the popup; where the browser refuses (no focused window, or Firefox before 149 without a click), in a tab. */
export async function openPopup(): Promise<void> {
	await browser.action.openPopup().catch(() => browser.tabs.create({ url: browser.runtime.getURL('src/popup/index.html') }));
}

/** Copies the active profile's live session in the last chosen format; otherwise says why and opens the popup. */
export async function copyActiveSession(): Promise<void> {
	const [profiles, activeProfileId, preferences] = await Promise.all([
		storage.get('profiles'),
		storage.get('activeProfileId'),
		storage.get('preferences'),
	]);
	const profile = activeProfile(profiles, activeProfileId);
	let text: string;
	try {
		if (!profile) throw new Error(t('createProfileFirst'));
		text = await exportText(profile.id, preferences.exportFormat);
	} catch (error) {
		const reason = error instanceof Error ? error.message : t('nothingToCopy');
		await flashBadge('!', t('badgeNothingCopied', reason));
		await openPopup();
		return;
	}
	const copied = await copyFromBackground(text);
	if (copied) await flashBadge('✓', t('badgeCopied', profile.name));
	else await flashBadge('!', t('badgeCopyRefused'));
}

/** The extension's commands with the shortcuts the person gave them, for the options page. */
export async function commandShortcuts() {
	return (await browser.commands.getAll()).map(({ name, description, shortcut }) => ({ name, description, shortcut }));
}
