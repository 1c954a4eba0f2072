// The benchmark's second floor for the helper executable: the least a compiled program can do to get
// a session from the running host, one request over the same socket with node:net and the answer
// printed, with no checks, no messages and nothing else. Built like the helper (bench-helper.ts).
import { createConnection } from 'node:net';
import { join } from 'node:path';

const socket = createConnection(join(process.env.XDG_RUNTIME_DIR ?? '', 'mfa-session', 'helper.sock'));
let answer = '';
socket.once('connect', () =>
	socket.write(`${JSON.stringify({ type: 'credentials', profile: 'work', caller: 'bench', waitSeconds: 60 })}\n`),
);
socket.on('data', (chunk) => {
	answer += chunk.toString('utf8');
});
socket.once('close', () => process.stdout.write(`${JSON.stringify(JSON.parse(answer).credentials)}\n`));
