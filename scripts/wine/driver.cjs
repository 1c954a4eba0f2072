// Runs under Windows Node (node.exe in wine): drives the built helper as a browser and an AWS tool
// would on Windows, over a real named pipe, and writes one JSON line per check to the file in argv[3].
// Plain CommonJS with no imports from src: the helper it drives is the build under test.
const { execFile, spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { appendFileSync, readFileSync } = require('node:fs');
const { createConnection, createServer } = require('node:net');
const { join } = require('node:path');

const [helper, results] = process.argv.slice(2);
const folder = join(process.env.LOCALAPPDATA, 'MFA Session');
const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/';
const session = {
	accessKeyId: 'ASIAEXAMPLE000000042',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
	sessionToken: 'TOKEN42',
	expiration: new Date(Date.now() + 3_600_000).toISOString(),
};

function check(name, ok, detail) {
	appendFileSync(results, `${JSON.stringify({ name, ok: Boolean(ok), detail: String(detail).slice(0, 400) })}\n`);
}

/** Fails after `ms` with what was awaited, so nothing here hangs. */
function bounded(promise, ms, what) {
	let timer;
	const timeout = new Promise((_, failed) => {
		timer = setTimeout(() => failed(new Error(`no ${what} within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The host as the browser starts it: native messages on stdin and stdout (Windows pipes here). */
function startHost() {
	const child = spawn(process.execPath, [helper, origin], { stdio: ['pipe', 'pipe', 'ignore'] });
	const waiting = new Map();
	let buffered = Buffer.alloc(0);
	child.stdout.on('data', (chunk) => {
		buffered = Buffer.concat([buffered, chunk]);
		while (buffered.length >= 4 && buffered.length >= 4 + buffered.readUInt32LE(0)) {
			const message = JSON.parse(buffered.subarray(4, 4 + buffered.readUInt32LE(0)).toString('utf8'));
			buffered = buffered.subarray(4 + buffered.readUInt32LE(0));
			waiting.get(message.id)?.(message);
		}
	});
	const send = (message) => {
		const body = Buffer.from(JSON.stringify(message));
		const header = Buffer.alloc(4);
		header.writeUInt32LE(body.length);
		child.stdin.write(Buffer.concat([header, body]));
		return bounded(new Promise((done) => waiting.set(message.id, done)), 30_000, `answer ${message.id}`);
	};
	const stop = () => {
		if (child.exitCode !== null) return Promise.resolve();
		const exited = new Promise((done) => child.once('exit', done));
		child.stdin.end();
		return bounded(exited, 30_000, 'host exit').catch(() => child.kill());
	};
	return { child, send, stop };
}

function helperCommand(args) {
	return new Promise((done) => {
		execFile(process.execPath, [helper, ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
			done({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
		);
	});
}

/** Every byte a pipe connection receives until it closes. */
function recorded(socket) {
	const chunks = [];
	socket.on('data', (chunk) => chunks.push(chunk));
	socket.on('error', () => socket.destroy());
	return bounded(new Promise((done) => socket.once('close', () => done(Buffer.concat(chunks)))), 30_000, 'close');
}

async function main() {
	const host = startHost();
	const hello = await host.send({ id: 1, type: 'hello' });
	check(
		'the host serves the channel and names its pipe-name file',
		hello.info?.serving && hello.info.socket === join(folder, 'pipe-name'),
		JSON.stringify(hello),
	);
	const pipe = readFileSync(join(folder, 'pipe-name'), 'utf8').trim();
	check('the pipe has a random name', /^\\\\\.\\pipe\\mfa-session-[0-9a-f]{32}$/.test(pipe), pipe);
	check(
		'the secret is 32 random bytes in hex',
		/^[0-9a-f]{64}$/.test(readFileSync(join(folder, 'channel-secret'), 'utf8').trim()),
		'channel-secret',
	);

	await host.send({ id: 2, type: 'serve', profile: 'work', credentials: session });
	const run = await helperCommand(['credentials', 'work']);
	let document = {};
	try {
		document = JSON.parse(run.stdout);
	} catch {}
	check(
		'credentials answers over the pipe as credential_process JSON',
		run.code === 0 && document.SessionToken === 'TOKEN42',
		run.stdout + run.stderr,
	);
	const status = await helperCommand(['status']);
	check('status is answered over the pipe', status.stdout.includes(`(helper process ${host.child.pid}) serves`), status.stdout);

	const second = startHost();
	const secondHello = await second.send({ id: 1, type: 'hello' });
	check('a second host leaves the channel to the live one', secondHello.info?.serving === false, JSON.stringify(secondHello));
	await second.stop();

	const stranger = createConnection(pipe);
	const strangerGot = recorded(stranger);
	stranger.write(Buffer.concat([Buffer.of(1), randomBytes(32), randomBytes(32)]));
	const got = await strangerGot;
	check('a client without the secret gets the server’s nonce and proof and nothing else', got.length === 64, `${got.length} bytes`);

	await host.stop();
	const squatted = [];
	const squatter = createServer((socket) => {
		socket.on('data', (chunk) => squatted.push(chunk));
		socket.on('error', () => socket.destroy());
		socket.write(randomBytes(64));
		// A client that wrongly went on would wait for an answer: hang up on it after a while.
		setTimeout(() => socket.destroy(), 3_000);
	});
	await bounded(new Promise((done, failed) => squatter.once('error', failed).listen(pipe, done)), 30_000, 'squatter listening');
	const refused = await helperCommand(['credentials', 'work']);
	const bytes = Buffer.concat(squatted);
	squatter.close();
	check(
		'credentials refuses a squatter at the old pipe and sends it only its nonce',
		refused.code !== 0 && refused.stderr.startsWith('Open your browser with MFA Session') && bytes.length === 33,
		`${refused.stderr.trim()} (${bytes.length} bytes)`,
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		check('the driver ran to its end', false, error.stack ?? error);
		process.exit(1);
	},
);
