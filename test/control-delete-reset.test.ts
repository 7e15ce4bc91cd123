import { afterEach, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { LivestatAdminError } from '../src/client/admin/admin-error.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, LIVE, OTHER_CORP, OTHER_LIVE, SECRETS, baseScenario } from './support/scenarios.js';
import { call, getToken, startTestServer, TEST_NOW, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';
import { createServer } from '../src/embed/create-server.js';

const fault = (corpid: string) => ({ api: 'get_living_info', errcode: -1, match: { corpid } });

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(): Promise<{ s: TestServer; admin: LivestatAdmin }> {
    server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, start: { scenarios: [baseScenario()], loadedAtMs: TEST_NOW } });
    return { s: server, admin: new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY }) };
  }
  async function notFound(p: Promise<unknown>): Promise<void> {
    const e = (await p.catch((x: unknown) => x)) as LivestatAdminError;
    expect(e).toBeInstanceOf(LivestatAdminError);
    expect([e.status, e.code]).toEqual([404, 'not_found']);
  }

  describe('DELETE /livestat/admin/corps/...', () => {
    it('removes a live with its viewers: a page served (and cached) before is not served after; 404 the second time', async () => {
      const { s, admin } = await start();
      const token = await getToken(s.url, CORP, SECRETS.selfBuilt);
      for (let i = 0; i < 2; i++) expect((await watchStat(s.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      expect(await admin.deleteLiving(CORP, LIVE)).toEqual({ removed: 1 });
      expect((await watchStat(s.url, token, { livingid: LIVE })).body.errcode).not.toBe(0);
      expect(await s.store.countViewers(CORP, LIVE)).toBe(0);
      await notFound(admin.deleteLiving(CORP, LIVE));
      // Another corp's live is not this corp's to delete.
      await notFound(admin.deleteLiving(CORP, OTHER_LIVE));
      const raw = await call(`${s.url}/livestat/admin/corps/${CORP}/livings/nope`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(raw.status).toBe(404);
      expect(raw.body).toEqual({ error: 'not_found', message: expect.any(String) });
    });

    it('removes an app: its tokens stop working and its secret gets no new one; the corp and its other apps stay', async () => {
      const { s, admin } = await start();
      const token = await getToken(s.url, CORP, SECRETS.selfBuilt);
      expect((await watchStat(s.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      expect(await admin.deleteApp(CORP, 1000002)).toEqual({ removed: 1 });
      expect((await watchStat(s.url, token, { livingid: LIVE })).body.errcode).not.toBe(0);
      expect((await call(`${s.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.errcode).not.toBe(0);
      expect(await getToken(s.url, CORP, SECRETS.agency)).toMatch(/./);
      expect(await s.store.getApp(CORP, 1000003)).toBeDefined();
      expect(await s.store.getLiving(CORP, LIVE)).toBeDefined();
      await notFound(admin.deleteApp(CORP, 1000002));
      await notFound(admin.deleteApp(CORP, 'x' as unknown as number));
    });

    it('removes a corp with everything of it, its faults and journal entries too; the other corp stays', async () => {
      const { s, admin } = await start();
      const token = await getToken(s.url, OTHER_CORP, SECRETS.other);
      expect((await watchStat(s.url, token, { livingid: OTHER_LIVE })).body.errcode).toBe(0);
      await admin.addFault(fault(OTHER_CORP));
      expect(await admin.deleteCorp(OTHER_CORP)).toEqual({ removed: 1 });
      expect((await watchStat(s.url, token, { livingid: OTHER_LIVE })).body.errcode).not.toBe(0);
      expect((await call(`${s.url}/cgi-bin/gettoken?corpid=${OTHER_CORP}&corpsecret=${SECRETS.other}`)).body.errcode).toBe(40013);
      expect(await s.store.getLiving(OTHER_CORP, OTHER_LIVE)).toBeUndefined();
      expect(await admin.faults()).toEqual([]);
      // What the journal still holds of it are only the calls made after the delete.
      expect((await admin.requests({ corpid: OTHER_CORP })).every((r) => r.path === '/cgi-bin/gettoken')).toBe(true);
      await notFound(admin.deleteCorp(OTHER_CORP));
      expect((await watchStat(s.url, await getToken(s.url, CORP, SECRETS.selfBuilt), { livingid: LIVE })).body.errcode).toBe(0);
    });
  });

  describe('reset', () => {
    it('POST /corps/:corpid/reset puts one corp back as at start and leaves the other corp untouched', async () => {
      const { s, admin } = await start();
      const mine = await getToken(s.url, CORP, SECRETS.selfBuilt);
      const theirs = await getToken(s.url, OTHER_CORP, SECRETS.other);
      expect((await watchStat(s.url, mine, { livingid: LIVE })).body.errcode).toBe(0);
      expect((await watchStat(s.url, theirs, { livingid: OTHER_LIVE })).body.errcode).toBe(0);
      await admin.addFault(fault(CORP));
      const otherFault = await admin.addFault(fault(OTHER_CORP));
      await admin.corpClock(CORP).advance(3600);
      const otherClock = await admin.corpClock(OTHER_CORP).advance(60);
      await admin.deleteLiving(CORP, LIVE);
      const otherCalls = await admin.countRequests({ corpid: OTHER_CORP });
      const otherViewers = await s.store.countViewers(OTHER_CORP, OTHER_LIVE);

      const reply = await admin.resetCorp(CORP);
      expect(reply).toMatchObject({ reset: CORP, to: 'start' });
      // This corp: tokens gone, the deleted live back, its faults, journal and clock as at start.
      expect((await watchStat(s.url, mine, { livingid: LIVE })).body.errcode).not.toBe(0);
      // (a call with an unknown token is recorded without a corp)
      expect(await admin.countRequests({ corpid: CORP })).toBe(0);
      expect((await watchStat(s.url, await getToken(s.url, CORP, SECRETS.selfBuilt), { livingid: LIVE })).body.errcode).toBe(0);
      expect((await admin.corpClock(CORP).get()).now).toBe((await admin.clock()).now);
      // The other corp: its token, journal, faults, clock and viewers as they were.
      expect((await watchStat(s.url, theirs, { livingid: OTHER_LIVE })).body.errcode).toBe(0);
      expect(await admin.countRequests({ corpid: OTHER_CORP })).toBe(otherCalls + 1);
      expect(await admin.faults()).toEqual([otherFault]);
      expect((await admin.corpClock(OTHER_CORP).get()).now).toBe(otherClock.now);
      expect(await s.store.countViewers(OTHER_CORP, OTHER_LIVE)).toBe(otherViewers);
      await notFound(admin.resetCorp('wwnotacorp00000001'));
    });

    it('a corp reset after changes gives back exactly the start rows: lives, states, viewers, a simulated audience', async () => {
      const scenario = baseScenario();
      const SIM = 'lvd9BGagAAsimulatedLive000000000';
      scenario.corps[0]!.livings!.push({ livingid: SIM, creator_agentid: 1000002, anchor_userid: 'a', theme: 't', type: 4, living_start: TEST_NOW / 1000 - 3600, living_duration: 7200, simulated_audience: { viewers: 40, seed: 5 } });
      server = await startTestServer(backend, scenario, { adminKey: ADMIN_KEY, start: { scenarios: [scenario], loadedAtMs: TEST_NOW } });
      const s = server;
      const admin = new LivestatAdmin({ baseUrl: s.url, adminKey: ADMIN_KEY });
      const world = async () => {
        const lives = await s.store.listLivings(CORP);
        const pages = await Promise.all(lives.map(async (l) => [l.livingid, await s.store.pageWire(CORP, l.livingid, undefined, 10_000), await s.store.countEvents(CORP, l.livingid)]));
        return { lives, pages, apps: await s.store.listAgentids(CORP) };
      };
      const before = await world();
      expect(before.pages.find(([id]) => id === SIM)?.[2]).toBeGreaterThan(0);
      await s.store.setLivingState(CORP, LIVE, 'cancelled', TEST_NOW);
      await s.store.createLiving({ ...before.lives[0]!, livingid: 'lvd9BGagAAcreatedAtRunTime000000' }, 60);
      await admin.loadScenario({ corps: [{ corpid: CORP, apps: [{ agentid: 1000099, kind: 'self_built', secret: 'added-at-run-time-0123456789' }] }] });
      expect(await world()).not.toEqual(before);
      await admin.resetCorp(CORP);
      expect(await world()).toEqual(before);
    });

    it('POST /reset goes back to the start scenarios; {"to":"empty"} leaves nothing', async () => {
      const { s, admin } = await start();
      const token = await getToken(s.url, CORP, SECRETS.selfBuilt);
      await admin.deleteCorp(OTHER_CORP);
      await admin.addFault(fault(CORP));
      expect(await admin.reset()).toMatchObject({ reset: 'world', to: 'start' });
      expect((await watchStat(s.url, token, { livingid: LIVE })).body.errcode).not.toBe(0);
      expect(await admin.faults()).toEqual([]);
      expect(await admin.countRequests()).toBe(1);
      const back = await getToken(s.url, OTHER_CORP, SECRETS.other);
      expect((await watchStat(s.url, back, { livingid: OTHER_LIVE })).body.errcode).toBe(0);

      expect(await admin.reset('empty')).toMatchObject({ reset: 'world', to: 'empty' });
      expect(await s.store.listCorps()).toEqual([]);
      expect((await call(`${s.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.errcode).toBe(40013);
      const raw = await call(`${s.url}/livestat/admin/reset`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{"to":"yesterday"}' });
      expect(raw.status).toBe(400);
      expect(raw.body).toMatchObject({ error: 'bad_request' });
    });

    it('a server built as `serve` builds it keeps its start scenarios for the resets', async () => {
      const database = await backend.create();
      const built = await createServer({ ...database.location, scenarios: [baseScenario()], adminKey: ADMIN_KEY });
      try {
        const url = await built.listen({ port: 0 });
        const admin = new LivestatAdmin({ baseUrl: url, adminKey: ADMIN_KEY });
        await admin.deleteLiving(CORP, LIVE);
        await admin.resetCorp(CORP);
        expect(await built.store.getLiving(CORP, LIVE)).toBeDefined();
        await admin.deleteCorp(OTHER_CORP);
        await admin.reset();
        expect((await built.store.listCorps()).map((c) => c.corpid).sort()).toEqual([CORP, OTHER_CORP].sort());
      } finally {
        await built.close();
        await database.remove();
      }
    });
  });
});
