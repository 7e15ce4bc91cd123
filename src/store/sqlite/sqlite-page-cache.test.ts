import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { SqliteStore } from './sqlite-store.js';

describe('the SQLite page cache', () => {
  it('drops pages when another connection writes to the same file', async () => {
    const { dir, remove } = await tempDir();
    const path = join(dir, 'cache.db');
    const a = new SqliteStore({ path });
    const b = new SqliteStore({ path });
    try {
      await a.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
      await a.upsertLiving({ corpid: 'c', livingid: 'lv1', anchorUserid: 'a', theme: 't', type: 0, livingStart: 0, livingDuration: 60, description: '' });
      await a.setDeclaredViewers('c', 'lv1', [{ kind: 0, id: 'one', watchTime: 1, isComment: 0, isMic: 0 }]);
      expect((await a.pageWire('c', 'lv1', undefined, 10)).map((w) => w.id)).toEqual(['one']);
      await b.setDeclaredViewers('c', 'lv1', [{ kind: 0, id: 'two', watchTime: 2, isComment: 0, isMic: 0 }]);
      expect((await a.pageWire('c', 'lv1', undefined, 10)).map((w) => w.id)).toEqual(['two']);
    } finally {
      await a.close();
      await b.close();
      await remove();
    }
  });

  it('can be turned off', async () => {
    const store = new SqliteStore({ path: ':memory:', pageCacheSize: 0 });
    await store.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
    await store.upsertLiving({ corpid: 'c', livingid: 'lv1', anchorUserid: 'a', theme: 't', type: 0, livingStart: 0, livingDuration: 60, description: '' });
    expect(await store.pageWire('c', 'lv1', undefined, 10)).toEqual([]);
    await store.close();
  });
});
