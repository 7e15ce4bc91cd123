import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, CROWD, CROWD_LIVE, admin, dashboardScenario } from './support/dashboard.js';
import { CORP } from './support/scenarios.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

// Every live of the dashboard scenario starts at 1764230400: 2025-11-27 16:00 in China.
for (const backend of STORES) describe(backend.name, () => {
  describe('GET /livestat/admin/corps/:corpid/period', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, dashboardScenario(), { adminKey: ADMIN_KEY });
    });
    afterAll(() => server.close());

    const period = (query: string) => admin(server.url, `/corps/${CORP}/period?${query}`);

    it('lists the corp’s lives of the period with viewers and watch time, as each live’s page has them', async () => {
      const { status, body } = await period('since=2025-11-27&until=2025-11-27');
      expect(status).toBe(200);
      const all = (await admin(server.url, `/corps/${CORP}/livings`)).body.livings as { livingid: string }[];
      expect((body.livings as { livingid: string }[]).map((l) => l.livingid)).toEqual(all.map((l) => l.livingid));
      for (const l of body.livings as { livingid: string; viewers: number; total_watch_time: number }[]) {
        const page = (await admin(server.url, `/corps/${CORP}/livings/${l.livingid}`)).body;
        expect([l.viewers, l.total_watch_time]).toEqual([page.summary.viewers, page.summary.total_watch_time]);
      }
      const rows = body.livings as { viewers: number; total_watch_time: number }[];
      expect(body.totals).toEqual({ lives: rows.length, viewers: rows.reduce((n, r) => n + r.viewers, 0), total_watch_time: rows.reduce((n, r) => n + r.total_watch_time, 0) });
    });

    it('reads bare dates as days in China and narrows to one anchor', async () => {
      // 16:00 in China is 08:00 UTC: a UTC-midnight bound after it still excludes, a China one includes.
      expect((await period('since=2025-11-28')).body.livings).toEqual([]);
      expect((await period('until=2025-11-26')).body.livings).toEqual([]);
      expect((await period('since=2025-11-27T16:00:01%2B08:00')).body.livings).toEqual([]);
      expect((await period('until=2025-11-27T16:00:01%2B08:00')).body.livings.length).toBeGreaterThan(1);
      const anchor = (await period('userid=hanmeimei')).body;
      expect(anchor.livings.map((l: { livingid: string }) => l.livingid)).toEqual([CROWD_LIVE]);
      expect(anchor.totals.viewers).toBe(CROWD.members + CROWD.external);
    });

    it('refuses a date it cannot read, a corp that does not exist and a missing key', async () => {
      expect((await period('since=27.11.2025')).status).toBe(400);
      expect((await period('until=2025-11-27T10:00')).status).toBe(400);
      expect((await admin(server.url, '/corps/wwnosuchcorp000000/period')).status).toBe(404);
      expect((await admin(server.url, `/corps/${CORP}/period`, null)).status).toBe(401);
    });
  });
});
