import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { WeComClient } from '../src/client/client.js';
import { MemoryTokenStore } from '../src/client/token-store.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, LIVE, OTHER_CORP, OTHER_LIVE, SECRETS, baseScenario } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let admin: LivestatAdmin;
  beforeAll(async () => {
    server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY });
    admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    await admin.clearFaults();
  });

  /** One raw HTTP exchange: what arrived (status, bytes) or how the connection failed. */
  function rawPost(url: string, body: string): Promise<{ status?: number; text?: string; error?: string }> {
    return new Promise((resolve) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: res.statusCode!, text: Buffer.concat(chunks).toString('utf8'), error: e.code ?? e.message }));
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
      req.end(body);
    });
  }

  describe('faults at run time', () => {
    it('lists the --fault flags as entries of the same plan, and removes them like any other', async () => {
      const fresh = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, faults: [{ api: 'gettoken', kind: 'errcode', errcode: -1, rate: 1 }] });
      try {
        const a = new LivestatAdmin({ baseUrl: fresh.url, adminKey: ADMIN_KEY });
        const [flag] = await a.faults();
        expect(flag).toMatchObject({ id: 'f1', source: 'flag', api: 'gettoken', errcode: -1, rate: 1 });
        expect((await call(`${fresh.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.errcode).toBe(-1);
        expect(await a.removeFault(flag!.id)).toEqual({ removed: 1 });
        await expect(a.removeFault(flag!.id)).rejects.toMatchObject({ status: 404 });
        expect(await getToken(fresh.url, CORP, SECRETS.selfBuilt)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      } finally {
        await fresh.close();
      }
    });

    it('fails exactly the next two calls with times: 2, which the SDK retry survives on the third', async () => {
      const added = await admin.addFault({ api: 'get_watch_stat', errcode: -1, times: 2 });
      expect(added).toMatchObject({ source: 'api', times: 2 });
      await admin.clearRequests();
      const client = new WeComClient({ corpid: CORP, corpsecret: SECRETS.selfBuilt, baseUrl: server.url, tokenStore: new MemoryTokenStore(), sleep: async () => undefined, random: () => 0 });
      const page = await client.living.getWatchStat({ livingid: LIVE });
      expect(page.ending).toBe(1);
      const calls = await admin.requests({ api: 'get_watch_stat' });
      expect(calls.map((r) => r.errcode)).toEqual([-1, -1, 0]);
      // Used up, the fault removed itself.
      expect(await admin.faults()).toEqual([]);
    });

    it('hits only the calls its match names', async () => {
      await admin.addFault({ api: '*', errcode: 45009, match: { corpid: OTHER_CORP } });
      await admin.addFault({ api: 'get_watch_stat', errcode: 92008, match: { livingid: 'lvd9BGagAAnoSuchLive000000000000' } });
      const mine = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect((await watchStat(server.url, mine, { livingid: LIVE })).body.errcode).toBe(0);
      expect((await call(`${server.url}/cgi-bin/gettoken?corpid=${OTHER_CORP}&corpsecret=${SECRETS.other}`)).body.errcode).toBe(45009);
      expect((await watchStat(server.url, mine, { livingid: 'lvd9BGagAAnoSuchLive000000000000' })).body.errcode).toBe(92008);
    });

    it('refuses a fault with no effect, two effects or an unknown errcode', async () => {
      for (const bad of [{ api: 'gettoken' }, { api: 'gettoken', errcode: -1, latency_ms: 5 }, { api: 'gettoken', errcode: 12345 }, { api: 'gettoken', errcode: -1, times: 0 }, { api: 'x', kind: 'melt' }]) {
        await expect(admin.addFault(bad as never)).rejects.toMatchObject({ status: 400, code: 'bad_request' });
      }
      expect(await admin.faults()).toEqual([]);
    });

    it('gives a raw client each transport fault, once, and records it', async () => {
      const token = await getToken(server.url, OTHER_CORP, SECRETS.other);
      const url = `${server.url}/cgi-bin/living/get_watch_stat?access_token=${encodeURIComponent(token)}`;
      const body = JSON.stringify({ livingid: OTHER_LIVE });
      await admin.clearRequests();

      await admin.addFault({ api: 'get_watch_stat', kind: 'connection_reset', times: 1 });
      expect((await rawPost(url, body)).error).toBe('ECONNRESET');

      await admin.addFault({ api: 'get_watch_stat', kind: 'empty_reply', times: 1 });
      const empty = await rawPost(url, body);
      expect(empty.status).toBeUndefined();
      expect(['ECONNRESET', 'socket hang up']).toContain(empty.error);

      await admin.addFault({ api: 'get_watch_stat', kind: 'truncated_json', times: 1 });
      const cut = await rawPost(url, body);
      expect(cut.status).toBe(200);
      expect(cut.error).toBe('ECONNRESET');
      expect(cut.text!.startsWith('{"errcode":0')).toBe(true);
      expect(() => JSON.parse(cut.text!)).toThrow();

      await admin.addFault({ api: 'get_watch_stat', kind: 'html_502', times: 1 });
      const gateway = await rawPost(url, body);
      expect(gateway.status).toBe(502);
      expect(gateway.text).toContain('<h1>502 Bad Gateway</h1>');

      // Each fault was used once; the next call is served.
      const ok = await rawPost(url, body);
      expect(JSON.parse(ok.text!)).toMatchObject({ errcode: 0, ending: 1 });
      const journal = await admin.requests({ api: 'get_watch_stat' });
      expect(journal.map((r) => r.fault ?? r.errcode)).toEqual(['connection_reset', 'empty_reply', 'truncated_json', 'html_502', 0]);
      expect(journal.map((r) => r.status)).toEqual([0, 0, 0, 502, 200]);
    });
  });
});
