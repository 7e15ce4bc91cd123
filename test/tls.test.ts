import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_SIGNED_CERT_FILE, SELF_SIGNED_KEY_FILE, selfSignedTls } from '../src/cli/serve-tls.js';
import { cliArgs } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

/** A GET over HTTPS that verifies the certificate against `ca` and the host name it connects to. */
function httpsGet(url: string, ca: string, servername?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, ...(servername ? { servername } : {}) }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('serve --tls-self-signed: a certificate next to the database that a verifying client accepts for localhost and 127.0.0.1', async () => {
    const db = join(dir, 'data', 'tls.db');
    const child = spawn(process.execPath, cliArgs(['serve', '--port', '0', '--db', db, '--tls-self-signed', '--log-level', 'warn']), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /livestat listening on (https:\/\/\S+)/.exec(out);
          if (m && out.includes('curl --cacert')) resolve(m[1]!);
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const certFile = join(dir, 'data', SELF_SIGNED_CERT_FILE);
      expect(out).toContain(`NODE_EXTRA_CA_CERTS=${certFile}`);
      expect(out).toContain(`curl --cacert ${certFile}`);
      const ca = await readFile(certFile, 'utf8');
      const port = new URL(url).port;
      expect(await httpsGet(`https://127.0.0.1:${port}/livestat/health`, ca)).toEqual({ status: 200, body: '{"status":"ok"}' });
      expect((await httpsGet(`https://localhost:${port}/livestat/health`, ca)).status).toBe(200);
      // An SDK pointed at qyapi.weixin.qq.com by a hosts entry: the name it checks is WeCom's.
      expect((await httpsGet(`https://127.0.0.1:${port}/livestat/health`, ca, 'qyapi.weixin.qq.com')).status).toBe(200);
      // Verification is real: a name the certificate does not carry, or no trust, fails.
      await expect(httpsGet(`https://127.0.0.1:${port}/livestat/health`, ca, 'example.com')).rejects.toThrow(/altnames|Hostname/);
      await expect(httpsGet(`https://127.0.0.1:${port}/livestat/health`, '')).rejects.toThrow();
      expect((await stat(join(dir, 'data', SELF_SIGNED_KEY_FILE))).mode & 0o077).toBe(0);
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('a certificate still good is reused; one about to expire is made anew', async () => {
    const now = Date.now();
    const first = await selfSignedTls(join(dir, 'reuse'), now);
    const second = await selfSignedTls(join(dir, 'reuse'), now);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.cert).toBe(first.cert);
    const validTo = Date.parse(new X509Certificate(first.cert).validTo);
    const later = await selfSignedTls(join(dir, 'reuse'), validTo - 86_400_000);
    expect(later.created).toBe(true);
    expect(later.cert).not.toBe(first.cert);
  });

  it('serve --tls-cert/--tls-key refuses a key of another certificate', async () => {
    const a = await selfSignedTls(join(dir, 'a'));
    const b = await selfSignedTls(join(dir, 'b'));
    const { runCli } = await import('./support/cli.js');
    const r = await runCli(['serve', '--port', '0', '--db', join(dir, 'x.db'), '--tls-cert', a.certFile, '--tls-key', join(dir, 'b', SELF_SIGNED_KEY_FILE)]);
    expect(b.created).toBe(true);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tls-key is not the key of --tls-cert/);
  });
});
