import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows } from '../src/scenario/synthetic-rows.js';
import { loadScenario } from '../src/scenario/scenario-load.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { checkpointTruncate } from '../src/store/sqlite/sqlite-maintenance.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { TEST_NOW } from './support/test-server.js';

const MB = 1024 * 1024;
const walSize = (db: string) => (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0);

function bigScenario(): Scenario {
  const scenario = {
    corps: [
      {
        corpid: 'wwwa1c0rp000000001',
        apps: [{ agentid: 1000002, kind: 'self_built', secret: 'wal-test-secret-0123456789abcdef', living_api: true }],
        livings: [{ livingid: 'lvWalTestBigLive0000000000000000', anchor_userid: 'zhangsan', theme: 'wal', creator_agentid: 1000002, living_start: TEST_NOW / 1000 - 7200, living_duration: 3600, synthetic_viewers: { members: 60_000, external: 60_000, seed: 3 } }],
      },
    ],
  };
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.scenario;
}

describe('the WAL after a bulk load', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('a TRUNCATE checkpoint brings a WAL that held a large load back to zero while the store stays open', async () => {
    const db = join(dir, 'load.db');
    const store = new SqliteStore({ path: db });
    try {
      await loadScenario(store, bigScenario(), { synthetic: syntheticRows, nowMs: TEST_NOW });
      const before = walSize(db);
      expect(before).toBeGreaterThan(10 * MB);
      const result = checkpointTruncate(db);
      expect(result.busy).toBe(false);
      expect(walSize(db)).toBe(0);
      expect(statSync(db).size).toBeGreaterThan(10 * MB);
      // The store still reads and writes after the checkpoint.
      expect(await store.countViewers('wwwa1c0rp000000001', 'lvWalTestBigLive0000000000000000')).toBe(120_000);
    } finally {
      await store.close();
    }
  });

  it('livestat serve checkpoints after loading its scenarios', async () => {
    const db = join(dir, 'serve.db');
    const file = join(dir, 'big.json');
    await writeFile(file, JSON.stringify(bigScenario()));
    const server = await startCliServer(['--db', db, '--scenario', file, '--log-level', 'warn']);
    try {
      expect(statSync(db).size).toBeGreaterThan(10 * MB);
      expect(walSize(db)).toBeLessThan(1 * MB);
    } finally {
      await server.stop();
    }
  }, 240_000);
});
