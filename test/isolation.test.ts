import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { AGENCY_LIVE, BIG_LIVE, CORP, LIVE, OTHER_CORP, OTHER_LIVE, PERSON_LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { type TestServer, call, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const KEY_A = 'isolation-ingest-key-corp-a-000001';
const KEY_B = 'isolation-ingest-key-corp-b-000002';
const ADMIN_KEY = 'isolation-admin-key-0123456789abcdef';

function scenario(): Scenario {
  const s = baseScenario();
  s.corps[0]!.ingest_keys = [KEY_A];
  s.corps[1]!.ingest_keys = [KEY_B];
  return s;
}

const event = (livingid: string, id: string) => ({ id, livingid, at: 1764230460000, kind: 'enter', viewer: { userid: 'intruder' } });

for (const backend of STORES) describe(backend.name, () => {
  describe('isolation between corps and apps', () => {
    let server: TestServer;
    let tokenA: string;
    let tokenB: string;
    let before: Record<string, string>;
    const snapshot = async () => ({
      [LIVE]: (await watchStat(server.url, tokenA, { livingid: LIVE })).text,
      [OTHER_LIVE]: (await watchStat(server.url, tokenB, { livingid: OTHER_LIVE })).text,
    });

    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), { adminKey: ADMIN_KEY });
      tokenA = await getToken(server.url, CORP, SECRETS.selfBuilt);
      tokenB = await getToken(server.url, OTHER_CORP, SECRETS.other);
      before = await snapshot();
    });
    afterAll(() => server.close());

    it("a token reads no other corp's lives, and another corp's existence does not show", async () => {
      const foreign = await watchStat(server.url, tokenB, { livingid: LIVE });
      const missing = await watchStat(server.url, tokenB, { livingid: 'lvd9BGagAAdoesNotExist0000000000' });
      expect(foreign.body.errcode).toBe(92008);
      expect((foreign.body.errmsg as string).split(', hint:')[0]).toBe((missing.body.errmsg as string).split(', hint:')[0]);
    });

    it('an app reads only the lives it may read', async () => {
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      for (const [token, livingid, errcode] of [
        [agency, LIVE, 92008],
        [agency, AGENCY_LIVE, 0],
        [tokenA, AGENCY_LIVE, 92008],
        [tokenA, PERSON_LIVE, 92008],
        [THIRD_PARTY_TOKEN, LIVE, 92008],
      ] as const) {
        expect((await watchStat(server.url, token, { livingid })).body.errcode, livingid).toBe(errcode);
      }
    });

    it("a next_key works only for the corp and live it was issued for", async () => {
      const page = await watchStat(server.url, tokenA, { livingid: BIG_LIVE });
      const key = page.body.next_key as string;
      expect(key).not.toBe('');
      expect((await watchStat(server.url, tokenB, { livingid: OTHER_LIVE, next_key: key })).body.errcode).toBe(40058);
      expect((await watchStat(server.url, tokenA, { livingid: LIVE, next_key: key })).body.errcode).toBe(40058);
      expect((await watchStat(server.url, tokenA, { livingid: BIG_LIVE, next_key: key })).body.errcode).toBe(0);
    });

    it("an ingest key neither writes nor reads another corp's lives", async () => {
      const send = (key: string, events: unknown[]) =>
        call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: JSON.stringify({ events }) });
      const a = await send(KEY_A, [event(OTHER_LIVE, 'x1'), event('lvd9BGagAAdoesNotExist0000000000', 'x2')]);
      expect(a.body.accepted).toBe(0);
      const reasons = (a.body.rejected as { reason: string }[]).map((r) => r.reason.replace(/^events\[\d\]/, ''));
      expect(reasons[0]).toBe(reasons[1]);
      expect((await send(KEY_B, [event(LIVE, 'y1')])).body.accepted).toBe(0);
      expect((await call(`${server.url}/livestat/v1/livings/${OTHER_LIVE}`, { headers: { authorization: `Bearer ${KEY_A}` } })).status).toBe(404);
      // Event ids are per corp: corp B using corp A's ids changes nothing of A's.
      expect((await send(KEY_B, [event(OTHER_LIVE, 'x1')])).body.accepted).toBe(1);
      const after = await snapshot();
      expect(after[LIVE]).toBe(before[LIVE]);
      expect(after[OTHER_LIVE]).not.toBe(before[OTHER_LIVE]);
    });

    it('a token, ingest key or wrong key does not open the admin API', async () => {
      const paths = ['/livestat/admin/corps', `/livestat/admin/corps/${CORP}/livings`, `/livestat/admin/corps/${CORP}/livings/${LIVE}`,
        `/livestat/admin/corps/${CORP}/livings/${LIVE}/audience`, `/livestat/admin/corps/${CORP}/livings/${LIVE}/audience.csv`];
      for (const path of paths) {
        for (const authorization of [undefined, `Bearer ${tokenA}`, `Bearer ${KEY_A}`, `Bearer ${ADMIN_KEY}x`, ADMIN_KEY, `Basic ${ADMIN_KEY}`]) {
          const res = await call(`${server.url}${path}${authorization === `Bearer ${tokenA}` ? `?access_token=${tokenA}` : ''}`, { headers: authorization ? { authorization } : {} });
          expect(res.status, `${path} ${authorization}`).toBe(401);
          expect(res.text).not.toContain('lisi');
        }
        const ok = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
        expect(ok.status, path).toBe(200);
        await ok.arrayBuffer();
      }
    });
  });
});
