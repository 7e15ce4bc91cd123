import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { syntheticRows } from '../../src/scenario/synthetic-rows.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../support/temp-dir.js';

const indexes = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
  } finally {
    db.close();
  }
};

describe('a bulk load into SQLite', () => {
  it('leaves every index as the migrations made it, whether it rebuilt them or not', async () => {
    const { dir, remove } = await tempDir();
    const path = join(dir, 'bulk.db');
    const store = new SqliteStore({ path });
    try {
      await store.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
      for (const livingid of ['lv1', 'lv2']) await store.upsertLiving({ corpid: 'c', livingid, anchorUserid: 'a', theme: 't', type: 0, livingStart: 0, livingDuration: 3600, description: '' });
      const before = indexes(path);
      expect(before.length).toBeGreaterThan(3);
      // Into an empty table: the secondary indexes are dropped and rebuilt.
      const big = { members: 10_000, external: 30_000, seed: 3, durationSeconds: 3600 };
      await store.setSyntheticViewers('c', 'lv1', big, () => syntheticRows(big));
      expect(indexes(path)).toEqual(before);
      // Smaller than what the table holds: loaded through the indexes.
      const small = { members: 1_000, external: 21_000, seed: 4, durationSeconds: 3600 };
      await store.setSyntheticViewers('c', 'lv2', small, () => syntheticRows(small));
      expect(indexes(path)).toEqual(before);
      expect(await store.countViewers('c', 'lv1')).toBe(40_000);
      expect(await store.countViewers('c', 'lv2')).toBe(22_000);
      // The rebuilt indexes answer the dashboard's orders.
      const byTime = await store.pageAudience('c', 'lv1', { sort: 'watch_time', desc: true, limit: 3 });
      expect(byTime.map((v) => v.watchTime)).toEqual([...syntheticRows(big)].map((v) => v.watchTime).sort((a, b) => b - a).slice(0, 3));
    } finally {
      await store.close();
      await remove();
    }
  });
});
