// Keeps the command-line helper in step with the extension: each profile's credentials-file
// section, the sessions it serves to `credential_process`, and the prompt for a tool that waits.
import browser from '../browser';
import { t } from '../i18n';
import { planSections, planServing, type ServedSession } from '../lib/helper-plan';
import { type CliMode, cliModes, type HelperAsk, type HelperState, promptsPerProfilePerMinute } from '../lib/helper-protocol';
import type { SessionCredentials } from '../lib/model';
import { isConsole, isRole } from '../lib/model';
import { cliModeRefusal } from '../lib/policy-choices';
import { UserError } from '../lib/user-error';
import * as storage from '../storage';
import { connectHelper, helperConnected, helperRequest, keepHelperAlarm } from './helper-link';
import { currentPolicy, refusedByPolicy } from './policy';
import { refresh } from './refresh';
import { findProfile } from './session-steps';

/** The alarm at the expiry of the first session the credentials file carries. */
export const sectionExpiryAlarm = 'helper-section-expiry';

// What the running helper serves, by profile id: it lives exactly as long as this worker's port.
const served = new Map<string, ServedSession>();
let syncing = Promise.resolve();

/** Reconciles the helper with storage, one pass at a time. */
export function syncHelper(): Promise<void> {
	syncing = syncing.then(reconcile, reconcile);
	return syncing;
}

async function reconcile(): Promise<void> {
	const [profiles, sessions, modes, written, ask] = await Promise.all([
		storage.get('profiles'),
		storage.get('sessions'),
		storage.get('cliModes'),
		storage.get('helperSections'),
		storage.get('helperAsk'),
	]);
	const wanted = profiles.some((profile) => (modes[profile.id] ?? 'off') !== 'off');
	await keepHelperAlarm(wanted || Object.keys(written).length > 0);
	if (!helperConnected()) {
		if (wanted || Object.keys(written).length > 0) await start();
		return;
	}
	const sections = { ...written };
	const problems: HelperState['problems'] = {};
	const plan = planSections({ profiles, modes, sessions, written, now: Date.now() });
	for (const { profileId, reason } of plan.refused) problems[profileId] = reason;
	/** Removes a section; says why not, if it could not. */
	const remove = async (profileId: string, name: string) => {
		const answer = await helperRequest({ type: 'remove', profile: name });
		if (answer.ok) delete sections[profileId];
		return answer.ok ? undefined : answer.error.message;
	};
	// Removals first: a section another profile now names is gone before that profile's is written.
	for (const { profileId, name } of plan.remove) {
		const problem = await remove(profileId, name);
		if (problem && profiles.some((profile) => profile.id === profileId)) problems[profileId] = problem;
	}
	for (const { profileId, name, credentials } of plan.write) {
		if (problems[profileId]) continue;
		const answer = await helperRequest({ type: 'write', profile: name, credentials: onlyTemporary(credentials) });
		if (answer.ok) sections[profileId] = { name, accessKeyId: credentials.accessKeyId };
		else {
			problems[profileId] = answer.error.message;
			// The session the section still carries was replaced: it goes rather than stay usable.
			if (sections[profileId]) await remove(profileId, name);
		}
	}
	await scheduleSectionExpiry(plan.nextExpiry);
	const serving = planServing({ profiles, modes, sessions, served, now: Date.now() });
	for (const { profileId, name, credentials } of serving.serve) {
		await forget(profileId);
		if ((await helperRequest({ type: 'serve', profile: name, credentials: onlyTemporary(credentials) })).ok)
			served.set(profileId, { name, accessKeyId: credentials.accessKeyId });
	}
	for (const profileId of serving.forget) await forget(profileId);
	const answered = ask && served.has(ask.profileId);
	await storage.set({
		helperSections: sections,
		helperState: { ...(await storage.get('helperState')), problems },
		...(answered ? { helperAsk: undefined } : {}),
	});
}

/** Exactly the temporary credentials: nothing else of the session, never the long-term secret. */
function onlyTemporary({ accessKeyId, secretAccessKey, sessionToken, expiration }: SessionCredentials): SessionCredentials {
	return { accessKeyId, secretAccessKey, sessionToken, expiration };
}

/** Plans again when the first written section's session expires, so it goes even if nothing else happens. */
async function scheduleSectionExpiry(when: number | undefined): Promise<void> {
	const current = await browser.alarms.get(sectionExpiryAlarm);
	if (when === undefined) {
		if (current) await browser.alarms.clear(sectionExpiryAlarm);
	} else if (current?.scheduledTime !== when) await browser.alarms.create(sectionExpiryAlarm, { when });
}

async function forget(profileId: string): Promise<void> {
	const serving = served.get(profileId);
	if (!serving) return;
	served.delete(profileId);
	await helperRequest({ type: 'forget', profile: serving.name });
}

/** Opens the port and reconciles once the helper has said hello; a fresh helper serves nothing yet. */
async function start(): Promise<void> {
	served.clear();
	try {
		await connectHelper({ ask: (ask) => void onAsk(ask), connected: () => void syncHelper() });
	} catch (error) {
		// Firefox throws at once when no host manifest exists; Chrome reports it on disconnect.
		await storage.set({ helperState: { connected: false, problems: {}, error: error instanceof Error ? error.message : String(error) } });
	}
}

/** Starts the helper at worker start-up and on the alarm, if any profile uses it. */
export async function startHelper(): Promise<void> {
	if (!helperConnected()) await syncHelper();
}

/**
 * A tool waits for a profile: answer from a live session, or ask the person in the prompt. Any local
 * process can ask, so an ask never changes the active profile, and one profile is prompted for at
 * most `promptsPerProfilePerMinute` times a minute.
 */
async function onAsk({ profile: name, caller }: HelperAsk): Promise<void> {
	const [profiles, modes] = await Promise.all([storage.get('profiles'), storage.get('cliModes')]);
	const profile = profiles.find((saved) => saved.name === name);
	if (!profile || modes[profile.id] !== 'process') {
		await helperRequest({ type: 'deny', profile: name, reason: 'not-served' });
		return;
	}
	const now = Date.now();
	const times = await storage.get('askTimes');
	const recent = Object.fromEntries(
		Object.entries(times)
			.map(([id, list]) => [id, list.filter((at) => now - at < 60_000)] as const)
			.filter(([id, list]) => list.length > 0 && profiles.some((saved) => saved.id === id)),
	);
	if ((recent[profile.id]?.length ?? 0) >= promptsPerProfilePerMinute) {
		await storage.set({ askTimes: recent });
		await helperRequest({ type: 'deny', profile: name, reason: 'too-many' });
		return;
	}
	served.delete(profile.id);
	await storage.set({
		helperAsk: { profileId: profile.id, caller, at: now },
		askTimes: { ...recent, [profile.id]: [...(recent[profile.id] ?? []), now] },
	});
	// A role whose source session lives is assumed at once, and a console sign-in renewed with its
	// sealed token: no prompt, no code.
	if ((isRole(profile) && !profile.direct) || isConsole(profile)) await refresh(profile.id, undefined).catch(() => undefined);
	await syncHelper();
	if (!(await storage.get('helperAsk'))) return;
	await openPrompt();
}

/** The prompt window's page: the popup, told it was opened by the extension (so it never submits a code by itself). */
const promptPage = 'src/popup/index.html?prompt';

/**
 * Brings the prompt forward: the one prompt window when it is still open, else the toolbar popup, else
 * a new small window, remembered for the next ask. openPopup needs a focused window with a toolbar in
 * Chrome (headless has none, yet reports success) and a user gesture in Firefox. Called natively,
 * since through the polyfill's callback a refusal goes unreported.
 */
async function openPrompt(): Promise<void> {
	const known = await storage.get('promptWindow');
	if (known !== undefined) {
		const window = await browser.windows.get(known).catch(() => undefined);
		if (window) {
			await browser.windows.update(known, { focused: true });
			return;
		}
	}
	const popups = () => chrome.runtime.getContexts?.({ contextTypes: ['POPUP' as chrome.runtime.ContextType] });
	if ((await popups())?.length) return;
	// The toolbar popup cannot be given the prompt's address, so it is told by a mark it takes at its start.
	await storage.set({ promptOpening: Date.now() });
	if (
		await chrome.action.openPopup().then(
			() => true,
			() => false,
		)
	) {
		await new Promise((done) => setTimeout(done, 300));
		const shown = await popups();
		if (!shown || shown.length > 0) return;
	}
	await storage.set({ promptOpening: undefined });
	const created = await browser.windows.create({
		url: browser.runtime.getURL(promptPage),
		type: 'popup',
		width: 380,
		height: 560,
		focused: true,
	});
	await storage.set({ promptWindow: created.id });
}

/** The requests pages make about the helper. */
export const helperHandlers = {
	helperStatus: async () => {
		await startHelper();
		const [state, modes] = await Promise.all([storage.get('helperState'), storage.get('cliModes')]);
		return { ...state, modes };
	},
	setCliMode: async (request: { profileId: string; mode: CliMode }) => {
		if (!cliModes.includes(request.mode)) throw new UserError(t('chooseCliMode'), 'cliMode');
		const { policy } = await currentPolicy();
		const refusal = cliModeRefusal(request.mode, policy);
		if (refusal) throw refusedByPolicy({ field: 'cliMode', message: refusal }, policy);
		const profile = await findProfile(request.profileId);
		await storage.set({ cliModes: { ...(await storage.get('cliModes')), [profile.id]: request.mode } });
		await syncHelper();
	},
	/** Whether this toolbar popup was opened by the extension for an ask just now; the mark is taken, so only once. */
	takePromptMark: async () => {
		const opening = await storage.get('promptOpening');
		if (opening === undefined) return false;
		await storage.set({ promptOpening: undefined });
		return Date.now() - opening < 3_000;
	},
	pendingAsk: async () => {
		const ask = await storage.get('helperAsk');
		// A prompt is only worth showing while the tool could still be waiting.
		return ask && Date.now() - ask.at < 10 * 60_000 ? ask : undefined;
	},
	denyAsk: async () => {
		const ask = await storage.get('helperAsk');
		if (!ask) return;
		const profile = (await storage.get('profiles')).find((saved) => saved.id === ask.profileId);
		await storage.set({ helperAsk: undefined });
		if (profile) await helperRequest({ type: 'deny', profile: profile.name });
	},
};
