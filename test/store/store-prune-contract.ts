import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App, Corp, Living, ViewerStat } from '../../src/domain/model.js';
import type { IngestEvent } from '../../src/protocol/events.js';
import { endedBefore } from '../../src/cli/prune-rule.js';
import type { PruneResult, Store } from '../../src/store/store.js';
import { allEventsFold, type StoreUnderTest } from './store-contract.js';

const CORP: Corp = { corpid: 'wwprunecontract01', name: 'Acme', grandfatheredSystemApp: false };
const OTHER: Corp = { corpid: 'wwprunecontract02', name: 'Other', grandfatheredSystemApp: false };
const APP: App = { corpid: CORP.corpid, agentid: 1000002, kind: 'self_built', livingApi: true, trustedIps: [] };
const START = 1_764_230_400;
/** Two hours after START; "now" is a day later. */
const CUTOFF = (START + 7200) * 1000;
const NOW = CUTOFF + 86_400_000;

function living(livingid: string, over: Partial<Living> = {}): Living {
  return { corpid: CORP.corpid, livingid, creatorAgentid: 1000002, anchorUserid: 'anchor', theme: 't', type: 0, livingStart: START, livingDuration: 3600, description: '', ...over };
}

const OLD = living('lvPruneOld');
/** Ends exactly at the cutoff: not before it. */
const AT_CUTOFF = living('lvPruneAtCutoff', { livingDuration: 7200 });
const KEPT = living('lvPruneKept', { livingStart: START + 3600, livingDuration: 7200 });
/** Another corp's live that ended before the cutoff with nobody watching (expired). */
const FOREIGN_OLD = living('lvPruneForeignOld', { corpid: OTHER.corpid, livingDuration: 600 });
const FOREIGN_KEPT = living('lvPruneForeignKept', { corpid: OTHER.corpid, livingStart: START + 7000 });
/** Scheduled after "now" but cancelled before the cutoff, and one cancelled after it. */
const CANCELLED = living('lvPruneCancelled', { livingStart: NOW / 1000 + 3600 });
const CANCELLED_LATE = living('lvPruneCancelledLate', { livingStart: NOW / 1000 + 3600 });
const RESERVED = living('lvPruneReserved', { livingStart: NOW / 1000 + 60 });

const member = (id: string): ViewerStat => ({ kind: 0, id, watchTime: 10, isComment: 0, isMic: 0 });
const fold = allEventsFold((_living, events) => ({ ...member((events[0]!.viewer as { userid: string }).userid), watchTime: events.length }));
const enter = (id: string, l: Living, userid: string): IngestEvent => ({ id, livingid: l.livingid, at: l.livingStart * 1000 + 1000, kind: 'enter', viewer: { userid } });

/** What each live holds, to compare before and after. */
async function snapshot(store: Store, lives: readonly Living[]): Promise<Record<string, number | undefined>> {
  const out: Record<string, number | undefined> = {};
  for (const l of lives) out[l.livingid] = (await store.getLiving(l.corpid, l.livingid)) ? await store.countViewers(l.corpid, l.livingid) : undefined;
  return out;
}

const ALL = [OLD, AT_CUTOFF, KEPT, FOREIGN_OLD, FOREIGN_KEPT, CANCELLED, CANCELLED_LATE, RESERVED];
const EXPECTED: PruneResult = {
  dryRun: false,
  // lvPruneOld: 2 declared + 1 from events; 2 events. Tokens: one of each kind expired before the cutoff.
  counts: { lives: 3, viewers: 3, events: 2, tokens: 1, suiteTokens: 1 },
  livingids: ['lvPruneCancelled', 'lvPruneForeignOld', 'lvPruneOld'],
};

/** Retention's part of the Store contract (`livestat prune`); runs for every backend. */
export function runPruneStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract (retention): ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    const token = (n: number, expiresAt?: number) => ({ hash: Buffer.alloc(32, n), corpid: CORP.corpid, agentid: APP.agentid, ...(expiresAt === undefined ? {} : { expiresAt }) });
    const suiteToken = (n: number, expiresAt: number) => ({ hash: Buffer.alloc(32, n), suiteId: 'wwsuiteprune', expiresAt, nonce: Buffer.alloc(16, n) });
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      for (const corp of [CORP, OTHER]) await store.upsertCorp(corp);
      await store.upsertApp(APP);
      for (const l of ALL) await store.createLiving(l, undefined);
      await store.setLivingState(CORP.corpid, CANCELLED.livingid, 'cancelled', CUTOFF - 1000);
      await store.setLivingState(CORP.corpid, CANCELLED_LATE.livingid, 'cancelled', CUTOFF + 1000);
      for (const l of [OLD, AT_CUTOFF, KEPT, FOREIGN_KEPT]) await store.setDeclaredViewers(l.corpid, l.livingid, [member('zhangsan'), member('lisi')]);
      expect(await store.ingestEvents(CORP.corpid, [enter('e1', OLD, 'wangwu'), enter('e2', OLD, 'wangwu'), enter('e3', KEPT, 'wangwu')], fold)).toEqual(['accepted', 'accepted', 'accepted']);
      await store.saveToken(token(1, CUTOFF - 1));
      await store.saveToken(token(2, CUTOFF + 1));
      await store.saveToken(token(3));
      await store.upsertSuite({ suiteId: 'wwsuiteprune', secretHash: 'h', ticketHash: 't', trustedIps: [] });
      await store.saveSuiteToken(suiteToken(4, CUTOFF - 1));
      await store.saveSuiteToken(suiteToken(5, NOW + 1));
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('a dry run reports what would go and changes nothing', async () => {
      const before = await snapshot(store, ALL);
      expect(await store.pruneLivings(CUTOFF, NOW, true)).toEqual({ ...EXPECTED, dryRun: true });
      expect(await snapshot(store, ALL)).toEqual(before);
      expect(await store.findToken(token(1).hash)).toBeDefined();
      expect(await store.findSuiteToken(suiteToken(4, 0).hash)).toBeDefined();
      // The events are still there: sending one again is a duplicate.
      expect(await store.ingestEvents(CORP.corpid, [enter('e1', KEPT, 'wangwu')], fold)).toEqual(['duplicate']);
      // And the real run finds the same.
      expect(await store.pruneLivings(CUTOFF, NOW, false)).toEqual(EXPECTED);
    });

    it('removes lives that ended before the cutoff with their rows, and keeps every other', async () => {
      expect(await store.pruneLivings(CUTOFF, NOW, false)).toEqual(EXPECTED);
      expect(await snapshot(store, ALL)).toEqual({
        lvPruneOld: undefined,
        lvPruneAtCutoff: 2,
        lvPruneKept: 3,
        lvPruneForeignOld: undefined,
        lvPruneForeignKept: 2,
        lvPruneCancelled: undefined,
        lvPruneCancelledLate: 0,
        lvPruneReserved: 0,
      });
      expect(await store.getLivingRecord(CORP.corpid, CANCELLED_LATE.livingid)).toMatchObject({ cancelled: true });
      expect(await store.countViewers(OLD.corpid, OLD.livingid)).toBe(0);
      // The pruned live's events are gone (their ids are free again); the kept live's stay.
      expect(await store.ingestEvents(CORP.corpid, [enter('e1', KEPT, 'zhaoliu'), enter('e3', KEPT, 'zhaoliu')], fold)).toEqual(['accepted', 'duplicate']);
      expect(await store.findToken(token(1).hash)).toBeUndefined();
      expect(await store.findToken(token(2).hash)).toBeDefined();
      expect(await store.findToken(token(3).hash)).toBeDefined();
      expect(await store.findSuiteToken(suiteToken(4, 0).hash)).toBeUndefined();
      expect(await store.findSuiteToken(suiteToken(5, 0).hash)).toBeDefined();
      // Nothing is left to prune, and corps and apps stay.
      expect((await store.pruneLivings(CUTOFF, NOW, false)).counts).toEqual({ lives: 0, viewers: 0, events: 0, tokens: 0, suiteTokens: 0 });
      expect(await store.getApp(CORP.corpid, APP.agentid)).toBeDefined();
      expect((await store.listCorps()).map((c) => c.corpid)).toEqual([CORP.corpid, OTHER.corpid]);
    });

    it('selects exactly the lives the pure rule (prune-rule.ts) selects, at any cutoff', async () => {
      const cancelledAt: Record<string, number> = { [CANCELLED.livingid]: CUTOFF - 1000, [CANCELLED_LATE.livingid]: CUTOFF + 1000 };
      const cutoffs = [CUTOFF - 3_600_000, CUTOFF - 1000, CUTOFF, CUTOFF + 1000, CUTOFF + 1001, NOW, NOW + 86_400_000];
      for (const cutoff of cutoffs) {
        const expected = ALL.filter((l) => endedBefore({ ...l, ...(cancelledAt[l.livingid] === undefined ? {} : { cancelledAtMs: cancelledAt[l.livingid] }) }, cutoff, NOW))
          .map((l) => l.livingid)
          .sort();
        expect((await store.pruneLivings(cutoff, NOW, true)).livingids, `cutoff ${cutoff}`).toEqual(expected);
      }
    });

    it('a cutoff in the future takes only lives whose end has passed', async () => {
      // The reserved live's scheduled end is NOW + 3660 s: before this cutoff, but not past.
      const result = await store.pruneLivings(NOW + 7_200_000, NOW, false);
      expect(result.livingids).toEqual(['lvPruneAtCutoff', 'lvPruneCancelled', 'lvPruneCancelledLate', 'lvPruneForeignKept', 'lvPruneForeignOld', 'lvPruneKept', 'lvPruneOld']);
      expect(await store.getLiving(CORP.corpid, RESERVED.livingid)).toBeDefined();
      // Tokens go by what had expired by now, not by the future cutoff.
      expect(await store.findToken(token(2).hash)).toBeUndefined();
      expect(await store.findSuiteToken(suiteToken(5, 0).hash)).toBeDefined();
    });
  });
}
