import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliServer } from './support/cli.js';
import { PG_BIN, createTestDatabase, postgresUnavailable, startCluster, type TestCluster } from './support/postgres.js';
import { pullAll } from './support/pull-all.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';

const run = promisify(execFile);
const CORP = 'wwd3m0c0rp00000001';
const SECRET = 'demo-secret-for-local-use-only-000000001';
const KEY = 'demo-ingest-key-for-local-use-only-000001';
const LIVE = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';
const why = postgresUnavailable() ?? (process.env.LIVESTAT_TEST_DATABASE_URL ? undefined : 'no test cluster');
if (why) process.stdout.write(`postgres dump/restore test not run: ${why}\n`);

describe.skipIf(why !== undefined)('PostgreSQL: pg_dump of a running server, pg_restore into a fresh cluster', () => {
  let db: { url: string; drop: () => Promise<void> };
  let fresh: TestCluster;
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    db = (await createTestDatabase())!;
    fresh = await startCluster();
    ({ dir, remove } = await tempDir());
  });
  afterAll(async () => {
    await db.drop();
    await fresh.stop();
    await remove();
  });

  it('the restored database serves the same get_watch_stat pages', async () => {
    const dump = join(dir, 'livestat.dump');
    const server = await startCliServer(['--database-url', db.url, '--scenario', 'scenarios/demo.json', '--log-level', 'warn']);
    let before;
    try {
      const events = ['p1', 'p2'].map((id, i) => ({ id, livingid: LIVE, at: 1764230400000 + i * 1000, kind: 'enter', viewer: { userid: `pg-${id}` } }));
      const ingest = await call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
      expect(ingest.body).toMatchObject({ accepted: 2 });
      before = await pullAll(server.url, await getToken(server.url, CORP, SECRET), LIVE);
      expect(before.users.some((u) => u.userid === 'pg-p1')).toBe(true);
      // The commands of docs/OPERATIONS.md, against the running server's database.
      await run(join(PG_BIN, 'pg_dump'), ['--format=custom', '--no-owner', `--file=${dump}`, db.url]);
    } finally {
      await server.stop();
    }
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    await admin.query('CREATE DATABASE livestat_restored');
    await admin.end();
    const restoredUrl = fresh.url.replace(/\/postgres$/, '/livestat_restored');
    await run(join(PG_BIN, 'pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump]);

    const restored = await startCliServer(['--database-url', restoredUrl, '--log-level', 'warn']);
    try {
      const after = await pullAll(restored.url, await getToken(restored.url, CORP, SECRET), LIVE);
      expect(after).toEqual(before);
    } finally {
      await restored.stop();
    }
  }, 240_000);
});
