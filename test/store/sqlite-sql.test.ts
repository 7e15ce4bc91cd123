import { describe, expect, it } from 'vitest';
import type { App } from '../../src/domain/model.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

describe('SQLite transactions behind the shared Sql', () => {
  it('make every other call wait, so none sees half a transaction', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    try {
      await store.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
      // upsertApp is two statements in one transaction; the reads start before it commits.
      const writing = store.upsertApp({ corpid: 'c', agentid: 7, kind: 'self_built', livingApi: true, trustedIps: [] }, 'hash-of-secret');
      const secrets = store.listAppSecrets('c');
      const app = store.getApp('c', 7);
      expect(await writing).toBe(true);
      expect(await secrets).toEqual([{ agentid: 7, secretHash: 'hash-of-secret' }]);
      expect((await app)?.agentid).toBe(7);
    } finally {
      await store.close();
    }
  });

  it('run a transaction started while another is in flight after it, and a failed one leaves nothing', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    try {
      await store.upsertCorp({ corpid: 'c', name: 'c', grandfatheredSystemApp: false });
      const app: App = { corpid: 'c', agentid: 7, kind: 'self_built', livingApi: true, trustedIps: [] };
      const [first, second] = await Promise.all([store.upsertApp(app, 'one'), store.upsertApp(app, 'two')]);
      expect([first, second]).toEqual([true, true]);
      expect(await store.listAppSecrets('c')).toEqual([{ agentid: 7, secretHash: 'two' }]);
      // An app of a corp that does not exist breaks the foreign key: the whole transaction goes.
      await expect(store.upsertApp({ ...app, corpid: 'nope' }, 'three')).rejects.toThrow(/FOREIGN KEY/);
      expect(await store.getApp('nope', 7)).toBeUndefined();
      expect(await store.listAppSecrets('c')).toEqual([{ agentid: 7, secretHash: 'two' }]);
    } finally {
      await store.close();
    }
  });
});
