import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeViewerState } from '../../src/domain/activity/compute-viewer-state.js';
import { foldNeedsAll, foldViewer } from '../../src/domain/activity/fold-viewer.js';
import type { ViewerEvent } from '../../src/domain/activity/viewer-state.js';
import { watchTimeAt } from '../../src/domain/activity/watch-time.js';
import { type App, type Corp, type Living, type ViewerStat, livingSpan } from '../../src/domain/model.js';
import type { IngestEvent } from '../../src/protocol/events.js';
import { joinRows } from '../../src/domain/watch-stat-page.js';
import { wireRowJson } from '../../src/domain/wire-row.js';
import { syntheticRows } from '../../src/scenario/synthetic-rows.js';
import { normalizeViewer } from '../../src/store/sql/rows.js';
import type { Store, SyntheticSpec, ViewerFold } from '../../src/store/store.js';

/** What a store is opened with in these suites. */
export interface StoreOptions {
  /** The page size get_watch_stat serves, whose pages loads store. */
  pageSize?: number;
}

/** A fresh, empty store and what removes it. */
export interface StoreUnderTest {
  store: Store;
  cleanup: () => Promise<void>;
}

const CORP: Corp = { corpid: 'wwcontract0000001', name: 'Acme', grandfatheredSystemApp: false };
const OTHER: Corp = { corpid: 'wwcontract0000002', name: 'Other', grandfatheredSystemApp: true };
const APP: App = { corpid: CORP.corpid, agentid: 1000002, kind: 'self_built', livingApi: true, trustedIps: ['203.0.113.0/24'] };
const LIVE: Living = {
  corpid: CORP.corpid,
  livingid: 'lvContractLive000000000000000001',
  creatorAgentid: 1000002,
  anchorUserid: 'zhangsan',
  theme: 'contract',
  type: 4,
  livingStart: 1_764_230_400,
  livingDuration: 3600,
  description: '',
};
// Created by a person in the WeCom client: no creator app.
const FOREIGN: Living = {
  corpid: OTHER.corpid,
  livingid: 'lvContractForeign000000000000001',
  anchorUserid: 'spy',
  theme: 'foreign',
  type: 0,
  livingStart: LIVE.livingStart - 100,
  livingDuration: 60,
  description: 'not yours',
};
const T0 = LIVE.livingStart * 1000;

const member = (id: string, watchTime = 10): ViewerStat => ({ kind: 0, id, watchTime, isComment: 0, isMic: 0 });
const external = (id: string, watchTime = 10): ViewerStat => ({ kind: 1, id, type: 1, name: `name of ${id}`, watchTime, isComment: 0, isMic: 0 });
const byteOrder = (a: ViewerStat, b: ViewerStat) => a.kind - b.kind || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));

function event(id: string, userid: string, over: Partial<IngestEvent> = {}): IngestEvent {
  return { id, livingid: LIVE.livingid, at: T0, kind: 'enter', viewer: { userid }, ...over };
}

/** A fold over all of a viewer's events each time (it never goes incremental). */
export function allEventsFold(rule: (living: Living, events: readonly ViewerEvent[]) => ViewerStat): ViewerFold {
  return { needsAll: () => true, fold: (input) => ({ stat: rule(input.living, input.all ?? []), state: '{}' }) };
}

/** A fold that records what it was given: watch time = number of events, so lost events show. */
function countingFold(): { fold: ViewerFold; calls: { living: Living; ids: string[] }[] } {
  const calls: { living: Living; ids: string[] }[] = [];
  const fold = allEventsFold((living, events) => {
    calls.push({ living, ids: events.map((e) => e.id).sort() });
    const first = events[0]!;
    const stat: ViewerStat =
      'userid' in first.viewer
        ? { kind: 0, id: first.viewer.userid, watchTime: events.length, isComment: 0, isMic: 0 }
        : { kind: 1, id: first.viewer.external_userid, type: first.viewer.type, name: first.viewer.name, watchTime: events.length, isComment: 0, isMic: 0 };
    if (events.some((e) => e.kind === 'comment')) stat.isComment = 1;
    if (events.some((e) => e.kind === 'heartbeat')) stat.openWatch = { closedMs: 1000, open: [{ start: T0, cap: T0 + 60_000 }] };
    return stat;
  });
  return { fold, calls };
}

async function allViewers(store: Store, living: Living, limit = 1000): Promise<ViewerStat[]> {
  const out: ViewerStat[] = [];
  let after: ViewerStat | undefined;
  for (;;) {
    const page = await store.pageViewers(living.corpid, living.livingid, after && { kind: after.kind, id: after.id }, limit);
    out.push(...page);
    if (page.length < limit) return out;
    after = page[page.length - 1];
  }
}

/**
 * The behaviour every Store must have, run against each backend (as kysely and hono run one
 * suite against every dialect and router): each backend's test file is a call to this.
 */
export function runStoreContract(name: string, makeStore: (options?: StoreOptions) => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      await store.upsertCorp(CORP);
      await store.upsertCorp(OTHER);
      await store.upsertApp(APP);
      await store.upsertLiving(LIVE);
      await store.upsertLiving(FOREIGN);
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('keeps one server secret', async () => {
      const secret = await store.serverSecret();
      expect(secret.length).toBe(32);
      expect((await store.serverSecret()).equals(secret)).toBe(true);
    });

    it('upserts corps, reporting whether anything changed', async () => {
      expect(await store.upsertCorp(CORP)).toBe(false);
      expect(await store.upsertCorp({ ...CORP, name: 'Acme 2' })).toBe(true);
      expect(await store.upsertCorp({ ...CORP, name: 'Acme 2' })).toBe(false);
      expect(await store.getCorp(CORP.corpid)).toEqual({ ...CORP, name: 'Acme 2' });
      expect(await store.getCorp(OTHER.corpid)).toEqual(OTHER);
      expect(await store.getCorp('wwnobody')).toBeUndefined();
      expect((await store.listCorps()).map((c) => c.corpid)).toEqual([CORP.corpid, OTHER.corpid]);
    });

    it('upserts apps and their hashed secrets', async () => {
      expect(await store.upsertApp(APP)).toBe(false);
      expect(await store.getApp(CORP.corpid, APP.agentid)).toEqual(APP);
      expect(await store.upsertApp({ ...APP, livingApi: false })).toBe(true);
      expect(await store.upsertApp({ ...APP, livingApi: false }, 'hash-1')).toBe(true);
      expect(await store.upsertApp({ ...APP, livingApi: false }, 'hash-1')).toBe(false);
      // undefined keeps the stored hash.
      expect(await store.upsertApp({ ...APP, livingApi: false })).toBe(false);
      await store.upsertApp({ ...APP, agentid: 1000003, trustedIps: [] }, 'hash-2');
      expect(await store.listAppSecrets(CORP.corpid)).toEqual([
        { agentid: 1000002, secretHash: 'hash-1' },
        { agentid: 1000003, secretHash: 'hash-2' },
      ]);
      expect(await store.upsertApp({ ...APP, livingApi: false }, null)).toBe(true);
      expect(await store.listAppSecrets(CORP.corpid)).toEqual([{ agentid: 1000003, secretHash: 'hash-2' }]);
      expect(await store.listAppSecrets(OTHER.corpid)).toEqual([]);
      expect(await store.getApp(CORP.corpid, 42)).toBeUndefined();
    });

    it('finds, extends, revokes and purges tokens', async () => {
      const hash = Buffer.alloc(32, 1);
      const nonce = Buffer.alloc(16, 2);
      const token = { hash, corpid: CORP.corpid, agentid: APP.agentid, expiresAt: T0 + 7_200_000, nonce };
      expect(await store.saveToken(token)).toBe(true);
      expect(await store.saveToken(token)).toBe(false);
      expect(await store.findToken(hash)).toEqual(token);
      expect(await store.saveToken({ ...token, expiresAt: T0 + 9_000_000 })).toBe(true);
      expect((await store.findToken(hash))?.expiresAt).toBe(T0 + 9_000_000);
      // A scenario token: no expiry, no nonce; never "current" (gettoken did not issue it).
      const forever = { hash: Buffer.alloc(32, 3), corpid: CORP.corpid, agentid: APP.agentid };
      await store.saveToken(forever);
      expect(await store.findToken(forever.hash)).toEqual(forever);
      // The token with whom it names, as getApp and getCorp give them.
      expect(await store.findCaller(forever.hash)).toEqual({ token: forever, app: await store.getApp(CORP.corpid, APP.agentid), corp: await store.getCorp(CORP.corpid) });
      expect((await store.findCaller(hash))?.app).toEqual(APP);
      expect(await store.findCaller(Buffer.alloc(32, 9))).toBeUndefined();
      const older = { hash: Buffer.alloc(32, 4), corpid: CORP.corpid, agentid: APP.agentid, expiresAt: T0 + 1000, nonce };
      await store.saveToken(older);
      expect((await store.currentToken(CORP.corpid, APP.agentid, T0))?.hash).toEqual(hash);
      expect(await store.currentToken(CORP.corpid, APP.agentid, T0 + 9_000_000)).toBeUndefined();
      expect(await store.currentToken(CORP.corpid, 1000003, T0)).toBeUndefined();
      expect(await store.purgeTokens(T0 + 5000)).toBe(1);
      expect(await store.findToken(older.hash)).toBeUndefined();
      await store.revokeTokens(CORP.corpid, APP.agentid);
      expect(await store.findToken(hash)).toBeUndefined();
      expect(await store.findToken(forever.hash)).toBeUndefined();
    });

    it('upserts lives, and a live of another corp is not visible', async () => {
      expect(await store.upsertLiving(LIVE)).toBe(false);
      expect(await store.getLiving(CORP.corpid, LIVE.livingid)).toEqual(LIVE);
      expect(await store.getLiving(OTHER.corpid, FOREIGN.livingid)).toEqual(FOREIGN);
      expect(await store.getLiving(CORP.corpid, FOREIGN.livingid)).toBeUndefined();
      expect(await store.getLiving(OTHER.corpid, LIVE.livingid)).toBeUndefined();
      expect(await store.upsertLiving({ ...LIVE, theme: 'renamed' })).toBe(true);
      expect((await store.getLiving(CORP.corpid, LIVE.livingid))?.theme).toBe('renamed');
      await expect(store.upsertLiving({ ...FOREIGN, corpid: CORP.corpid })).rejects.toThrow(/another corp/);
      const later = { ...LIVE, livingid: 'lvContractLive000000000000000002', livingStart: LIVE.livingStart + 10 };
      await store.upsertLiving(later);
      expect((await store.listLivings(CORP.corpid)).map((l) => l.livingid)).toEqual([later.livingid, LIVE.livingid]);
    });

    it('sets declared viewers idempotently, whatever their order', async () => {
      const viewers = [member('wangwu'), { ...member('lisi'), invitorUserid: 'wangwu', isComment: 1 as const }, external('wm01')];
      expect(await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, viewers)).toBe(true);
      expect(await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [...viewers].reverse())).toBe(false);
      expect(await allViewers(store, LIVE)).toEqual([...viewers].sort(byteOrder));
      expect(await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('lisi', 99)])).toBe(true);
      expect(await allViewers(store, LIVE)).toEqual([member('lisi', 99)]);
      await expect(store.setDeclaredViewers(CORP.corpid, FOREIGN.livingid, [])).rejects.toThrow();
    });

    it('generates synthetic viewers only when the spec changes', async () => {
      let generated = 0;
      const rows = (n: number) => () => {
        generated++;
        return Array.from({ length: n }, (_, i) => (i % 2 ? external(`wm${String(i).padStart(5, '0')}`, i) : member(`u${i}`, i)));
      };
      const spec: SyntheticSpec = { members: 3, external: 2, seed: 1, durationSeconds: 3600 };
      expect(await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, spec, rows(5))).toBe(true);
      expect(await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, spec, rows(5))).toBe(false);
      expect(generated).toBe(1);
      expect(await store.countViewers(CORP.corpid, LIVE.livingid)).toBe(5);
      expect(await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, { ...spec, seed: 2 }, rows(7))).toBe(true);
      expect(await store.countViewers(CORP.corpid, LIVE.livingid)).toBe(7);
      expect(await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, { ...spec, members: 0, external: 0 }, rows(0))).toBe(true);
      expect(await store.countViewers(CORP.corpid, LIVE.livingid)).toBe(0);
    });

    it('loads a big generated audience row for row as generated, beside rows of other sources', async () => {
      // Past SQLite's one-by-one threshold (20,000), so its bulk path is what is checked there.
      const spec: SyntheticSpec = { members: 5_000, external: 20_500, seed: 7, durationSeconds: 3600 };
      const generated = [...syntheticRows(spec)];
      // Characters a bulk format must escape (PostgreSQL's COPY text: backslash; JSON's quotes).
      generated[9000] = { ...generated[9000]!, name: 'back\\slash "quoted" 名' };
      const { fold } = countingFold();
      // A viewer with events keeps its computed row; a declared one stays.
      const taken = generated[4321]!;
      await store.ingestEvents(CORP.corpid, [event('e1', taken.id), event('e2', taken.id, { at: T0 + 1 })], fold);
      const computed = (await allViewers(store, LIVE)).find((v) => v.id === taken.id)!;
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('declared-only', 3)]);
      expect(await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, spec, () => generated)).toBe(true);
      const expected = [...generated.filter((v) => v.id !== taken.id).map(normalizeViewer), computed, member('declared-only', 3)].sort(byteOrder);
      expect(await allViewers(store, LIVE)).toEqual(expected);
      const wire = await store.pageWire(CORP.corpid, LIVE.livingid, undefined, 30_000);
      expect(wire.map((w) => w.json)).toEqual(expected.map((v) => wireRowJson(v)));
      // Loaded again with another seed: the old generated rows go, the others stay.
      const next = { ...spec, seed: 8 };
      await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, next, () => syntheticRows(next));
      const nextRows = [...syntheticRows(next)];
      expect(await allViewers(store, LIVE)).toEqual([...nextRows.filter((v) => v.id !== taken.id).map(normalizeViewer), computed, member('declared-only', 3)].sort(byteOrder));
    });

    it('never lets declared or generated rows overwrite a row of another source', async () => {
      const { fold } = countingFold();
      await store.ingestEvents(CORP.corpid, [event('e1', 'lisi'), event('e2', 'lisi', { at: T0 + 1 })], fold);
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('lisi', 500), member('wangwu', 5)]);
      await store.setSyntheticViewers(CORP.corpid, LIVE.livingid, { members: 1, external: 0, seed: 1, durationSeconds: 1 }, () => [member('wangwu', 7), member('zhao', 8)]);
      expect(await allViewers(store, LIVE)).toEqual([member('lisi', 2), member('wangwu', 5), member('zhao', 8)]);
      // Events win over a declared row.
      await store.ingestEvents(CORP.corpid, [event('e3', 'wangwu')], fold);
      expect((await allViewers(store, LIVE)).find((v) => v.id === 'wangwu')).toEqual(member('wangwu', 1));
    });

    it('pages viewers by keyset in byte order, members first, each exactly once', async () => {
      const ids = ['a', 'B', '_x', 'Z9', 'a.b', 'a-b', '0', 'zz', 'A_', 'a_', '9z', 'b.', 'Ab-1'];
      const viewers = [...ids.map((id, i) => member(id, i)), ...ids.map((id, i) => external(`wm${id}`, i))];
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, viewers);
      const expected = [...viewers].sort(byteOrder);
      for (const limit of [1, 3, 7, 100]) expect(await allViewers(store, LIVE, limit)).toEqual(expected);
      const after = expected[ids.length - 1]!;
      expect((await store.pageViewers(CORP.corpid, LIVE.livingid, { kind: after.kind, id: after.id }, 2)).map((v) => v.id)).toEqual(
        expected.slice(ids.length, ids.length + 2).map((v) => v.id),
      );
      expect(await store.pageViewers(OTHER.corpid, LIVE.livingid, undefined, 10)).toEqual([]);
      expect(await store.countViewers(CORP.corpid, LIVE.livingid)).toBe(viewers.length);
      expect(await store.countViewers(OTHER.corpid, LIVE.livingid)).toBe(0);
    });

    it('serves the same pages as stored wire entries, and fresh ones after a change', async () => {
      const viewers = [member('m1', 5), { ...member('m2', 6), invitorUserid: 'm1' }, { ...external('wmE1', 7), name: '名, "q"' }];
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, viewers);
      const wire = await store.pageWire(CORP.corpid, LIVE.livingid, undefined, 10);
      expect(wire.map((w) => [w.kind, w.id, JSON.parse(w.json) as unknown])).toEqual([
        [0, 'm1', { userid: 'm1', watch_time: 5, is_comment: 0, is_mic: 0 }],
        [0, 'm2', { userid: 'm2', watch_time: 6, is_comment: 0, is_mic: 0, invitor_userid: 'm1' }],
        [1, 'wmE1', { external_userid: 'wmE1', type: 1, name: '名, "q"', watch_time: 7, is_comment: 0, is_mic: 0 }],
      ]);
      expect((await store.pageWire(CORP.corpid, LIVE.livingid, { kind: 0, id: 'm2' }, 10)).map((w) => w.id)).toEqual(['wmE1']);
      expect(await store.pageWire(OTHER.corpid, LIVE.livingid, undefined, 10)).toEqual([]);
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('m1', 50)]);
      expect((await store.pageWire(CORP.corpid, LIVE.livingid, undefined, 10)).map((w) => w.json)).toEqual(['{"userid":"m1","watch_time":50,"is_comment":0,"is_mic":0}']);
    });

    it('serves joined pages: the entries of pageWire, in its order, and whether more follow', async () => {
      // Inserted out of order, ids whose byte order differs from a locale's, both kinds.
      const viewers = ['zz', 'a', 'B', 'é', 'a0', 'm'].flatMap((id, i) => [member(id, i), external(`wm${id}`, i)]);
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, viewers);
      for (const size of [1, 2, 5, 12, 100]) {
        let after: { kind: 0 | 1; id: string } | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const joined = await store.pageJoined(CORP.corpid, LIVE.livingid, after, size);
          expect(joined).toEqual(joinRows(await store.pageWire(CORP.corpid, LIVE.livingid, after, size + 1), size));
          if (!joined!.more) break;
          after = joined!.last;
        }
        expect(after === undefined).toBe(size >= viewers.length);
      }
      expect(await store.pageJoined(OTHER.corpid, LIVE.livingid, undefined, 10)).toEqual(joinRows([], 10));
      // get_watch_stat's one read: the live and the same page, and nothing for a live not the corp's.
      for (const after of [undefined, { kind: 0 as const, id: 'a0' }, { kind: 1 as const, id: 'wmm' }]) {
        expect(await store.livingPage(CORP.corpid, LIVE.livingid, after, 3)).toEqual({
          living: await store.getLiving(CORP.corpid, LIVE.livingid),
          page: await store.pageJoined(CORP.corpid, LIVE.livingid, after, 3),
        });
      }
      expect(await store.livingPage(OTHER.corpid, LIVE.livingid, undefined, 3)).toEqual({ living: undefined, page: undefined });
      expect(await store.livingPage(CORP.corpid, 'lvNoSuchLive', undefined, 3)).toEqual({ living: undefined, page: undefined });
      expect((await store.pageJoined(CORP.corpid, LIVE.livingid, { kind: 1, id: 'wmzz' }, 10))!.more).toBe(false);
    });

    it('stores the pages of loaded viewers, serves them as the rows would, and drops them on any change to the rows', async () => {
      const own = await makeStore({ pageSize: 2 });
      const s = own.store;
      try {
        await s.upsertCorp(CORP);
        await s.upsertApp(APP);
        await s.upsertLiving(LIVE);
        // Every page, walked as a pull walks it, equals the page joined from the rows.
        const walk = async () => {
          let after: { kind: 0 | 1; id: string } | undefined;
          const ids: string[] = [];
          for (;;) {
            const joined = (await s.pageJoined(CORP.corpid, LIVE.livingid, after, 2))!;
            expect(joined).toEqual(joinRows(await s.pageWire(CORP.corpid, LIVE.livingid, after, 3), 2));
            ids.push(...[...`${joined.users.toString()},${joined.externalUsers.toString()}`.matchAll(/"(?:user|external_user)id":"([^"]+)"/g)].map((m) => m[1]!));
            if (!joined.more) return ids;
            after = joined.last;
          }
        };
        await s.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('m1'), member('m3'), member('m5'), external('wmA'), external('wmB')]);
        expect(await s.countStoredPages(CORP.corpid, LIVE.livingid)).toBe(3);
        expect(await walk()).toEqual(['m1', 'm3', 'm5', 'wmA', 'wmB']);
        // An ingested viewer changes the rows: no page is stored until the next load...
        const fold = countingFold().fold;
        expect(await s.ingestEvents(CORP.corpid, [event('e1', 'm2')], fold)).toEqual(['accepted']);
        expect(await s.countStoredPages(CORP.corpid, LIVE.livingid)).toBe(0);
        expect(await walk()).toEqual(['m1', 'm2', 'm3', 'm5', 'wmA', 'wmB']);
        // ...or until they are stored on their own (get_watch_stat asks once a live has ended).
        expect(await s.storeLivingPages(CORP.corpid, LIVE.livingid, 2)).toBe(true);
        expect(await s.countStoredPages(CORP.corpid, LIVE.livingid)).toBe(3);
        expect(await s.storeLivingPages(CORP.corpid, LIVE.livingid, 2)).toBe(false);
        expect(await walk()).toEqual(['m1', 'm2', 'm3', 'm5', 'wmA', 'wmB']);
        // ...which stores every page but the one of a viewer still watching (it moves with the clock).
        expect(await s.ingestEvents(CORP.corpid, [event('e2', 'm2', { kind: 'heartbeat' })], fold)).toEqual(['accepted']);
        await s.setDeclaredViewers(CORP.corpid, LIVE.livingid, [member('m1'), member('m3'), member('m5'), external('wmA')]);
        expect(await s.countStoredPages(CORP.corpid, LIVE.livingid)).toBe(2);
        expect(await s.pageJoined(CORP.corpid, LIVE.livingid, undefined, 2)).toBeUndefined();
        expect(await s.livingPage(CORP.corpid, LIVE.livingid, undefined, 2)).toEqual({ living: await s.getLiving(CORP.corpid, LIVE.livingid), page: undefined });
        expect(await walk().catch(() => 'open page')).toBe('open page');
        expect(await s.pageJoined(CORP.corpid, LIVE.livingid, { kind: 0, id: 'm2' }, 2)).toEqual(joinRows(await s.pageWire(CORP.corpid, LIVE.livingid, { kind: 0, id: 'm2' }, 3), 2));
        // Generated viewers are stored too, for the store's page size only.
        const spec: SyntheticSpec = { members: 3, external: 4, seed: 7, durationSeconds: 600 };
        await s.setSyntheticViewers(CORP.corpid, LIVE.livingid, spec, () => syntheticRows(spec));
        expect(await s.countStoredPages(CORP.corpid, LIVE.livingid)).toBe(5);
        expect(await s.pageJoined(CORP.corpid, LIVE.livingid, undefined, 3)).toEqual(joinRows(await s.pageWire(CORP.corpid, LIVE.livingid, undefined, 4), 3));
        expect(await s.countStoredPages(CORP.corpid, 'lvNoSuchLive')).toBe(0);
        expect(await s.storeLivingPages(CORP.corpid, 'lvNoSuchLive', 2)).toBe(false);
        // A walk over many transactions (a slice of pages each) stores every page once.
        const many: Living = { ...LIVE, livingid: 'lvContractSlices0000000000000001' };
        await s.upsertLiving(many);
        await s.setDeclaredViewers(CORP.corpid, many.livingid, Array.from({ length: 250 }, (_, i) => member(`v${String(i).padStart(3, '0')}`, i)));
        expect(await s.countStoredPages(CORP.corpid, many.livingid)).toBe(125);
        expect(await s.storeLivingPages(CORP.corpid, many.livingid, 1)).toBe(true);
        expect(await s.countStoredPages(CORP.corpid, many.livingid)).toBe(125 + 250);
        let at: { kind: 0 | 1; id: string } | undefined;
        for (let i = 0; i < 250; i++) {
          const one = (await s.pageJoined(CORP.corpid, many.livingid, at, 1))!;
          expect(one.users.toString()).toBe(`{"userid":"v${String(i).padStart(3, '0')}","watch_time":${i},"is_comment":0,"is_mic":0}`);
          expect(one.more).toBe(i < 249);
          at = one.last;
        }
      } finally {
        await s.close();
        await own.cleanup();
      }
    });

    it('keeps ingest keys by hash', async () => {
      const key = Buffer.alloc(32, 9);
      expect(await store.saveIngestKey(key, CORP.corpid)).toBe(true);
      expect(await store.saveIngestKey(key, CORP.corpid)).toBe(false);
      expect(await store.findIngestKey(key)).toBe(CORP.corpid);
      expect(await store.findIngestKey(Buffer.alloc(32, 8))).toBeUndefined();
    });

    it('ingests events: accepted, duplicate (per corp), unknown live; folds each viewer from all their events', async () => {
      const { fold, calls } = countingFold();
      const batch = [
        event('e1', 'lisi'),
        event('e2', 'lisi', { kind: 'comment', at: T0 + 5 }),
        event('e1', 'lisi'),
        event('e3', 'wangwu', { livingid: FOREIGN.livingid }),
        event('e4', 'wangwu', { livingid: 'lvNoSuchLive00000000000000000000' }),
        event('e5', 'wm-x', { viewer: { external_userid: 'wmExternal0000000000000000000001', type: 2, name: '万强' } }),
      ];
      expect(await store.ingestEvents(CORP.corpid, batch, fold)).toEqual(['accepted', 'accepted', 'duplicate', 'unknown_living', 'unknown_living', 'accepted']);
      expect(calls.map((c) => c.ids).sort()).toEqual([['e1', 'e2'], ['e5']]);
      expect(calls[0]!.living).toEqual(LIVE);
      calls.length = 0;
      expect(await store.ingestEvents(CORP.corpid, [event('e2', 'lisi'), event('e6', 'lisi', { kind: 'heartbeat', at: T0 + 9 })], fold)).toEqual(['duplicate', 'accepted']);
      expect(calls.map((c) => c.ids)).toEqual([['e1', 'e2', 'e6']]);
      // Ids are unique per corp: the other corp's e1 is a new event.
      expect(await store.ingestEvents(OTHER.corpid, [event('e1', 'spy', { livingid: FOREIGN.livingid })], fold)).toEqual(['accepted']);
      const rows = await allViewers(store, LIVE);
      expect(rows).toEqual([
        { kind: 0, id: 'lisi', watchTime: 3, isComment: 1, isMic: 0, openWatch: { closedMs: 1000, open: [{ start: T0, cap: T0 + 60_000 }] } },
        { kind: 1, id: 'wmExternal0000000000000000000001', type: 2, name: '万强', watchTime: 1, isComment: 0, isMic: 0 },
      ]);
      expect(await allViewers(store, FOREIGN)).toEqual([member('spy', 1)]);
      expect(await store.ingestEvents(CORP.corpid, [], fold)).toEqual([]);
    });

    it('takes batches sent at once each as if sent alone, and a batch that fails fails alone', async () => {
      const { fold } = countingFold();
      await store.ingestEvents(CORP.corpid, [event('g0', 'lisi')], fold);
      const broken: ViewerFold = { needsAll: () => true, fold: () => { throw new Error('broken fold'); } };
      // Same turn: SQLite commits them as one group, PostgreSQL runs them side by side.
      const [a, b, c, d] = await Promise.allSettled([
        store.ingestEvents(CORP.corpid, [event('g1', 'lisi', { at: T0 + 1 }), event('g2', 'wangwu')], fold),
        store.ingestEvents(CORP.corpid, [event('g3', 'lisi', { at: T0 + 2 }), event('g0', 'lisi')], fold),
        store.ingestEvents(CORP.corpid, [event('g4', 'zhao')], broken),
        store.ingestEvents(CORP.corpid, [event('g5', 'lisi', { at: T0 + 3 })], fold),
      ]);
      expect(a).toEqual({ status: 'fulfilled', value: ['accepted', 'accepted'] });
      expect(b).toEqual({ status: 'fulfilled', value: ['accepted', 'duplicate'] });
      expect(c.status).toBe('rejected');
      expect(d).toEqual({ status: 'fulfilled', value: ['accepted'] });
      // watch time = events folded: every accepted one, and nothing of the failed batch.
      expect((await allViewers(store, LIVE)).map((v) => [v.id, v.watchTime])).toEqual([['lisi', 4], ['wangwu', 1]]);
      expect(await store.countEvents(CORP.corpid, LIVE.livingid)).toBe(5);
      const together = await Promise.all([
        store.ingestEvents(CORP.corpid, [event('h1', 'lisi', { at: T0 + 4 })], fold),
        store.ingestEvents(CORP.corpid, [event('h2', 'zhao'), event('g1', 'lisi')], fold),
        store.ingestEvents(CORP.corpid, [event('h3', 'lisi', { at: T0 + 5 })], fold),
      ]);
      expect(together).toEqual([['accepted'], ['accepted', 'duplicate'], ['accepted']]);
      expect((await allViewers(store, LIVE)).map((v) => [v.id, v.watchTime])).toEqual([['lisi', 6], ['wangwu', 1], ['zhao', 1]]);
    });

    it('keeps the fold state between batches: in-order events go on top, a late one refolds', async () => {
      const now = T0 + 10 * 60_000;
      const fold: ViewerFold = { needsAll: foldNeedsAll, fold: (input) => foldViewer(input, now, 60_000) };
      const at = (s: number) => T0 + s * 1000;
      const all = [
        event('f1', 'zhao', { at: at(10), session: 'a' }),
        event('f2', 'zhao', { at: at(40), kind: 'heartbeat', session: 'a' }),
        event('f3', 'zhao', { at: at(70), kind: 'leave', session: 'a' }),
        event('f4', 'zhao', { at: at(50), session: 'b' }),
        event('f5', 'zhao', { at: at(200), kind: 'leave', session: 'b' }),
        // Late: before everything folded so far.
        event('f6', 'zhao', { at: at(1), session: 'c' }),
      ];
      for (const batch of [all.slice(0, 2), all.slice(2, 3), all.slice(3, 5), all.slice(5)]) await store.ingestEvents(CORP.corpid, batch, fold);
      const row = (await allViewers(store, LIVE)).find((v) => v.id === 'zhao');
      const whole = computeViewerState(all, livingSpan(LIVE), { graceMs: 60_000 });
      expect(row?.watchTime).toBe(watchTimeAt(whole, now, livingSpan(LIVE)));
      expect(row?.watchTime).toBe(199);
    });

    it('counts rate-limit calls and keeps blocks', async () => {
      const now = T0;
      const buckets = [
        { key: 'corp:a:api:60000:0', expiresAt: now + 60_000 },
        { key: 'ip:1:api:60000:0', expiresAt: now + 60_000 },
      ];
      expect(await store.bumpCounters(buckets, now)).toEqual([1, 1]);
      expect(await store.bumpCounters(buckets, now + 1)).toEqual([2, 2]);
      expect(await store.bumpCounters([buckets[1]!], now + 2)).toEqual([3]);
      // An expired counter starts again.
      expect(await store.bumpCounters([{ key: buckets[0]!.key, expiresAt: now + 200_000 }], now + 60_000)).toEqual([1]);
      expect(await store.blockedUntil(['corp:a', 'ip:1'], now)).toBeUndefined();
      await store.block('corp:a', now + 1000);
      await store.block('ip:1', now + 5000);
      await store.block('ip:1', now + 2000); // a shorter block does not shorten a longer one
      expect(await store.blockedUntil(['corp:a', 'ip:1'], now)).toBe(now + 5000);
      expect(await store.blockedUntil(['corp:a'], now)).toBe(now + 1000);
      expect(await store.blockedUntil(['corp:a'], now + 1000)).toBeUndefined();
      expect(await store.blockedUntil([], now)).toBeUndefined();
      // The call's whole check: blocked counts nothing; once the block ends, it counts again.
      const call = [{ key: 'corp:a:api:60000:9', expiresAt: now + 60_000 }, { key: 'ip:1:api:60000:9', expiresAt: now + 60_000 }];
      expect(await store.countUnlessBlocked(['corp:a', 'ip:1'], call, now + 10)).toBeUndefined();
      expect(await store.countUnlessBlocked(['corp:a'], call, now + 1000)).toEqual([1, 1]);
      expect(await store.countUnlessBlocked(['ip:1'], call, now + 1001)).toBeUndefined();
      expect(await store.countUnlessBlocked(['corp:b'], call, now + 1002)).toEqual([2, 2]);
      expect(await store.countUnlessBlocked(['ip:1'], [], now + 1003)).toBeUndefined();
      expect(await store.countUnlessBlocked(['corp:b'], [], now + 1003)).toEqual([]);
    });

    it('answers the dashboard reads', async () => {
      await store.setDeclaredViewers(CORP.corpid, LIVE.livingid, [
        { ...member('lisi', 30), isComment: 1, invitorUserid: 'boss' },
        { ...member('wangwu', 10), isMic: 1, invitorUserid: 'boss' },
        { ...external('wmA', 10), type: 2, invitorExternalUserid: 'wmZ' },
        external('wmB', 5),
      ]);
      const { fold } = countingFold();
      await store.ingestEvents(CORP.corpid, [event('h1', 'open', { kind: 'heartbeat' })], fold);
      expect(await store.audienceCounts(CORP.corpid, LIVE.livingid)).toEqual({ viewers: 5, members: 3, external: 2, wechat: 1, wecom: 1, commenters: 1, micTakers: 1 });
      expect(await store.audienceCounts(OTHER.corpid, LIVE.livingid)).toEqual({ viewers: 0, members: 0, external: 0, wechat: 0, wecom: 0, commenters: 0, micTakers: 0 });
      expect(await store.watchTimeCounts(CORP.corpid, LIVE.livingid)).toEqual([
        { watchTime: 1, viewers: 1 },
        { watchTime: 5, viewers: 1 },
        { watchTime: 10, viewers: 2 },
        { watchTime: 30, viewers: 1 },
      ]);
      expect(await store.inviterLeaderboard(CORP.corpid, LIVE.livingid, 5)).toEqual([
        { kind: 0, id: 'boss', viewers: 2, watchTime: 40 },
        { kind: 1, id: 'wmZ', viewers: 1, watchTime: 10 },
      ]);
      expect((await store.openViewers(CORP.corpid, LIVE.livingid)).map((v) => v.id)).toEqual(['open']);
      const page = await store.pageAudience(CORP.corpid, LIVE.livingid, { sort: 'watch_time', desc: true, limit: 2, after: { value: 30, kind: 0, id: 'lisi' } });
      expect(page.map((v) => v.id)).toEqual(['wmA', 'wangwu']);
      const search = await store.pageAudience(CORP.corpid, LIVE.livingid, { sort: 'name', desc: false, limit: 10, search: 'NAME OF WMB' });
      expect(search.map((v) => v.id)).toEqual(['wmB']);
      expect(await store.pageAudience(OTHER.corpid, LIVE.livingid, { sort: 'id', desc: false, limit: 10 })).toEqual([]);
    });
  });
}
