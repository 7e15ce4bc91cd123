import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/domain/callback.js';
import type { App, Corp } from '../../src/domain/model.js';
import type { Store } from '../../src/store/store.js';
import type { StoreUnderTest } from './store-contract.js';

const CORP: Corp = { corpid: 'wwcallbackcontract1', name: 'Acme', grandfatheredSystemApp: false };
const APP: App = { corpid: CORP.corpid, agentid: 1000002, kind: 'self_built', livingApi: true, trustedIps: [] };
const OWNER = { kind: 'app', corpid: CORP.corpid, agentid: APP.agentid } as const;
const CONFIG = { url: 'http://127.0.0.1:1/cb', token: 'tok123', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };

const push = (over: Partial<OutboxMessage> = {}): OutboxMessage => ({ kind: 'living_status_change', owner: OWNER, message: '<xml/>', createTime: 1_700_000_000, dueAtMs: 1_700_000_000_000, ...over });

/** Callbacks' part of the Store contract: the same answers from every backend. */
export function runCallbackStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract (callbacks): ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      await store.upsertCorp(CORP);
      await store.upsertApp(APP);
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('stores a callback unchecked, keeps the check while it is the same, and forgets it when it changes', async () => {
      expect(await store.setCallback(OWNER, CONFIG)).toBe(true);
      expect(await store.setCallback(OWNER, CONFIG)).toBe(false);
      expect(await store.getCallback(OWNER)).toEqual({ owner: OWNER, ...CONFIG, verified: false });
      await store.setCallbackVerified(OWNER, 1);
      expect(await store.setCallback(OWNER, CONFIG)).toBe(false);
      expect((await store.getCallback(OWNER))?.verified).toBe(true);
      expect(await store.setCallback(OWNER, { ...CONFIG, url: 'http://127.0.0.1:2/cb' })).toBe(true);
      expect((await store.getCallback(OWNER))?.verified).toBe(false);
      expect(await store.listCallbacks()).toHaveLength(1);
      expect(await store.setCallback(OWNER, undefined)).toBe(true);
      expect(await store.getCallback(OWNER)).toBeUndefined();
      // An app's removal takes its callback.
      await store.setCallback(OWNER, CONFIG);
      await store.deleteApp(CORP.corpid, APP.agentid);
      expect(await store.listCallbacks()).toEqual([]);
    });

    it('records a status change and its push once (compare-and-set), and claims each attempt once', async () => {
      await store.upsertLiving({ corpid: CORP.corpid, livingid: 'lvCb1', creatorAgentid: APP.agentid, anchorUserid: 'a', theme: 't', type: 0, livingStart: 1, livingDuration: 60, description: '' });
      await store.setCallback(OWNER, CONFIG);
      expect(await store.listWatchedLivings()).toEqual([]);
      await store.setCallbackVerified(OWNER, 1);
      const [watched] = await store.listWatchedLivings();
      expect(watched).toMatchObject({ corpid: CORP.corpid, livingid: 'lvCb1', creatorAgentid: APP.agentid, appKind: 'self_built', hasViewers: false, cancelled: false, recorded: undefined });
      expect(await store.recordLivingStatus(watched!.pk, undefined, 0, push())).toBe(true);
      expect(await store.recordLivingStatus(watched!.pk, undefined, 0, push())).toBe(false);
      expect(await store.recordLivingStatus(watched!.pk, 1, 2, push())).toBe(false);
      expect(await store.recordLivingStatus(watched!.pk, 0, 3, undefined)).toBe(true);
      // A final status is no longer watched.
      expect(await store.listWatchedLivings()).toEqual([]);
      const [row, ...more] = await store.pendingOutbox(10);
      expect(more).toEqual([]);
      expect(row).toMatchObject({ kind: 'living_status_change', owner: OWNER, createTime: 1_700_000_000, attempts: 0 });
      expect(await store.claimOutbox(row!.id, 0, 5)).toBe(true);
      expect(await store.claimOutbox(row!.id, 0, 5)).toBe(false);
      expect((await store.pendingOutbox(10))[0]).toMatchObject({ attempts: 1, dueAtMs: 5 });
      await store.finishOutbox(row!.id, true);
      expect(await store.pendingOutbox(10)).toEqual([]);
    });

    it('pushes a suite ticket once per schedule slot, and knows when each expires', async () => {
      await store.upsertSuite({ suiteId: 'wwsuitecontract', secretHash: 'x', ticketHash: 'y', trustedIps: [] });
      const suite = { kind: 'suite', suiteId: 'wwsuitecontract' } as const;
      await store.setCallback(suite, CONFIG);
      const ticket = Buffer.alloc(32, 1);
      expect(await store.pushSuiteTicket('wwsuitecontract', undefined, ticket, 2_000, push({ kind: 'suite_ticket', owner: suite, dueAtMs: 1_000 }))).toBe(true);
      expect(await store.pushSuiteTicket('wwsuitecontract', undefined, Buffer.alloc(32, 2), 2_000, push({ kind: 'suite_ticket', owner: suite, dueAtMs: 1_000 }))).toBe(false);
      expect((await store.getCallback(suite))?.lastTicketAtMs).toBe(1_000);
      expect(await store.suiteTicketExpiry('wwsuitecontract', ticket)).toBe(2_000);
      expect(await store.suiteTicketExpiry('wwsuitecontract', Buffer.alloc(32, 2))).toBeUndefined();
      expect((await store.pendingOutbox(10)).map((r) => r.owner)).toEqual([suite]);
    });
  });
}
