import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { ADMIN_KEY, CROWD, CROWD_LIVE, admin, dashboardScenario } from './support/dashboard.js';
import { createLiving, ingest, livingInfo, livingScenario, post } from './support/living-scenario.js';
import { BIG_LIVE, CORP, EMPTY_LIVE, LIVE, OTHER_CORP, SECRETS } from './support/scenarios.js';
import { getToken, startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(backend, dashboardScenario(), { adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());

  const living = (id: string, query = '') => `/corps/${CORP}/livings/${id}${query}`;

  interface Row { kind: 'member' | 'external'; userid?: string; external_userid?: string; name?: string; watch_time: number; type?: number; is_mic: number; is_comment: number }
  const idOf = (v: Row) => (v.kind === 'member' ? v.userid! : v.external_userid!);

  /** Every row of an order by following `next` to the end. */
  async function walk(query: string, limit = 500): Promise<Row[]> {
    const out: Row[] = [];
    let after = '';
    for (let pages = 0; pages < 1000; pages++) {
      const { status, body } = await admin(server.url, living(CROWD_LIVE, `/audience?${query}&limit=${limit}${after && `&after=${after}`}`));
      expect(status).toBe(200);
      out.push(...(body.viewers as Row[]));
      if (body.next === null) return out;
      after = encodeURIComponent(body.next as string);
    }
    throw new Error('too many pages');
  }

  describe('admin API', () => {
    it('answers 401 in livestat style without the key, with a wrong key, or when no key is configured', async () => {
      for (const key of [null, 'wrong-key-wrong-key', `${ADMIN_KEY}x`]) {
        const r = await admin(server.url, '/corps', key);
        expect(r.status).toBe(401);
        expect(r.body).toMatchObject({ error: 'unauthorized' });
      }
      const closed = await startTestServer(backend, dashboardScenario());
      try {
        expect((await admin(closed.url, '/corps')).status).toBe(401);
      } finally {
        await closed.close();
      }
    });

    it("lists every corp and a corp's lives with get_living_info's status and numbers", async () => {
      const corps = await admin(server.url, '/corps');
      expect(corps.headers.get('cache-control')).toBe('no-store');
      expect(corps.body.corps.map((c: { corpid: string }) => c.corpid).sort()).toEqual([CORP, OTHER_CORP].sort());
      const { body } = await admin(server.url, `/corps/${CORP}/livings`);
      const live = body.livings.find((l: { livingid: string }) => l.livingid === LIVE);
      // TEST_NOW is 2025-11-27 08:00 UTC, the demo lives start then for an hour.
      expect(live).toMatchObject({ theme: 'Q4 kickoff', anchor_userid: 'zhangsan', status: 1, viewer_num: 3, comment_num: 2, mic_num: 1, online_count: 0 });
      // Past its start with nobody watching, a live is still reserved (the anchor is late).
      expect(body.livings.find((l: { livingid: string }) => l.livingid === EMPTY_LIVE)).toMatchObject({ status: 0, viewer_num: 0 });
      expect((await admin(server.url, '/corps/wwnosuchcorp/livings')).status).toBe(404);
    });

    it('sums up one live: members vs external, median, histogram, inviters', async () => {
      const { body } = await admin(server.url, living(LIVE));
      expect(body.summary).toEqual({
        viewers: 3,
        members: 2,
        external: 1,
        wechat: 1,
        wecom: 0,
        commenters: 2,
        mic_takers: 1,
        total_watch_time: 1898,
        median_watch_time: 60,
      });
      expect(body.histogram.reduce((s: number, b: { viewers: number }) => s + b.viewers, 0)).toBe(3);
      expect(body.inviters).toEqual(
        expect.arrayContaining([
          { kind: 'member', id: 'lisi', viewers: 1, watch_time: 60 },
          { kind: 'external', id: 'wmd9BGagAAImsTlYX4a4RGavhNT5LvEA', viewers: 1, watch_time: 38 },
        ]),
      );
      const crowd = (await admin(server.url, living(CROWD_LIVE))).body;
      expect(crowd.summary.viewers).toBe(CROWD.members + CROWD.external);
      expect((crowd.summary.wechat as number) + (crowd.summary.wecom as number)).toBe(CROWD.external);
      expect(crowd.inviters.length).toBeGreaterThan(0);
      expect((await admin(server.url, `/corps/${OTHER_CORP}/livings/${LIVE}`)).status).toBe(404);
    });

    it('pages the whole audience by cursor in each order without repeating or skipping anyone', async () => {
      const byId = await walk('sort=id');
      expect(byId).toHaveLength(CROWD.members + CROWD.external);
      expect(new Set(byId.map(idOf)).size).toBe(byId.length);
      const byTime = await walk('sort=watch_time&order=desc');
      expect(new Set(byTime.map(idOf))).toEqual(new Set(byId.map(idOf)));
      for (let i = 1; i < byTime.length; i++) expect(byTime[i - 1]!.watch_time).toBeGreaterThanOrEqual(byTime[i]!.watch_time);
      const byName = await walk('sort=name');
      expect(byName).toHaveLength(byId.length);
      const names = byName.map((v) => v.name ?? '');
      expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    });

    it('filters by kind, comment, mic and text, and refuses a cursor of another order', async () => {
      const wecomMic = await walk('sort=watch_time&kind=wecom&mic=1');
      expect(wecomMic.length).toBeGreaterThan(0);
      expect(wecomMic.every((v) => v.kind === 'external' && v.type === 2 && v.is_mic === 1)).toBe(true);
      const members = await walk('sort=id&kind=member&commented=1');
      expect(members.every((v) => v.kind === 'member' && v.is_comment === 1)).toBe(true);
      const found = (await admin(server.url, living(LIVE, '/audience?q=%E4%B8%87'))).body.viewers as Row[];
      expect(found.map(idOf)).toEqual(['wmd9BGagAAcV672nvFb2SHGwFHKotxQg']);
      const first = (await admin(server.url, living(CROWD_LIVE, '/audience?sort=id&limit=5'))).body;
      const wrongOrder = await admin(server.url, living(CROWD_LIVE, `/audience?sort=watch_time&after=${first.next}`));
      expect(wrongOrder.status).toBe(400);
      expect((await admin(server.url, living(CROWD_LIVE, '/audience?sort=rank'))).status).toBe(400);
      expect((await admin(server.url, living(CROWD_LIVE, '/audience?limit=100000'))).status).toBe(400);
    });

    it('streams the same CSV that livestat pull writes', async () => {
      const r = await admin(server.url, living(BIG_LIVE, '/audience.csv'));
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename="${BIG_LIVE}.csv"`);
      const out = join(server.dir, 'pull.csv');
      const pull = await runCli(['pull', '--base-url', server.url, '--corpid', CORP, '--secret', SECRETS.selfBuilt, '--livingid', BIG_LIVE, '--format', 'csv', '--out', out]);
      expect(pull.code, pull.stderr).toBe(0);
      expect(r.text).toBe(await readFile(out, 'utf8'));
    });
  });

  describe("the dashboard's lives and get_living_info", () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY });
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(() => server.close());

    const FIGURES = ['status', 'viewer_num', 'comment_num', 'mic_num', 'online_count'] as const;
    const figures = (o: Record<string, unknown>) => Object.fromEntries(FIGURES.map((k) => [k, o[k]]));

    /** Each live's figures in get_living_info, checked against the admin list and the live's admin page. */
    async function agreed(ids: readonly string[]): Promise<Record<string, unknown>[]> {
      const list = (await admin(server.url, `/corps/${CORP}/livings`)).body.livings as Record<string, unknown>[];
      const out = [];
      for (const id of ids) {
        const info = (await livingInfo(server, token, id)).body.living_info as Record<string, unknown>;
        expect(figures(list.find((l) => l.livingid === id)!), `list: ${id}`).toEqual(figures(info));
        expect(figures((await admin(server.url, `/corps/${CORP}/livings/${id}`)).body.living), `page: ${id}`).toEqual(figures(info));
        out.push(figures(info));
      }
      return out;
    }

    it('agree on the status and numbers of every kind of live, as the clock moves', async () => {
      const t0 = server.clock.now();
      const s0 = Math.floor(t0 / 1000);
      const soon = { living_start: s0 + 3600, living_duration: 1800 };
      const onNow = { living_start: s0 - 60, living_duration: 3600 };
      const past = { living_start: s0 - 7200, living_duration: 1800 };
      const ids = [
        await createLiving(server, token, soon), // reserved
        await createLiving(server, token, onNow), // begun, nobody yet: still reserved
        await createLiving(server, token, onNow), // live, with viewers
        await createLiving(server, token, past), // ended
        await createLiving(server, token, past), // expired
        await createLiving(server, token, soon), // cancelled
        LIVE, // a scenario live with declared viewers
      ] as const;
      const [, , live, ended, , cancelled] = ids;
      expect((await post(server, '/cgi-bin/living/cancel', token, { livingid: cancelled })).body.errcode).toBe(0);
      const ev = (id: string, livingid: string, at: number, kind: string, viewer: Record<string, unknown>) => ({ id, livingid, at, kind, viewer });
      const lisi = { userid: 'lisi' };
      const wangwu = { userid: 'wangwu' };
      const guest = { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: '访客' };
      const endedAt = past.living_start * 1000;
      await ingest(server, [
        ev('l1', live, t0 - 30_000, 'enter', lisi),
        ev('l2', live, t0 - 20_000, 'comment', lisi),
        ev('l3', live, t0 - 30_000, 'enter', wangwu),
        ev('l4', live, t0 - 10_000, 'mic_on', wangwu),
        ev('l5', live, t0 - 5_000, 'leave', wangwu),
        ev('l6', live, t0 - 40_000, 'enter', guest),
        ev('l7', live, t0 - 5_000, 'heartbeat', guest),
        ev('e1', ended, endedAt + 60_000, 'enter', lisi),
        ev('e2', ended, endedAt + 120_000, 'comment', lisi),
        ev('e3', ended, endedAt + 600_000, 'leave', lisi),
      ]);

      const now = await agreed(ids);
      expect(now.map((f) => f.status)).toEqual([0, 0, 1, 2, 3, 4, 1]);
      expect(now[2]).toEqual({ status: 1, viewer_num: 3, comment_num: 1, mic_num: 1, online_count: 2 });
      expect(now[3]).toMatchObject({ viewer_num: 1, comment_num: 1, online_count: 0 });

      // lisi's enter lapses 60 s (the grace) after it; the guest's heartbeat keeps them 25 s longer.
      server.clock.set(t0 + 31_000);
      expect((await agreed(ids))[2]).toMatchObject({ status: 1, online_count: 1 });
      // Past every scheduled end (within the token's 7200 s): reserved lives expire, the live ends.
      server.clock.set(t0 + 6000_000);
      expect((await agreed(ids)).map((f) => f.status)).toEqual([3, 3, 2, 2, 3, 4, 2]);
      server.clock.set(t0);
    });
  });
});
