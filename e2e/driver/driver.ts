// One small page driver for the scenarios that run in both browsers: a scenario is written once
// against these operations, and chromium.ts (Playwright) and firefox.ts (Firefox's debugger
// protocol) carry them out. Every operation finds elements as a person does: fields by their
// label, controls by their role and name, messages by role=status and role=alert.

/** What the person allowed before the scenario starts, as an answered permission prompt records it. */
export interface Granted {
	origins: readonly string[];
	permissions: readonly string[];
}

/** The roles the scenarios click. */
export type ClickRole = 'button' | 'checkbox' | 'radio' | 'link';

/** One extension page open in a tab. */
export interface DrivenPage {
	/** Types a value into the field with this label (exactly), replacing what it held. */
	fill(label: string, value: string): Promise<void>;
	/** Chooses the option with this text in the list with this label. */
	choose(label: string, option: string): Promise<void>;
	/** Gives the field with this label the keyboard and presses a key there for real (xdotool names: Down, Return). */
	press(label: string, key: string): Promise<void>;
	/** Presses Enter in the field with this label. */
	submit(label: string): Promise<void>;
	/** Clicks the control with this role and name (exactly). */
	click(role: ClickRole, name: string): Promise<void>;
	/** The visible text of every element with this role, in page order. */
	texts(role: 'status' | 'alert'): Promise<string[]>;
	/** The visible text of the whole page. */
	text(): Promise<string>;
	/** The value of the field with this label; for a list, the text of the chosen option. */
	value(label: string): Promise<string>;
	/** How many visible controls have this role and name (fields: 'textbox' and their label). */
	count(role: ClickRole | 'textbox', name: string): Promise<number>;
	/** The label of the field that has the keyboard focus, '' if none. */
	focused(): Promise<string>;
	/** Chooses a file with this name and text in the file field with this label. */
	upload(label: string, name: string, text: string): Promise<void>;
	/** Clicks the control that saves a file, and returns the text of the file the browser saved. */
	download(role: ClickRole, name: string): Promise<string>;
	/** Loads the page again and waits until it has rendered. */
	reload(): Promise<void>;
}

/** A browser with the extension installed, on a display of its own. */
export interface DrivenBrowser {
	engine: 'chromium' | 'firefox';
	/** Opens an extension page in a new tab. */
	open(page: 'popup' | 'options'): Promise<DrivenPage>;
	/** The clipboard's text as other programs on the display see it. */
	clipboard(): Promise<string>;
	/** Puts text on the clipboard, as another program would. */
	setClipboard(text: string): Promise<void>;
	/** Presses keys on the display (xdotool syntax) in the browser's focused window. */
	press(keys: string): Promise<void>;
	/** Evaluates an expression (which may be a promise) in the extension's background and returns its JSON value; `chrome.*` works in both. */
	background<T = unknown>(expression: string): Promise<T>;
	/** Stops the background as the browser does to an idle extension (service worker / event page). */
	stopBackground(): Promise<void>;
	/** Quits the browser and starts it again on the same profile; open pages are gone. */
	restart(): Promise<void>;
	/** Secrets the scenario made or saw beyond the fixtures' own: the scan looks for them too. */
	secrets: string[];
	/** Quits the browser and fails if a known secret is in any console or any file of the profile, in any encoding. */
	closeAndScan(): Promise<void>;
}

/**
 * The element lookups both implementations share where they run code in the page: a name as the
 * accessibility tree computes it for the elements the product uses (aria-label, aria-labelledby,
 * label elements, text content), and visibility. Evaluated as a function body inside the page.
 */
export const pageLookups = `
	const norm = (text) => (text ?? '').replace(/\\s+/g, ' ').trim();
	const visible = (element) => element.checkVisibility() && !element.closest('[aria-hidden=true],[hidden]');
	const labelOf = (element) => {
		if (element.hasAttribute('aria-label')) return norm(element.getAttribute('aria-label'));
		const by = element.getAttribute('aria-labelledby');
		if (by) return norm(by.split(/\\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
		return norm([...(element.labels ?? [])].map((label) => label.textContent).join(' '));
	};
	const roleOf = (element) => {
		const explicit = element.getAttribute('role');
		if (explicit) return explicit;
		if (element.tagName === 'BUTTON') return 'button';
		if (element.tagName === 'OUTPUT') return 'status';
		if (element.tagName === 'A' && element.hasAttribute('href')) return 'link';
		if (element.tagName === 'SELECT') return 'combobox';
		if (element.tagName === 'TEXTAREA') return 'textbox';
		if (element.tagName === 'INPUT') return { checkbox: 'checkbox', radio: 'radio', submit: 'button', button: 'button' }[element.type] ?? 'textbox';
		return '';
	};
	const nameOf = (element) => (['checkbox', 'radio', 'textbox', 'combobox'].includes(roleOf(element)) ? labelOf(element) : norm(element.getAttribute('aria-label') ?? element.textContent));
	const withRole = (role) => [...document.querySelectorAll('*')].filter((element) => roleOf(element) === role && visible(element));
	const named = (role, name) => (role === 'textbox' ? [...withRole('textbox'), ...withRole('combobox')] : withRole(role)).filter((element) => nameOf(element) === name);
	const field = (label) => {
		const found = [...document.querySelectorAll('input,select,textarea')].filter((element) => visible(element) && labelOf(element) === label);
		if (found.length !== 1) throw new Error(found.length + ' fields labelled ' + JSON.stringify(label));
		return found[0];
	};
`;
