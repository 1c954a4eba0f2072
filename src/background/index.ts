// The service worker's entry: it only wires. Every listener is registered synchronously on the
// first run, because MV3 wakes a worker only for listeners registered then.
import browser from '../browser';
import { migrate } from '../storage';
import { handlers } from './handlers';
import { listen } from './listen';
import { autoLockAlarm, lockIfIdle } from './vault';

listen(handlers);
browser.runtime.onInstalled.addListener(() => migrate());
browser.alarms.onAlarm.addListener((alarm) => {
	if (alarm.name === autoLockAlarm) void lockIfIdle();
});
