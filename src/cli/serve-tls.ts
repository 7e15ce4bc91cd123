import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './options.js';

/** The names a self-signed certificate covers: local use, and WeCom's own host for SDKs that cannot change their base URL. */
const SELF_SIGNED_HOSTS = ['localhost', 'qyapi.weixin.qq.com'] as const;
const SELF_SIGNED_IPS = ['127.0.0.1', '::1'] as const;
export const SELF_SIGNED_CERT_FILE = 'livestat-tls-cert.pem';
export const SELF_SIGNED_KEY_FILE = 'livestat-tls-key.pem';

/** A certificate is reused only while it has at least this long to live. */
const MIN_REMAINING_MS = 7 * 86_400_000;
const VALIDITY_DAYS = 397;

export interface TlsMaterial {
  key: string;
  cert: string;
  /** What to print: where the files are and how to trust them. */
  lines: string[];
}

/** True when `cert` and `key` pair, cover every self-signed name and are valid for a while yet. */
function stillGood(cert: string, key: string, nowMs: number): boolean {
  try {
    const x509 = new X509Certificate(cert);
    if (!x509.checkPrivateKey(createPrivateKey(key))) return false;
    if (Date.parse(x509.validTo) - nowMs < MIN_REMAINING_MS || Date.parse(x509.validFrom) > nowMs) return false;
    return SELF_SIGNED_HOSTS.every((h) => x509.checkHost(h) !== undefined) && SELF_SIGNED_IPS.every((ip) => x509.checkIP(ip) !== undefined);
  } catch {
    return false;
  }
}

/**
 * The self-signed pair in `dir`: reused when present and still good, else made anew (EC P-256,
 * SHA-256, serverAuth) with the `selfsigned` library. The key file is readable by its owner only.
 */
export async function selfSignedTls(dir: string, nowMs = Date.now()): Promise<TlsMaterial & { created: boolean; certFile: string }> {
  const certFile = join(dir, SELF_SIGNED_CERT_FILE);
  const keyFile = join(dir, SELF_SIGNED_KEY_FILE);
  const existing = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]).catch(() => undefined);
  let created = false;
  let pair = existing ? { cert: existing[0], key: existing[1] } : undefined;
  if (!pair || !stillGood(pair.cert, pair.key, nowMs)) {
    const { generate } = await import('selfsigned');
    const notBeforeDate = new Date(nowMs - 60_000);
    const pems = await generate([{ name: 'commonName', value: 'livestat local' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
      notBeforeDate,
      notAfterDate: new Date(nowMs + VALIDITY_DAYS * 86_400_000),
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...SELF_SIGNED_HOSTS.map((value) => ({ type: 2 as const, value })), ...SELF_SIGNED_IPS.map((ip) => ({ type: 7 as const, ip }))] },
      ],
    });
    pair = { cert: pems.cert, key: pems.private };
    await mkdir(dir, { recursive: true });
    await writeFile(keyFile, pair.key, { mode: 0o600 });
    await writeFile(certFile, pair.cert);
    created = true;
  }
  const lines = [
    `tls: self-signed certificate ${created ? 'made' : 'reused'}: ${certFile} (for ${[...SELF_SIGNED_HOSTS, ...SELF_SIGNED_IPS].join(', ')})`,
    `  trust it: NODE_EXTRA_CA_CERTS=${certFile} node app.js   or   curl --cacert ${certFile} https://localhost:PORT/...`,
  ];
  return { ...pair, lines, created, certFile };
}

/** The pair named by --tls-cert / --tls-key, checked to belong together. */
export async function tlsFromFiles(certFile: string, keyFile: string): Promise<TlsMaterial> {
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]).catch((e: unknown) => {
    throw new UsageError(`cannot read the TLS files: ${e instanceof Error ? e.message : String(e)}`);
  });
  try {
    if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) throw new UsageError('--tls-key is not the key of --tls-cert');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--tls-cert/--tls-key are not a PEM certificate and key: ${(e as Error).message}`);
  }
  return { cert, key, lines: [`tls: ${certFile}`] };
}
