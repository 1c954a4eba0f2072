// The keyboard shortcuts as the browser assigned them, and the way to change them.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { send } from '../messages';
import browser from '../page-browser';

type Shortcut = Awaited<ReturnType<typeof send<'commandShortcuts'>>>[number];

const names: Record<string, string> = {
	_execute_action: t('shortcutOpen'),
	'copy-session': t('shortcutCopy'),
};

/** Opens the browser's own shortcut settings, where extensions' keys are changed. */
async function openShortcutSettings(): Promise<void> {
	const commands = browser.commands as typeof browser.commands & { openShortcutSettings?: () => Promise<void> };
	if (commands.openShortcutSettings) return commands.openShortcutSettings();
	await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

export function ShortcutsPanel() {
	const [shortcuts, setShortcuts] = useState<Shortcut[]>([]);
	useEffect(() => {
		void send('commandShortcuts').then(setShortcuts);
	}, []);
	return (
		<section class="card" aria-labelledby="shortcuts-heading">
			<h2 id="shortcuts-heading">{t('keyboardShortcuts')}</h2>
			<dl class="shortcuts">
				{shortcuts.map(({ name = '', shortcut }) => (
					<div key={name}>
						<dt>{names[name] ?? name}</dt>
						<dd>{shortcut ? <kbd>{shortcut}</kbd> : t('shortcutNotSet')}</dd>
					</div>
				))}
			</dl>
			<button type="button" onClick={() => void openShortcutSettings()}>
				{t('changeShortcuts')}
			</button>
		</section>
	);
}
