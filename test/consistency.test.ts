import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { pullAll } from './support/pull-all.js';
import { mulberry } from './support/random.js';
import { type TestServer, call, getToken, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';
import { startTestServer } from './support/test-server.js';

const CORP = 'wwc0n5157c0rp00001';
const SECRET = 'consistency-secret-0123456789abcdef';
const KEY = 'consistency-ingest-key-0123456789ab';
const LIVE = 'lvConsistencyLive000000000000000';
const START_S = 1764230400;

const scenario: Scenario = {
  corps: [
    {
      corpid: CORP,
      ingest_keys: [KEY],
      apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
      livings: [
        { livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 't', type: 0, living_start: START_S, living_duration: 7200, synthetic_viewers: { members: 1500, external: 1500, seed: 5 } },
      ],
    },
  ],
};

const idOf = (v: { userid?: string; external_userid?: string }) => (v.userid !== undefined ? `m:${v.userid}` : `e:${v.external_userid}`);

for (const backend of STORES) describe(backend.name, () => {
  describe('a pull taken while events arrive', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario, { pageSize: 40 });
    });
    afterAll(() => server.close());

    it('returns no viewer twice and skips no viewer that existed before it began', async () => {
      const token = await getToken(server.url, CORP, SECRET);
      const before = await pullAll(server.url, token, LIVE);
      const existing = [...before.users.map(idOf), ...before.external_users.map(idOf)];
      const members = before.users.map((u) => u.userid);
      expect(existing).toHaveLength(3000);

      const random = mulberry(42);
      // Set to false by the reader below, which the checker cannot see from inside the writer's loop.
      let writing = true as boolean;
      let batches = 0;
      const writer = (async () => {
        for (let n = 0; writing; n++) {
          // New members whose ids sort anywhere (before and after the pull's position), and updates of existing ones.
          const events = Array.from({ length: 20 }, (_, i) => {
            const fresh = random() < 0.5;
            const userid = fresh ? `${String.fromCharCode(97 + Math.floor(random() * 26))}new${n}-${i}` : members[Math.floor(random() * members.length)]!;
            return { id: `w${n}-${i}`, livingid: LIVE, at: (START_S + 60 + n) * 1000, kind: random() < 0.7 ? 'enter' : 'comment', viewer: { userid } };
          });
          const res = await call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ events }) });
          expect(res.body.rejected).toEqual([]);
          batches++;
        }
      })();

      const seen: string[] = [];
      let nextKey = '';
      let pages = 0;
      try {
        for (;;) {
          const { body } = await watchStat(server.url, token, { livingid: LIVE, next_key: nextKey });
          expect(body.errcode).toBe(0);
          const info = body.stat_info as { users: { userid: string }[]; external_users: { external_userid: string }[] };
          seen.push(...info.users.map(idOf), ...info.external_users.map(idOf));
          pages++;
          if (body.ending === 1) break;
          nextKey = body.next_key as string;
        }
      } finally {
        writing = false;
        await writer;
      }
      expect(pages).toBeGreaterThan(70);
      expect(batches).toBeGreaterThan(5);
      expect(new Set(seen).size).toBe(seen.length);
      const got = new Set(seen);
      expect(existing.filter((id) => !got.has(id))).toEqual([]);
      // Some of what arrived during the pull was seen too: the pull read live data, not a stale copy.
      expect(seen.length).toBeGreaterThan(existing.length);
    });
  });
});
