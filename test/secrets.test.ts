import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredential } from '../src/domain/credentials.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { runCli, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken, watchStat } from './support/test-server.js';
import { sqliteOnly } from './support/stores.js';

const CORP = 'wwsecre7c0rp000001';
const SECRET = 'plaintext-app-secret-6f1d2c9a8b7e';
const SECRET_2 = 'plaintext-agency-secret-41c0ffee';
const FIXED_TOKEN = 'plaintext-preissued-token-9d8c7b6a';
const INGEST_KEY = 'plaintext-ingest-key-5e4d3c2b1a09';
const ADMIN_KEY = 'plaintext-admin-key-0a1b2c3d4e5f';
const WRONG_SECRET = 'plaintext-wrong-secret-77aa88bb';
const LIVE = 'lvSecretsTestLive000000000000000';

const scenario: Scenario = {
  corps: [
    {
      corpid: CORP,
      ingest_keys: [INGEST_KEY],
      apps: [
        { agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true },
        { agentid: 1000003, kind: 'agency', secret: SECRET_2, living_api: true },
        { agentid: 1000004, kind: 'third_party', access_token: FIXED_TOKEN, living_api: true },
      ],
      livings: [{ livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 't', living_start: 1764230400, living_duration: 3600 }],
    },
  ],
};

// Why SQLite only: see SQLITE_ONLY in support/stores.ts (printed when PostgreSQL is there too).
for (const backend of sqliteOnly('secrets')) describe(backend.name, () => {
  describe('secrets', () => {
    let dir: string;
    let remove: () => Promise<void>;
    beforeAll(async () => ({ dir, remove } = await tempDir()));
    afterAll(() => remove());

    it('new credentials are 43 base64url characters (256 bits) and never repeat', () => {
      const seen = new Set<string>();
      for (let i = 0; i < 20_000; i++) {
        const c = newCredential();
        expect(c).toMatch(/^[A-Za-z0-9_-]{43}$/);
        seen.add(c);
      }
      expect(seen.size).toBe(20_000);
    });

    it('appear in no log line, no snapshot and nowhere in the database files, WAL included', async () => {
      const file = join(dir, 'scenario.json');
      await writeFile(file, JSON.stringify(scenario));
      const db = join(dir, 'secrets.db');
      const server = await startCliServer(['--db', db, '--scenario', file, '--log-level', 'trace', '--admin-key', ADMIN_KEY]);
      const plaintexts = [SECRET, SECRET_2, FIXED_TOKEN, INGEST_KEY, ADMIN_KEY, WRONG_SECRET];
      try {
        const created = await Promise.all([0, 1, 2].map(() => runCli(['keys', 'create', '--corpid', CORP, '--db', db])));
        const keys = created.map((c) => c.stdout.trim());
        for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(new Set(keys).size).toBe(3);
        plaintexts.push(...keys);

        // Use every credential, rightly and wrongly, in the query, headers and body.
        const token = await getToken(server.url, CORP, SECRET);
        const token2 = await getToken(server.url, CORP, SECRET_2);
        plaintexts.push(token, token2);
        expect((await call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${WRONG_SECRET}`)).body.errcode).toBe(40001);
        for (const t of [token, token2, FIXED_TOKEN]) await watchStat(server.url, t, { livingid: LIVE });
        await watchStat(server.url, `${token}x`, { livingid: LIVE, access_token: token });
        await call(`${server.url}/cgi-bin/living/get_watch_stat?access_token=${token}&corpsecret=${SECRET}`, { method: 'GET' });
        for (const key of [INGEST_KEY, ...keys]) {
          const events = [{ id: `e-${key.slice(0, 4)}`, livingid: LIVE, at: 1764230460000, kind: 'enter', viewer: { userid: 'u1' } }];
          const res = await call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ events }) });
          expect(res.status).toBe(200);
        }
        await call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${WRONG_SECRET}` }, body: '{}' });
        expect((await call(`${server.url}/livestat/admin/corps`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).status).toBe(200);
        await call(`${server.url}/livestat/admin/corps`, { headers: { authorization: `Bearer ${WRONG_SECRET}` } });
        // The snapshot of this world (GET /livestat/admin/state, what --export-on-exit writes) holds hashes only.
        const snapshot = await call(`${server.url}/livestat/admin/state`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
        expect(snapshot.status).toBe(200);
        expect(snapshot.text).toContain('"secret_hash":"sha256$');
        for (const p of plaintexts) expect(snapshot.text.includes(p), `snapshot contains ${p.slice(0, 12)}…`).toBe(false);

        // A kill leaves the WAL file in place: the dump below sees what a thief of the disk would.
        server.child.kill('SIGKILL');
        await server.stop();
        // The pino lines only: the start banner prints the scenario's first secret on purpose, for the operator's curl.
        const logs = server
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .join('\n');
        expect(logs).toContain('"url":"/cgi-bin/gettoken?corpid=');
        for (const p of plaintexts) expect(logs.includes(p), `log contains ${p.slice(0, 12)}…`).toBe(false);
        const files = (await readdir(dir)).filter((f) => f.startsWith('secrets.db'));
        expect(files).toContain('secrets.db-wal');
        for (const f of files) {
          const bytes = await readFile(join(dir, f));
          for (const p of plaintexts) {
            expect(bytes.includes(Buffer.from(p, 'utf8')), `${f} contains ${p.slice(0, 12)}…`).toBe(false);
            expect(bytes.includes(Buffer.from(p, 'utf16le')), `${f} contains ${p.slice(0, 12)}… (UTF-16)`).toBe(false);
          }
        }
      } finally {
        if (server.child.exitCode === null && server.child.signalCode === null) await server.stop();
      }
    });
  });
});
