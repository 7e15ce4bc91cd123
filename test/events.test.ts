import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { call, getToken, startTestServer, TEST_NOW, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const CORP = 'wwe7e475c0rp000001';
const OTHER = 'wwe7e475c0rp000002';
const SECRET = 'events-test-secret-0123456789abcdef';
const KEY = 'ingest-key-of-corp-one-0123456789abcdef';
const OTHER_KEY = 'ingest-key-of-corp-two-0123456789abcdef';
const ENDED = 'lvEventsEndedLive000000000000000';
const ONGOING = 'lvEventsOngoingLive0000000000000';
const FOREIGN = 'lvEventsForeignLive0000000000000';
const START_S = TEST_NOW / 1000 - 7200; // ended an hour before TEST_NOW
const START_MS = START_S * 1000;
const EXT = 'wm0000000000000000000000000000ab';

function scenario(): Scenario {
  const base = { anchor_userid: 'zhangsan', theme: 'events', creator_agentid: 1000002 };
  return {
    corps: [
      {
        corpid: CORP,
        ingest_keys: [KEY],
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          { ...base, livingid: ENDED, living_start: START_S, living_duration: 3600, viewers: [{ userid: 'declared', watch_time: 9, is_comment: 0, is_mic: 0 }] },
          { ...base, livingid: ONGOING, living_start: TEST_NOW / 1000 - 600, living_duration: 7200 },
        ],
      },
      { corpid: OTHER, ingest_keys: [OTHER_KEY], apps: [], livings: [{ ...base, creator_agentid: undefined, livingid: FOREIGN, living_start: START_S, living_duration: 3600 }] },
    ],
  } as Scenario;
}

for (const backend of STORES) describe(backend.name, () => {
  describe('POST /livestat/v1/events', () => {
    let server: TestServer;
    let token: string;
    let n = 0;
    beforeAll(async () => {
      server = await startTestServer(backend, scenario());
      token = await getToken(server.url, CORP, SECRET);
    });
    afterAll(() => server.close());

    const send = (body: unknown, key = KEY, headers: Record<string, string> = {}) =>
      call(`${server.url}/livestat/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const ev = (over: Record<string, unknown>) => ({ id: `e-${++n}`, livingid: ENDED, at: START_MS, kind: 'enter', viewer: { userid: 'lisi' }, ...over });
    const stats = async (livingid: string) => {
      const { body } = await watchStat(server.url, token, { livingid });
      expect(body.errcode).toBe(0);
      return body.stat_info as { users: Record<string, unknown>[]; external_users: Record<string, unknown>[] };
    };

    it('folds events into statistics: union across devices, comments, mic, inviter of the first enter', async () => {
      const at = (s: number) => START_MS + s * 1000;
      const reply = await send({
        events: [
          ev({ at: at(100), viewer: { userid: 'wangwu' }, session: 'phone', invitor: { userid: 'lisi' } }),
          ev({ at: at(700), kind: 'leave', viewer: { userid: 'wangwu' }, session: 'phone' }),
          // A second device overlapping the first: 400..1000 adds only 700..1000.
          ev({ at: at(400), viewer: { userid: 'wangwu' }, session: 'pc', invitor: { external_userid: EXT } }),
          ev({ at: at(1000), kind: 'leave', viewer: { userid: 'wangwu' }, session: 'pc' }),
          ev({ at: at(500), kind: 'comment', viewer: { userid: 'wangwu' }, session: 'pc' }),
          ev({ at: at(600), kind: 'mic_on', viewer: { userid: 'wangwu' }, session: 'pc' }),
          ev({ at: at(50), viewer: { external_userid: EXT, type: 1, name: 'old name' } }),
          ev({ at: at(80), kind: 'leave', viewer: { external_userid: EXT, type: 2, name: '新名字, "quoted"' } }),
        ],
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ accepted: 8, duplicates: 0, rejected: [] });
      const s = await stats(ENDED);
      expect(s.users).toContainEqual({ userid: 'wangwu', watch_time: 900, is_comment: 1, is_mic: 1, invitor_userid: 'lisi' });
      expect(s.users).toContainEqual({ userid: 'declared', watch_time: 9, is_comment: 0, is_mic: 0 });
      expect(s.external_users).toEqual([{ external_userid: EXT, type: 2, name: '新名字, "quoted"', watch_time: 30, is_comment: 0, is_mic: 0 }]);
    });

    it('takes events late and out of order, and a retried batch changes nothing', async () => {
      const at = (s: number) => START_MS + s * 1000;
      const leave = ev({ at: at(300), kind: 'leave', viewer: { userid: 'zhaoliu' } });
      const enter = ev({ at: at(100), viewer: { userid: 'zhaoliu' }, invitor: { userid: 'late-inviter' } });
      const earlier = ev({ at: at(20), viewer: { userid: 'zhaoliu' }, session: 's2' });
      expect((await send({ events: [leave] })).body).toMatchObject({ accepted: 1 });
      expect((await send({ events: [enter] })).body).toMatchObject({ accepted: 1 });
      expect((await send({ events: [earlier, enter, leave] })).body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
      // The earlier enter (no inviter, no leave) runs its 60 s grace: 20..80, then 100..300.
      const row = (await stats(ENDED)).users.find((u) => u.userid === 'zhaoliu');
      expect(row).toEqual({ userid: 'zhaoliu', watch_time: 260, is_comment: 0, is_mic: 0 });
      expect((await send({ events: [earlier, enter, leave] })).body).toEqual({ accepted: 0, duplicates: 3, rejected: [] });
    });

    it('clips to the live: time before its start and after its end does not count', async () => {
      await send({
        events: [
          ev({ at: START_MS - 600_000, viewer: { userid: 'early' } }),
          ev({ at: START_MS + 60_000, kind: 'leave', viewer: { userid: 'early' } }),
          ev({ at: START_MS + 3_500_000, viewer: { userid: 'late' } }),
          ev({ at: START_MS + 9_000_000, kind: 'leave', viewer: { userid: 'late' } }),
        ],
      });
      const users = (await stats(ENDED)).users;
      expect(users.find((u) => u.userid === 'early')?.watch_time).toBe(60);
      expect(users.find((u) => u.userid === 'late')?.watch_time).toBe(100);
    });

    it('counts an open session up to now while the live is on, then its grace after the last heartbeat', async () => {
      const t0 = TEST_NOW - 300_000;
      await send({ events: [ev({ livingid: ONGOING, at: t0, viewer: { userid: 'watching' } }), ev({ livingid: ONGOING, at: TEST_NOW - 10_000, kind: 'heartbeat', viewer: { userid: 'watching' } })] });
      expect((await stats(ONGOING)).users).toEqual([{ userid: 'watching', watch_time: 300, is_comment: 0, is_mic: 0 }]);
      server.clock.advance(30_000);
      expect((await stats(ONGOING)).users[0]!.watch_time).toBe(330);
      // No heartbeat since: the session ends 60 s after the last one.
      server.clock.advance(600_000);
      expect((await stats(ONGOING)).users[0]!.watch_time).toBe(350);
      server.clock.set(TEST_NOW);
    });

    it('applies valid events and names the field of each rejected one', async () => {
      const { body } = await send({
        events: [
          ev({ viewer: { userid: 'okay' } }),
          ev({ at: 'yesterday' }),
          ev({ kind: 'dance' }),
          ev({ viewer: { external_userid: EXT, type: 3, name: 'x' } }),
          ev({ livingid: FOREIGN }),
          ev({ livingid: 'lvDoesNotExist000000000000000000' }),
          { livingid: ENDED },
          'not an event',
        ],
      });
      expect(body.accepted).toBe(1);
      const rejected = body.rejected as { index: number; reason: string }[];
      expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(rejected[0]!.reason).toMatch(/^events\[1\]\.at /);
      expect(rejected[1]!.reason).toMatch(/^events\[2\]\.kind /);
      expect(rejected[2]!.reason).toMatch(/^events\[3\]\.viewer\.type /);
      expect(rejected[3]!.reason).toBe('events[4].livingid: no such live in this corp');
      expect(rejected[4]!.reason).toBe('events[5].livingid: no such live in this corp');
      expect(rejected[5]!.reason).toMatch(/^events\[6\]\.id /);
      expect(rejected[6]!.reason).toMatch(/^events\[7\]/);
      expect((await stats(ENDED)).users.some((u) => u.userid === 'okay')).toBe(true);
    });

    it("keeps one corp's key out of another corp's lives", async () => {
      const { body } = await send({ events: [ev({ viewer: { userid: 'intruder' } })] }, OTHER_KEY);
      expect(body).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, reason: 'events[0].livingid: no such live in this corp' }] });
      expect((await stats(ENDED)).users.some((u) => u.userid === 'intruder')).toBe(false);
    });

    it('treats ids as unique per corp: the same id in another corp is a different event', async () => {
      const id = `shared-${++n}`;
      expect((await send({ events: [ev({ id, viewer: { userid: 'a1' } })] })).body).toMatchObject({ accepted: 1 });
      expect((await send({ events: [ev({ id, livingid: FOREIGN, viewer: { userid: 'b1' } })] }, OTHER_KEY)).body).toMatchObject({ accepted: 1 });
    });

    it.each([
      ['no key', { authorization: '' }, 401],
      ['a wrong key', { authorization: 'Bearer nope' }, 401],
      ['a key in the wrong scheme', { authorization: `Basic ${KEY}` }, 401],
    ])('answers %s with %i', async (_name, headers, status) => {
      const res = await send({ events: [] }, KEY, headers);
      expect(res.status).toBe(status);
      expect(res.body.error).toBe('unauthorized');
    });

    it.each([
      ['malformed JSON', '{"events": [', 400, 'invalid_json'],
      ['a body without events', '{"event": []}', 400, 'bad_request'],
      ['an array body', '[]', 400, 'bad_request'],
      ['more than 10,000 events', JSON.stringify({ events: Array.from({ length: 10_001 }, () => 0) }), 413, 'too_many_events'],
      ['more than 4 MiB', JSON.stringify({ events: [], pad: 'x'.repeat(4 * 1024 * 1024) }), 413, 'body_too_large'],
    ])('answers %s with HTTP %i', async (_name, body, status, error) => {
      const res = await send(body);
      expect(res.status).toBe(status);
      expect(res.body.error).toBe(error);
      expect(res.text).not.toMatch(/\n\s+at /);
    });
  });
});
