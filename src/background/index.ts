// The service worker's entry: it only wires. Every listener is registered synchronously on the
// first run, because MV3 wakes a worker only for listeners registered then.
import browser from '../browser';
import { migrate } from '../storage';
import { handlers } from './handlers';
import { listen } from './listen';
import { autoLockAlarm, lockIfIdle } from './vault';

// Every wake checks the schema (one read when current); requests wait for it.
listen(handlers, migrate());
browser.alarms.onAlarm.addListener((alarm) => {
	if (alarm.name === autoLockAlarm) void lockIfIdle();
});
