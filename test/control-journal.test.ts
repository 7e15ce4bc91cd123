import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { Journal } from '../src/domain/journal.js';
import { runCli } from './support/cli.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { BIG_LIVE, CORP, LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { TEST_NOW, call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let admin: LivestatAdmin;
  beforeAll(async () => {
    // 1,500 viewers at 100 a page: 15 pages.
    server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, pageSize: 100 });
    admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());

  describe('the request journal', () => {
    it('counts exactly the calls a livestat pull made: one gettoken, every page with the next_key it was given, stop at ending 1', async () => {
      await admin.clearRequests();
      const out = join(server.dir, 'big.csv');
      const run = await runCli(['pull', '--livingid', BIG_LIVE, '--corpid', CORP, '--base-url', server.url, '--out', out, '--token-dir', join(server.dir, 'tokens')], { LIVESTAT_SECRET: SECRETS.selfBuilt });
      expect(run.code, run.stderr).toBe(0);
      expect((await readFile(out, 'utf8')).trimEnd().split('\n')).toHaveLength(1 + 1500);

      expect(await admin.countRequests({ api: 'gettoken' })).toBe(1);
      expect(await admin.countRequests({ api: 'get_watch_stat', corpid: CORP, agentid: 1000002 })).toBe(15);
      expect(await admin.countRequests()).toBe(16);
      const pages = await admin.requests({ api: 'get_watch_stat' });
      // Each page asked for the next_key the previous reply gave; the first asked from the start.
      const first = pages[0]!.body as { livingid: string; next_key?: string };
      expect(first.livingid).toBe(BIG_LIVE);
      expect(first.next_key === undefined || first.next_key === '0' || first.next_key === '').toBe(true);
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      let expected: string | undefined;
      for (const [i, page] of pages.entries()) {
        const sent = (page.body as { next_key?: string }).next_key;
        if (i > 0) expect(sent).toBe(expected);
        // Replaying the same call gives the reply the pull saw: its next_key and ending.
        const replay = await watchStat(server.url, token, page.body);
        expect(replay.body.ending).toBe(i === pages.length - 1 ? 1 : 0);
        expected = replay.body.next_key as string;
        expect(page).toMatchObject({ method: 'POST', path: '/cgi-bin/living/get_watch_stat', status: 200, errcode: 0, corpid: CORP, agentid: 1000002 });
        expect(page.time).toBe(TEST_NOW / 1000);
      }
    });

    it('filters by api, corpid, agentid, errcode, since and limit, and clears', async () => {
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      await admin.clearRequests();
      await call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=wrong-secret`);
      await watchStat(server.url, token, { livingid: LIVE });
      await watchStat(server.url, THIRD_PARTY_TOKEN, { livingid: 'lvd9BGagAAnoSuchLive000000000000' });
      const all = await admin.requests();
      expect(all.map((r) => [r.api, r.errcode])).toEqual([['gettoken', 40001], ['get_watch_stat', 0], ['get_watch_stat', 92008]]);
      expect(all[0]).toMatchObject({ corpid: CORP, hint: expect.stringMatching(/^\d{25}$/) });
      expect(all[0]!.agentid).toBeUndefined();
      expect(await admin.countRequests({ errcode: 92008, agentid: 1000004 })).toBe(1);
      expect((await admin.requests({ limit: 1 })).map((r) => r.seq)).toEqual([all[2]!.seq]);
      expect(await admin.countRequests({ since: TEST_NOW / 1000 + 1 })).toBe(0);
      expect(await admin.countRequests({ since: new Date(TEST_NOW).toISOString() })).toBe(3);
      await expect(admin.requests({ errcode: 'x' as never })).rejects.toMatchObject({ status: 400 });
      expect(await admin.clearRequests()).toEqual({ removed: 3 });
      expect(await admin.requests()).toEqual([]);
      expect(await admin.outbound()).toEqual([]);
      expect(await admin.countOutbound()).toBe(0);
    });

    it('holds no secret or token in plaintext', async () => {
      await admin.clearRequests();
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      await watchStat(server.url, token, { livingid: LIVE });
      await call(`${server.url}/cgi-bin/service/get_suite_token`, { method: 'POST', body: JSON.stringify({ suite_id: 'wwsuite', suite_secret: 'SUITE-SECRET-plaintext', suite_ticket: 'TICKET-plaintext' }) });
      await call(`${server.url}/cgi-bin/service/get_corp_token?suite_access_token=SUITE-TOKEN-plaintext`, { method: 'POST', body: JSON.stringify({ auth_corpid: CORP, permanent_code: 'PERMANENT-plaintext' }) });
      await call(`${server.url}/cgi-bin/living/get_watch_stat?access_token=${token}`, { method: 'POST', body: '{"livingid": "x", "corpsecret": "' + SECRETS.agency });
      const text = JSON.stringify(await admin.requests());
      expect((await admin.requests()).length).toBe(5);
      for (const secret of [token, SECRETS.selfBuilt, SECRETS.agency, 'SUITE-SECRET-plaintext', 'TICKET-plaintext', 'SUITE-TOKEN-plaintext', 'PERMANENT-plaintext']) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('[REDACTED]');
    });

    it('keeps only the newest records in a bounded ring', () => {
      const ring = new Journal(3);
      for (let i = 0; i < 5; i++) ring.add({ time: i, method: 'GET', path: '/p', query: {}, status: 200, duration_ms: 0 });
      expect(ring.list().map((r) => r.time)).toEqual([2, 3, 4]);
      expect(ring.count({ since: 3 })).toBe(2);
    });
  });
});
