// `npm start`: the whole product on this machine in a minute, without an AWS account. A local STS,
// Chromium with the extension and a demo profile, and the demo device's MFA code in the terminal.
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { totpAt } from '../e2e/sts/totp';
import { demoPassphrase, startDemo } from '../e2e/support/demo-setup';

if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
	console.error('npm start opens a browser window, but there is no display (DISPLAY is not set).');
	console.error('Run it in a desktop session, or under Xvfb: xvfb-run -a npm start');
	process.exit(1);
}

// A fresh browser profile each run, inside the project's ignored files: never the person's own.
const userDataDir = resolve(import.meta.dirname, '..', '.demo-profile');
await rm(userDataDir, { recursive: true, force: true });
const started = Date.now();
const demo = await startDemo({ headless: false, userDataDir });

console.log(`\nMFA Session demo is ready (${((Date.now() - started) / 1000).toFixed(1)} s).`);
console.log(`  Local STS:        ${demo.sts.url}  (never AWS)`);
console.log(`  Demo profile:     "demo", vault passphrase: ${demoPassphrase}`);
console.log('  Open the popup from the toolbar (puzzle icon → MFA Session, or Alt+Shift+M) and type the code below.');
console.log('  Ctrl+C stops the browser and the STS.\n');

function printCode(): void {
	const now = Date.now();
	const left = 30 - Math.floor((now / 1000) % 30);
	console.log(`  MFA code: ${totpAt(demo.user.totpSecret, now)}  (${left} s left)`);
}
// Print now, then at the start of every 30 s period, when the code changes.
printCode();
setTimeout(
	() => {
		printCode();
		setInterval(printCode, 30_000);
	},
	30_000 - (Date.now() % 30_000) + 50,
);

let stopping = false;
async function stop(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log('\nStopping the browser and the local STS…');
	await demo.close();
	process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
demo.ext.context.on('close', () => void stop(0));
