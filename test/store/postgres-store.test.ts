import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/postgres.js';
import type { ViewerEvent } from '../../src/domain/activity/viewer-state.js';
import type { Living, ViewerStat } from '../../src/domain/model.js';
import type { IngestEvent } from '../../src/protocol/events.js';
import { allEventsFold } from './store-contract.js';
import { migratePostgres } from '../../src/store/postgres/postgres-migrations.js';
import { openPool } from '../../src/store/postgres/postgres-pool.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { redactDatabaseUrl } from '../../src/store/postgres/postgres-url.js';
import { MIGRATIONS } from '../../src/store/migrations/migrations.js';

// globalSetup starts the run's cluster or prints why it could not (then these skip).
const available = process.env.LIVESTAT_TEST_DATABASE_URL !== undefined;

describe.skipIf(!available)('PostgresStore', () => {
  // The contract itself runs for every backend in store-contract.test.ts; here what only a shared database has.
  describe('shared by several processes', () => {
    let url: string;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      ({ url, drop } = (await createTestDatabase())!);
    });
    afterAll(() => drop());

    const LIVE: Living = {
      corpid: 'wwshared000000001',
      livingid: 'lvSharedLive00000000000000000001',
      anchorUserid: 'a',
      theme: 't',
      type: 0,
      livingStart: 1_764_230_400,
      livingDuration: 3600,
      description: '',
    };

    it('migrates once when two processes start at once, and reports each migration', async () => {
      const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
      const pool = await openPool(url);
      try {
        const again = await migratePostgres(pool);
        expect(again.every((m) => m.outcome === 'already applied')).toBe(true);
        expect(again.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
        // One server secret for every process, so any of them verifies the others' next_keys.
        const [sa, sb] = await Promise.all([a.serverSecret(), b.serverSecret()]);
        expect(sa.equals(sb)).toBe(true);
      } finally {
        await Promise.all([a.close(), b.close(), pool.end()]);
      }
    });

    it('loses no event when two processes ingest the same viewer concurrently', async () => {
      const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
      try {
        await a.upsertCorp({ corpid: LIVE.corpid, name: 'shared', grandfatheredSystemApp: false });
        await a.upsertLiving(LIVE);
        // The fold counts events: a lost one shows as a smaller watch time.
        const fold = allEventsFold((_l: Living, events: readonly ViewerEvent[]): ViewerStat => ({ kind: 0, id: 'same', watchTime: events.length, isComment: 0, isMic: 0 }));
        const ev = (n: number): IngestEvent => ({ id: `c-${n}`, livingid: LIVE.livingid, at: LIVE.livingStart * 1000 + n, kind: 'heartbeat', viewer: { userid: 'same' } });
        const rounds = 40;
        for (let r = 0; r < rounds; r++) {
          const outcomes = await Promise.all([a.ingestEvents(LIVE.corpid, [ev(2 * r)], fold), b.ingestEvents(LIVE.corpid, [ev(2 * r + 1)], fold)]);
          expect(outcomes).toEqual([['accepted'], ['accepted']]);
          const [row] = await a.pageViewers(LIVE.corpid, LIVE.livingid, undefined, 10);
          expect(row?.watchTime).toBe(2 * r + 2);
        }
        // Overlapping batches from both sides, ids in opposite orders: no deadlock, each id accepted once.
        const batch = Array.from({ length: 200 }, (_, i) => ev(1000 + i));
        const [ra, rb] = await Promise.all([a.ingestEvents(LIVE.corpid, batch, fold), b.ingestEvents(LIVE.corpid, [...batch].reverse(), fold)]);
        expect(ra.filter((o) => o === 'accepted').length + rb.filter((o) => o === 'accepted').length).toBe(200);
        expect((await b.pageViewers(LIVE.corpid, LIVE.livingid, undefined, 10))[0]?.watchTime).toBe(2 * rounds + 200);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('counts rate limits across processes', async () => {
      const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
      try {
        const bucket = [{ key: 'corp:x:get_watch_stat:60000:0', expiresAt: 60_000 }];
        const counts = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).bumpCounters(bucket, 1000)));
        expect(counts.map((c) => c[0]).sort((x, y) => x! - y!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        await a.block('corp:x', 5000);
        expect(await b.blockedUntil(['corp:x'], 1000)).toBe(5000);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('inserts a million generated viewers in one load', async () => {
      const store = await PostgresStore.open(url);
      try {
        await store.upsertCorp({ corpid: LIVE.corpid, name: 'shared', grandfatheredSystemApp: false });
        const big = { ...LIVE, livingid: 'lvSharedBig000000000000000000001' };
        await store.upsertLiving(big);
        const n = 1_000_000;
        function* rows(): Iterable<ViewerStat> {
          for (let i = 0; i < n; i++) yield { kind: 1, id: `wm${String(i).padStart(30, '0')}`, type: 1, name: `viewer ${i}`, watchTime: i % 3600, isComment: 0, isMic: 0 };
        }
        const started = Date.now();
        expect(await store.setSyntheticViewers(big.corpid, big.livingid, { members: 0, external: n, seed: 1, durationSeconds: 3600 }, rows)).toBe(true);
        const seconds = (Date.now() - started) / 1000;
        expect(await store.countViewers(big.corpid, big.livingid)).toBe(n);
        expect(seconds).toBeLessThan(120);
        const last = await store.pageViewers(big.corpid, big.livingid, { kind: 1, id: `wm${String(n - 3).padStart(30, '0')}` }, 10);
        expect(last.map((v) => v.id)).toEqual([`wm${String(n - 2).padStart(30, '0')}`, `wm${String(n - 1).padStart(30, '0')}`]);
      } finally {
        await store.close();
      }
    }, 180_000);
  });

  it('redacts the password of a database URL', () => {
    expect(redactDatabaseUrl('postgres://app:hunter2@db:5432/livestat')).toBe('postgres://app:***@db:5432/livestat');
    expect(redactDatabaseUrl('postgres://db/livestat?password=hunter2')).toBe('postgres://db/livestat?password=***');
    expect(redactDatabaseUrl('postgres://app:hun ter2@db')).not.toContain('hun ter2');
    expect(redactDatabaseUrl('postgres://db:5432/x')).toBe('postgres://db:5432/x');
  });
});
