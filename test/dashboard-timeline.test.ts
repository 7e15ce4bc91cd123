import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, admin } from './support/dashboard.js';
import { ingest, livingScenario } from './support/living-scenario.js';
import { CORP, EMPTY_LIVE, LIVE, OTHER_CORP, OTHER_LIVE } from './support/scenarios.js';
import { startTestServer, TEST_NOW, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

// EMPTY_LIVE and LIVE start at TEST_NOW and last an hour.
const T0 = TEST_NOW;
const S = 1000;
const MIN = 60 * S;

/** Events into EMPTY_LIVE; what each viewer's runs are is spelled out where the expectation is. */
function events() {
  const ev = (id: string, offset: number, kind: string, viewer: Record<string, unknown>, session?: string) => ({
    id,
    livingid: EMPTY_LIVE,
    at: T0 + offset,
    kind,
    viewer,
    ...(session === undefined ? {} : { session }),
  });
  const lisi = { userid: 'lisi' };
  const wangwu = { userid: 'wangwu' };
  const guest = { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: '=HYPERLINK("x")' };
  return [
    ev('a1', 0, 'enter', lisi, 'phone'),
    ev('a2', 30 * S, 'enter', lisi, 'laptop'),
    ev('a3', 90 * S, 'leave', lisi, 'phone'),
    ev('a4', 2 * MIN, 'leave', lisi, 'laptop'),
    ev('b1', 0, 'enter', wangwu),
    ev('b2', 10 * S, 'comment', wangwu),
    ev('b3', 70 * S, 'mic_on', wangwu),
    ev('b4', 130 * S, 'heartbeat', wangwu),
    ev('c1', 4 * MIN, 'enter', guest),
    ev('c2', 4 * MIN + 5 * S, 'comment', guest),
    ev('c3', 6 * MIN, 'leave', guest),
  ];
}

for (const backend of STORES) describe(backend.name, () => {
  describe('GET /livestat/admin/corps/:corpid/livings/:livingid/timeline', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY });
      server.clock.set(T0 + 10 * MIN);
      await ingest(server, events());
    });
    afterAll(() => server.close());

    const timeline = (livingid: string, corpid = CORP, key?: string | null) => admin(server.url, `/corps/${corpid}/livings/${livingid}/timeline`, key);

    // lisi: two devices, [0:00, 1:30) ∪ [0:30, 2:00), counted once: minutes 0–1.
    // wangwu: no leave, last heartbeat 2:10 + 60 s grace: [0:00, 3:10), minutes 0–3.
    // guest: [4:00, 6:00), minutes 4–5.
    const EXPECTED_ONLINE = [2, 2, 1, 1, 1, 1];

    it('counts viewers online, comments and mic-ons per minute while the live is on, up to now', async () => {
      const { status, body, headers } = await timeline(EMPTY_LIVE);
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body.now).toBe(T0 + 10 * MIN);
      const minutes = body.minutes as { at: number; online: number; comments: number; mic_on: number }[];
      expect(minutes.map((m) => m.at)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + i * MIN));
      expect(minutes.map((m) => m.online)).toEqual([...EXPECTED_ONLINE, 0, 0, 0, 0]);
      expect(minutes.map((m) => m.comments)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
      expect(minutes.map((m) => m.mic_on)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    });

    it('covers the whole live once it has ended', async () => {
      server.clock.set(T0 + 2 * 60 * MIN);
      const { body } = await timeline(EMPTY_LIVE);
      const minutes = body.minutes as { online: number }[];
      expect(minutes).toHaveLength(60);
      expect(minutes.map((m) => m.online)).toEqual([...EXPECTED_ONLINE, ...new Array<number>(54).fill(0)]);
    });

    it('has no timeline for a live whose viewers come only from the scenario', async () => {
      const { status, body } = await timeline(LIVE);
      expect(status).toBe(200);
      expect(body.minutes).toBeNull();
    });

    it('is closed without the key and 404 for a live of another corp', async () => {
      expect((await timeline(EMPTY_LIVE, CORP, null)).status).toBe(401);
      expect((await timeline(EMPTY_LIVE, CORP, 'wrong-key-wrong-key-wrong-key')).status).toBe(401);
      expect((await timeline(OTHER_LIVE, CORP)).status).toBe(404);
      expect((await timeline(EMPTY_LIVE, OTHER_CORP)).status).toBe(404);
    });
  });
});
