import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCliServer } from './support/cli.js';
import { pullAll } from './support/pull-all.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';

const CORP = 'wwd3m0c0rp00000001';
const SECRET = 'demo-secret-for-local-use-only-000000001';
const KEY = 'demo-ingest-key-for-local-use-only-000001';
const LIVE = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';

async function ingest(url: string, ids: string[]) {
  const reply = await call(`${url}/livestat/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events: ids.map((id, i) => ({ id, livingid: LIVE, at: 1764230400000 + i * 1000, kind: 'enter', viewer: { userid: `backup-${id}` } })) }),
  });
  expect(reply.status).toBe(200);
}

async function pages(url: string) {
  return pullAll(url, await getToken(url, CORP, SECRET), LIVE);
}

// The first test starts two real `livestat serve` processes: several seconds each on a loaded machine.
describe('livestat backup / restore (SQLite)', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('backs up a running server, refuses to restore over it, restores once it stopped', async () => {
    const db = join(dir, 'live.db');
    const copy = join(dir, 'copy.db');
    const server = await startCliServer(['--db', db, '--scenario', 'scenarios/demo.json', '--log-level', 'warn']);
    let atBackup;
    try {
      await ingest(server.url, ['a1', 'a2', 'a3']);
      atBackup = await pages(server.url);
      expect(atBackup.users.some((u) => u.userid === 'backup-a1')).toBe(true);
      // Online: the server keeps running (and writing) while the copy is taken.
      const [backup] = await Promise.all([runCli(['backup', copy, '--db', db]), ingest(server.url, ['b1'])]);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      expect(backup.stdout).toMatch(/^backed up .*live\.db to .*copy\.db \(\d+ pages\)$/m);
      await ingest(server.url, ['c1']);

      const refused = await runCli(['restore', copy, '--db', db]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/in use by another process/);
      // The refused restore changed nothing: the server still serves what it had.
      const still = await pages(server.url);
      expect(still.users.some((u) => u.userid === 'backup-c1')).toBe(true);

      const again = await runCli(['backup', copy, '--db', db]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already exists/);
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const restored = await runCli(['restore', copy, '--db', db]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(existsSync(`${db}-wal`)).toBe(false);
    const after = await startCliServer(['--db', db, '--log-level', 'warn']);
    try {
      const back = await pages(after.url);
      // The copy holds a1..a3 and may or may not hold b1 (sent while it was taken), never c1.
      const withoutB1 = (list: { userid: string }[]) => list.filter((u) => u.userid !== 'backup-b1');
      expect(withoutB1(back.users)).toEqual(withoutB1(atBackup.users));
      expect(back.external_users).toEqual(atBackup.external_users);
      expect(back.users.some((u) => u.userid === 'backup-c1')).toBe(false);
    } finally {
      await after.stop();
    }
  }, 240_000);

  it('refuses to restore a file that is not a livestat database, and leaves the target alone', async () => {
    const junk = join(dir, 'junk.db');
    await writeFile(junk, 'not sqlite at all');
    const target = join(dir, 'target.db');
    await writeFile(target, 'precious');
    const r = await runCli(['restore', junk, '--db', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not a livestat database/);
    expect(statSync(target).size).toBe('precious'.length);
  });

  it('points PostgreSQL users to pg_dump', async () => {
    const r = await runCli(['backup', join(dir, 'x.db'), '--database-url', 'postgres://u@127.0.0.1:1/db']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pg_dump/);
  });
});
