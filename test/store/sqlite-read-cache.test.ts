import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

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

describe('the SQLite read cache', () => {
  it('sees a commit by another process from the next event-loop turn on', async () => {
    const { execFileSync } = await import('node:child_process');
    const { dir, remove } = await tempDir();
    const path = join(dir, 'proc.db');
    const store = new SqliteStore({ path });
    try {
      await store.upsertCorp({ corpid: 'c', name: 'before', grandfatheredSystemApp: false });
      expect((await store.getCorp('c'))?.name).toBe('before');
      // Another process writes the file directly.
      const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)}); db.prepare("UPDATE corps SET name = 'after'").run(); db.close();`;
      execFileSync(process.execPath, ['-e', script], { cwd: process.cwd() });
      await new Promise((resolve) => setImmediate(resolve));
      expect((await store.getCorp('c'))?.name).toBe('after');
    } finally {
      await store.close();
      await remove();
    }
  });

  it('forgets a revoked token at once', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    const hash = Buffer.alloc(32, 1);
    await store.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
    await store.upsertApp({ corpid: 'c', agentid: 1, kind: 'self_built', livingApi: true, trustedIps: [] });
    await store.saveToken({ hash, corpid: 'c', agentid: 1 });
    expect(await store.findToken(hash)).toBeDefined();
    await store.revokeTokens('c', 1);
    expect(await store.findToken(hash)).toBeUndefined();
    await store.close();
  });
});
