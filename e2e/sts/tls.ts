// The local STS under AWS's own host names: a test certificate authority made with openssl, a
// server certificate for STS's real host names, and the Chromium flags that send those names to
// the local server and trust the test CA's certificate. Nothing here touches the machine's trust store.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** STS host names the test certificate covers: global, regional, FIPS, GovCloud, China, and one that is not STS. */
export const testHosts = [
	'sts.amazonaws.com',
	'sts.us-east-1.amazonaws.com',
	'sts.eu-west-1.amazonaws.com',
	'sts-fips.us-east-1.amazonaws.com',
	'sts.us-gov-west-1.amazonaws.com',
	'sts.cn-north-1.amazonaws.com.cn',
	'vpce-0a1b2c3d4e5f67890-abcdefgh.sts.eu-west-1.vpce.amazonaws.com',
	'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com',
] as const;

export interface TestCertificate {
	key: string;
	cert: string;
	/** The CA's certificate, for programs that take a CA bundle. */
	ca: string;
	/** base64 SHA-256 of the server key's SubjectPublicKeyInfo, as Chromium's SPKI allow-list wants it. */
	spki: string;
}

let made: TestCertificate | undefined;

function openssl(args: string[], cwd: string): void {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA and a server certificate for `testHosts`, made once per process with Debian's openssl. */
export function testCertificate(): TestCertificate {
	if (made) return made;
	const dir = mkdtempSync(join(tmpdir(), 'mfa-session-ca-'));
	try {
		const days = ['-days', '2'];
		openssl(
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				...days,
				'-subj',
				'/CN=MFA Session test CA',
				'-keyout',
				'ca.key',
				'-out',
				'ca.pem',
				'-addext',
				'basicConstraints=critical,CA:TRUE',
				'-addext',
				'keyUsage=critical,keyCertSign',
			],
			dir,
		);
		openssl(
			[
				'req',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-subj',
				'/CN=sts.amazonaws.com',
				'-keyout',
				'server.key',
				'-out',
				'server.csr',
			],
			dir,
		);
		writeFileSync(
			join(dir, 'ext.cnf'),
			`subjectAltName=${testHosts.map((host) => `DNS:${host}`).join(',')}\nextendedKeyUsage=serverAuth\n`,
		);
		openssl(
			[
				'x509',
				'-req',
				'-in',
				'server.csr',
				'-CA',
				'ca.pem',
				'-CAkey',
				'ca.key',
				'-CAcreateserial',
				...days,
				'-extfile',
				'ext.cnf',
				'-out',
				'server.pem',
			],
			dir,
		);
		const cert = readFileSync(join(dir, 'server.pem'), 'utf8');
		const spkiDer = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
		made = {
			key: readFileSync(join(dir, 'server.key'), 'utf8'),
			cert,
			ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
			spki: createHash('sha256').update(spkiDer).digest('base64'),
		};
		return made;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Chromium flags that send `testHosts` to a local HTTPS port and accept the test certificate there. */
export function chromiumFlagsFor(port: number): string[] {
	const rules = testHosts.map((host) => `MAP ${host} 127.0.0.1:${port}`);
	return [
		`--host-resolver-rules=${rules.join(', ')}, MAP *.amazonaws.com ~NOTFOUND, MAP *.amazonaws.com.cn ~NOTFOUND`,
		`--ignore-certificate-errors-spki-list=${testCertificate().spki}`,
	];
}
