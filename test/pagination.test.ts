import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows } from '../src/scenario/synthetic-rows.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { buildServer } from '../src/server/app.js';
import { CORP, SECRETS } from './support/scenarios.js';
import { type TestServer, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const LIVE = 'lvPaginationLive0000000000000000';
const EMPTY = 'lvPaginationEmpty000000000000000';

function scenario(): Scenario {
  const viewers: NonNullable<Scenario['corps'][number]['livings']>[number]['viewers'] = [];
  for (let i = 0; i < 12; i++) viewers.push({ userid: `member.${String(i).padStart(2, '0')}`, watch_time: i * 10, is_comment: (i % 2) as 0 | 1, is_mic: 0 });
  for (let i = 0; i < 11; i++)
    viewers.push({ external_userid: `wm${String(i).padStart(30, 'x')}`, type: 1, name: `外部, "${i}"\n😀`, watch_time: i, is_comment: 0, is_mic: (i % 3 === 0 ? 1 : 0) });
  const base = { anchor_userid: 'zhangsan', theme: 't', living_start: 1764230400, living_duration: 3600, creator_agentid: 1000002 };
  return {
    corps: [
      {
        corpid: CORP,
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRETS.selfBuilt, living_api: true }],
        livings: [
          { ...base, livingid: LIVE, viewers, synthetic_viewers: { members: 40, external: 60, seed: 5 } },
          { ...base, livingid: EMPTY },
        ],
      },
    ],
  };
}

/** Every viewer of the scenario's live as `kind:id`, in the order the wire must give them. */
function expectedIds(): string[] {
  const live = scenario().corps[0]!.livings![0]!;
  const ids = (live.viewers ?? []).map((v) => ('userid' in v ? `0:${v.userid}` : `1:${v.external_userid}`));
  for (const row of syntheticRows({ members: 40, external: 60, seed: 5, durationSeconds: 3600 })) ids.push(`${row.kind}:${row.id}`);
  return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function walk(server: TestServer, token: string, livingid: string) {
  const seen: string[] = [];
  const keys = new Set<string>();
  let nextKey = '0';
  let pages = 0;
  for (;;) {
    const { body } = await watchStat(server.url, token, { livingid, next_key: nextKey });
    expect(body.errcode).toBe(0);
    pages++;
    const info = body.stat_info as { users: { userid: string }[]; external_users: { external_userid: string }[] };
    for (const u of info.users) seen.push(`0:${u.userid}`);
    for (const u of info.external_users) seen.push(`1:${u.external_userid}`);
    if (body.ending === 1) {
      expect(body.next_key).toBe('');
      return { seen, pages };
    }
    expect(body.ending).toBe(0);
    nextKey = body.next_key as string;
    expect(keys.has(nextKey)).toBe(false);
    keys.add(nextKey);
  }
}

for (const backend of STORES) describe(backend.name, () => {
  describe.each([1, 7, 100])('a full walk with page size %i', (pageSize) => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), { pageSize });
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(() => server.close());

    it('returns every viewer exactly once, members first, each by id', async () => {
      const expected = expectedIds();
      expect(expected).toHaveLength(123);
      const { seen, pages } = await walk(server, token, LIVE);
      expect(seen).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / pageSize));
    });

    it('returns one empty last page for a live with no viewers', async () => {
      const { seen, pages } = await walk(server, token, EMPTY);
      expect(seen).toEqual([]);
      expect(pages).toBe(1);
    });

    it('accepts a next_key again (a retried page gives the same page)', async () => {
      const first = await watchStat(server.url, token, { livingid: LIVE });
      if (first.body.ending === 1) { expect(pageSize).toBeGreaterThanOrEqual(123); return; }
      const again1 = await watchStat(server.url, token, { livingid: LIVE, next_key: first.body.next_key });
      const again2 = await watchStat(server.url, token, { livingid: LIVE, next_key: first.body.next_key });
      expect(again2.text).toBe(again1.text);
    });
  });

  describe('next_key across restarts', () => {
    it('stays valid when the server restarts on the same database', async () => {
      const server = await startTestServer(backend, scenario(), { pageSize: 10 });
      try {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const first = await watchStat(server.url, token, { livingid: LIVE });
        const second = await watchStat(server.url, token, { livingid: LIVE, next_key: first.body.next_key });
        // A second server process on the same database (the first is still up: SQLite's WAL allows it).
        const store2 = await server.database.open();
        const app2 = await buildServer({ store: store2, clock: server.clock, pageSize: 10 });
        await app2.listen({ host: '127.0.0.1', port: 0 });
        try {
          const addr = app2.server.address() as { port: number };
          const again = await watchStat(`http://127.0.0.1:${addr.port}`, token, { livingid: LIVE, next_key: first.body.next_key });
          expect(again.text).toBe(second.text);
        } finally {
          await app2.close();
          await store2.close();
        }
      } finally {
        await server.close();
      }
    });
  });
});
