import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A certificate authority made for one test run (openssl), with a TLS certificate for 127.0.0.1 and an
 * SNS-style signing certificate, both issued by it. Nothing here is trusted outside the test.
 */
export function makeTestCertificates() {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-ca-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=broadsheet test CA');
  const issue = (name: string, subject: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
    return { key: readFileSync(join(dir, `${name}.key`), 'utf8'), cert: readFileSync(join(dir, `${name}.pem`), 'utf8') };
  };
  return {
    ca: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    tls: issue('tls', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1\n'),
    sns: issue('sns', '/CN=sns.eu-west-1.amazonaws.com', 'keyUsage=digitalSignature\n'),
  };
}
