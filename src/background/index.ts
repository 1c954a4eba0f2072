// The service worker's entry: it only wires. Every listener is registered synchronously on the
// first run, because MV3 wakes a worker only for listeners registered then.
import browser from '../browser';
import * as storage from '../storage';
import { badgeAlarm, updateBadge } from './badge';
import { acceptClipboardPort, clearClipboardAlarm, clearClipboardIfUnchanged } from './clipboard';
import { copyActiveSession, copySessionCommand } from './commands';
import { isExpiryWarning, onWarningClicked, scheduleExpiryWarnings, showExpiryWarning } from './expiry-warning';
import { handlers } from './handlers';
import { helperAlarm } from './helper-link';
import { sectionExpiryAlarm, startHelper, syncHelper } from './helper-sync';
import { listen } from './listen';
import { acceptPasskeyPort } from './passkey-port';
import { enforcePolicy } from './policy';
import { isRoleRefresh, refreshRoleByAlarm } from './roles';
import { resumeRotation } from './rotate';
import { isSigninRefresh, renewByAlarm } from './signin';
import { autoLockAlarm, lockIfIdle } from './vault';

// Every wake checks the schema (one read when current), which requests wait for, and applies the policy.
const ready = storage.migrate();
listen(handlers, ready);
// Not awaited by requests: after a browser start managed storage answers only seconds later, and
// meanwhile the copy last read applies.
void ready.then(enforcePolicy);
// A rotation a stopped worker left half-way is finished now, or reported on the options page.
void ready.then(() => resumeRotation(undefined, true)).catch(() => undefined);
// The organisation's policy: a change applies at once, without a restart.
storage.onManagedChanged(() => void enforcePolicy());
browser.alarms.onAlarm.addListener((alarm) => {
	if (alarm.name === autoLockAlarm) void lockIfIdle();
	if (alarm.name === badgeAlarm) void updateBadge();
	if (alarm.name === clearClipboardAlarm) void clearClipboardIfUnchanged();
	if (isExpiryWarning(alarm.name)) void showExpiryWarning(alarm.name);
	if (alarm.name === helperAlarm) void startHelper();
	if (alarm.name === sectionExpiryAlarm) void syncHelper();
	if (isRoleRefresh(alarm.name)) void refreshRoleByAlarm(alarm.name);
	if (isSigninRefresh(alarm.name)) void renewByAlarm(alarm.name);
});
// Optional permission: the API exists only once the person has allowed notifications, so the
// listener is added at start-up when allowed, and as soon as they allow it.
const listenToNotifications = () => {
	if (browser.notifications && !browser.notifications.onClicked.hasListener(onNotificationClicked)) {
		browser.notifications.onClicked.addListener(onNotificationClicked);
	}
};
const onNotificationClicked = (id: string) => void onWarningClicked(id);
listenToNotifications();
browser.permissions.onAdded.addListener(listenToNotifications);
browser.runtime.onConnect.addListener(acceptClipboardPort);
browser.runtime.onConnect.addListener((port) => acceptPasskeyPort(port, ready));
browser.commands.onCommand.addListener((command) => {
	if (command === copySessionCommand) void copyActiveSession();
});
// The badge follows the session and the active profile, and is redrawn on every wake.
storage.onChanged((names) => {
	if (names.some((name) => name === 'sessions' || name === 'activeProfileId' || name === 'profiles' || name === 'keyInfo'))
		void updateBadge();
	if (names.includes('sessions')) void scheduleExpiryWarnings();
	if (names.some((name) => name === 'sessions' || name === 'profiles' || name === 'cliModes' || name === 'vault')) void syncHelper();
});
void updateBadge();
// The command-line helper lives only while this worker's port to it is open: reopen it on every wake.
void startHelper();
