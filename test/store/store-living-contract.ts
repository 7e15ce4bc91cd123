import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret, lookupHash } from '../../src/domain/credentials.js';
import type { App, Corp, Living } from '../../src/domain/model.js';
import type { Store } from '../../src/store/store.js';
import type { StoreUnderTest } from './store-contract.js';

const CORP: Corp = { corpid: 'wwlivingcontract1', name: 'Acme', grandfatheredSystemApp: false };
const OTHER: Corp = { corpid: 'wwlivingcontract2', name: 'Other', grandfatheredSystemApp: false };
const APP: App = { corpid: CORP.corpid, agentid: 1000002, kind: 'self_built', livingApi: true, trustedIps: [] };
const SUITE_APP: App = { corpid: CORP.corpid, agentid: 1000004, kind: 'third_party', livingApi: true, trustedIps: [] };

function living(livingid: string, over: Partial<Living> = {}): Living {
  return { corpid: CORP.corpid, livingid, creatorAgentid: 1000002, anchorUserid: 'anchor', theme: 't', type: 0, livingStart: 1_764_230_400, livingDuration: 600, description: '', ...over };
}

/** The live-stream family's and suites' part of the Store contract; runStoreContract runs it for every backend. */
export function runLivingStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract (live-stream family, suites): ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      for (const corp of [CORP, OTHER]) await store.upsertCorp(corp);
      await store.upsertApp(APP);
      await store.upsertApp(SUITE_APP);
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('creates, reads, updates, cancels and deletes replays of lives, per corp', async () => {
      await store.createLiving(living('lvA', { description: 'd' }), 300);
      expect(await store.getLivingRecord(CORP.corpid, 'lvA')).toEqual({ ...living('lvA', { description: 'd' }), remindTime: 300, cancelled: false, replayDeleted: false, openReplay: 1 });
      expect(await store.getLivingRecord(OTHER.corpid, 'lvA')).toBeUndefined();
      await expect(store.createLiving(living('lvA'), undefined)).rejects.toThrow();
      expect(await store.updateLiving(CORP.corpid, 'lvA', { theme: 'new', livingDuration: 900 })).toBe(true);
      expect(await store.updateLiving(OTHER.corpid, 'lvA', { theme: 'spy' })).toBe(false);
      expect(await store.getLivingRecord(CORP.corpid, 'lvA')).toMatchObject({ theme: 'new', livingDuration: 900, description: 'd', remindTime: 300 });
      expect(await store.setLivingState(CORP.corpid, 'lvA', 'replay_deleted', 1)).toBe(true);
      expect(await store.setLivingState(CORP.corpid, 'lvA', 'replay_deleted', 2)).toBe(false);
      expect(await store.setLivingState(CORP.corpid, 'lvA', 'cancelled', 3)).toBe(true);
      expect(await store.setLivingState(CORP.corpid, 'lvA', 'cancelled', 4)).toBe(false);
      expect(await store.updateLiving(CORP.corpid, 'lvA', { theme: 'late' })).toBe(false);
      expect(await store.getLivingRecord(CORP.corpid, 'lvA')).toMatchObject({ theme: 'new', cancelled: true, replayDeleted: true });
      // The dashboard's list carries the same state, so it can show the status get_living_info does.
      expect(await store.listLivings(CORP.corpid)).toEqual([await store.getLivingRecord(CORP.corpid, 'lvA')]);
      expect(await store.listLivings(OTHER.corpid)).toEqual([]);
      // A scenario reload of the live leaves its state alone.
      await store.upsertLiving(living('lvA', { theme: 'reloaded' }));
      expect(await store.getLivingRecord(CORP.corpid, 'lvA')).toMatchObject({ theme: 'reloaded', cancelled: true });
    });

    it('keeps codes by hash per corp until they expire, and the first on-air and last off-air of the anchor', async () => {
      await store.createLiving(living('lvG'), undefined);
      const hash = lookupHash('code-1');
      expect(await store.saveLivingCode({ hash, corpid: CORP.corpid, livingid: 'lvG', openid: 'o1', expiresAt: 2000 }, 1000)).toBe(true);
      expect(await store.saveLivingCode({ hash: lookupHash('code-x'), corpid: OTHER.corpid, livingid: 'lvG', openid: 'o1', expiresAt: 2000 }, 1000)).toBe(false);
      expect(await store.findLivingCode(CORP.corpid, hash, 1999)).toEqual({ hash, corpid: CORP.corpid, livingid: 'lvG', openid: 'o1', expiresAt: 2000 });
      expect(await store.findLivingCode(CORP.corpid, hash, 2000)).toBeUndefined();
      expect(await store.findLivingCode(OTHER.corpid, hash, 1000)).toBeUndefined();
      const share = { hash: lookupHash('share-1'), corpid: CORP.corpid, livingid: 'lvG', viewer: { kind: 1 as const, id: 'wmV' }, invitor: { kind: 0 as const, id: 'inviter' }, expiresAt: 2000 };
      expect(await store.saveShareCodes([share, { ...share, hash: lookupHash('share-2'), livingid: 'lvNope' }], 1000)).toBe(1);
      expect(await store.findShareCode(CORP.corpid, share.hash, 1500)).toEqual(share);
      await store.setDeclaredViewers(CORP.corpid, 'lvG', [{ kind: 1, id: 'wmV', type: 1, name: 'v', watchTime: 1, isComment: 0, isMic: 0, invitorUserid: 'first' }]);
      expect((await store.findShareCode(CORP.corpid, share.hash, 1500))?.viewerRow).toEqual({ invitor: { kind: 0, id: 'first' } });
      expect(await store.findShareCode(CORP.corpid, share.hash, 2000)).toBeUndefined();

      const air = (id: string, kind: 'anchor_on_air' | 'anchor_off_air', at: number, userid = 'anchor') => ({ id, livingid: 'lvG', at, kind, anchor: { userid } });
      expect(await store.ingestAnchorEvents(CORP.corpid, [air('a1', 'anchor_on_air', 5000), air('a2', 'anchor_on_air', 3000), air('a1', 'anchor_on_air', 1), air('a3', 'anchor_off_air', 9000), air('a4', 'anchor_off_air', 7000), air('a5', 'anchor_on_air', 1, 'intruder')])).toEqual(['accepted', 'accepted', 'duplicate', 'accepted', 'accepted', 'not_anchor']);
      expect(await store.ingestAnchorEvents(OTHER.corpid, [air('b1', 'anchor_on_air', 1)])).toEqual(['unknown_living']);
      expect(await store.getLivingRecord(CORP.corpid, 'lvG')).toMatchObject({ onAirAt: 3000, offAirAt: 9000, openReplay: 1 });
      expect(await store.countEvents(CORP.corpid, 'lvG')).toBe(4);
      expect(await store.setOpenReplay(CORP.corpid, 'lvG', 0)).toBe(true);
      expect(await store.setOpenReplay(CORP.corpid, 'lvG', 0)).toBe(false);
      expect(await store.setOpenReplay(OTHER.corpid, 'lvG', 1)).toBe(false);
      expect((await store.listLivings(CORP.corpid))[0]).toMatchObject({ openReplay: 0, onAirAt: 3000, offAirAt: 9000 });
      // A deleted live takes its codes and anchor events with it.
      expect(await store.deleteLiving(CORP.corpid, 'lvG')).toBe(true);
      await store.createLiving(living('lvG'), undefined);
      expect(await store.findShareCode(CORP.corpid, share.hash, 1500)).toBeUndefined();
      expect(await store.ingestAnchorEvents(CORP.corpid, [air('a1', 'anchor_on_air', 5000)])).toEqual(['accepted']);
    });

    it("lists an anchor's lives newest first by keyset, optionally one creator's", async () => {
      const start = 1_764_230_400;
      await store.createLiving(living('lvB', { livingStart: start }), undefined);
      await store.createLiving(living('lvC', { livingStart: start }), undefined);
      await store.createLiving(living('lvD', { livingStart: start + 10, creatorAgentid: 1000004 }), undefined);
      await store.createLiving(living('lvE', { livingStart: start + 5, anchorUserid: 'other' }), undefined);
      const page1 = await store.listAnchorLivings(CORP.corpid, 'anchor', undefined, undefined, 2);
      expect(page1).toEqual([{ livingid: 'lvD', livingStart: start + 10 }, { livingid: 'lvC', livingStart: start }]);
      expect(await store.listAnchorLivings(CORP.corpid, 'anchor', undefined, page1[1], 2)).toEqual([{ livingid: 'lvB', livingStart: start }]);
      expect((await store.listAnchorLivings(CORP.corpid, 'anchor', 1000002, undefined, 10)).map((l) => l.livingid)).toEqual(['lvC', 'lvB']);
      expect(await store.listAnchorLivings(OTHER.corpid, 'anchor', undefined, undefined, 10)).toEqual([]);
    });

    it('counts viewers, commenters and mic takers, per corp', async () => {
      await store.createLiving(living('lvF'), undefined);
      expect(await store.livingCounts(CORP.corpid, 'lvF')).toEqual({ viewers: 0, commenters: 0, micTakers: 0, open: [] });
      await store.setDeclaredViewers(CORP.corpid, 'lvF', [
        { kind: 0, id: 'a', watchTime: 1, isComment: 1, isMic: 1 },
        { kind: 0, id: 'b', watchTime: 1, isComment: 1, isMic: 0 },
        { kind: 1, id: 'wmC', type: 1, name: 'c', watchTime: 1, isComment: 0, isMic: 0 },
      ]);
      expect(await store.livingCounts(CORP.corpid, 'lvF')).toEqual({ viewers: 3, commenters: 2, micTakers: 1, open: [] });
      expect(await store.livingCounts(OTHER.corpid, 'lvF')).toEqual({ viewers: 0, commenters: 0, micTakers: 0, open: [] });
    });

    it('keeps suites, their authorizations and tokens; a reset secret drops the tokens', async () => {
      const suite = { suiteId: 'wwsuite1', secretHash: hashSecret('s'), ticketHash: hashSecret('t'), trustedIps: ['203.0.113.0/24'] };
      expect(await store.upsertSuite(suite)).toBe(true);
      expect(await store.upsertSuite(suite)).toBe(false);
      expect(await store.getSuite('wwsuite1')).toEqual(suite);
      const auth = { corpid: CORP.corpid, agentid: 1000004, permanentCodeHash: hashSecret('p') };
      expect(await store.setSuiteAuthorizations('wwsuite1', [auth])).toBe(true);
      expect(await store.setSuiteAuthorizations('wwsuite1', [auth])).toBe(false);
      expect(await store.listSuiteAuthorizations('wwsuite1', CORP.corpid)).toEqual([auth]);
      expect(await store.listSuiteAuthorizations('wwsuite1', OTHER.corpid)).toEqual([]);
      // The app's provider, whose allowlist its calls are checked against.
      expect(await store.suiteOfApp(CORP.corpid, 1000004)).toEqual(suite);
      expect(await store.suiteOfApp(CORP.corpid, 1000002)).toBeUndefined();
      const moved = { ...suite, trustedIps: ['198.51.100.7'] };
      expect(await store.upsertSuite(moved)).toBe(true);
      expect(await store.getSuite('wwsuite1')).toEqual(moved);
      const token = { hash: Buffer.alloc(32, 1), suiteId: 'wwsuite1', expiresAt: 10_000, nonce: Buffer.alloc(16, 2) };
      expect(await store.saveSuiteToken(token)).toBe(true);
      expect(await store.findSuiteToken(token.hash)).toEqual(token);
      expect(await store.currentSuiteToken('wwsuite1', 9_999)).toEqual(token);
      expect(await store.currentSuiteToken('wwsuite1', 10_000)).toBeUndefined();
      await store.upsertSuite({ ...suite, secretHash: hashSecret('s2') });
      expect(await store.findSuiteToken(token.hash)).toBeUndefined();
      expect(await store.setSuiteAuthorizations('wwsuite1', [])).toBe(true);
      expect(await store.listSuiteAuthorizations('wwsuite1')).toEqual([]);
    });
  });
}
