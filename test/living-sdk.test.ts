import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryTokenStore, WeComApiError, WeComClient, WeComPermissionError, suiteTokenProvider } from '../src/client/index.js';
import { CORP, SECRETS } from './support/scenarios.js';
import { livingScenario, SUITE } from './support/living-scenario.js';
import { type TestServer, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  describe('the SDK against a real livestat: the live-stream family and suite tokens', () => {
    let server: TestServer;
    let client: WeComClient;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario());
      client = new WeComClient({ baseUrl: server.url, corpid: CORP, corpsecret: SECRETS.selfBuilt, tokenStore: new MemoryTokenStore(), sleep: async () => undefined });
    });
    afterAll(() => server.close());

    it('create, getLivingInfo, modify, cancel, with typed errors', async () => {
      const start = Math.floor(server.clock.now() / 1000) + 3600;
      const livingid = await client.living.create({ anchor_userid: 'sdkanchor', theme: 'SDK 周会', living_start: start, living_duration: 1800, type: 1 });
      expect(livingid).toMatch(/^lv[A-Za-z0-9_-]{30}$/);
      expect(await client.living.getLivingInfo(livingid)).toMatchObject({ theme: 'SDK 周会', status: 0, type: 1, viewer_num: 0 });
      await client.living.modify({ livingid, theme: '改过' });
      expect((await client.living.getLivingInfo(livingid)).theme).toBe('改过');
      await client.living.cancel(livingid);
      expect((await client.living.getLivingInfo(livingid)).status).toBe(4);
      const again = await client.living.cancel(livingid).catch((e: unknown) => e);
      expect(again).toBeInstanceOf(WeComApiError);
      expect((again as WeComApiError).errcode).toBe(92006);
      const deleted = await client.living.deleteReplayData(livingid).catch((e: unknown) => e);
      expect((deleted as WeComApiError).errcode).toBe(92007);
      const agency = new WeComClient({ baseUrl: server.url, corpid: CORP, corpsecret: SECRETS.agency, tokenStore: new MemoryTokenStore() });
      await expect(agency.living.getLivingInfo(livingid)).rejects.toBeInstanceOf(WeComPermissionError);
    });

    it('getUserAllLivingid pages, and userLivingids iterates them all', async () => {
      const start = Math.floor(server.clock.now() / 1000) + 3600;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.unshift(await client.living.create({ anchor_userid: 'pager', theme: `第${i}场`, living_start: start + i, living_duration: 60 }));
      const first = await client.living.getUserAllLivingid({ userid: 'pager', limit: 2 });
      expect(first.livingids).toEqual(ids.slice(0, 2));
      expect(first.nextCursor).not.toBe('');
      const all: string[] = [];
      for await (const id of client.living.userLivingids('pager', { limit: 2 })) all.push(id);
      expect(all).toEqual(ids);
    });

    it('suiteTokenProvider: a third-party app reads through get_suite_token and get_corp_token', async () => {
      const calls: string[] = [];
      const countingFetch: typeof fetch = async (input, init) => {
        calls.push(new URL(input instanceof Request ? input.url : input).pathname);
        return fetch(input, init);
      };
      const thirdParty = new WeComClient({
        baseUrl: server.url,
        fetch: countingFetch,
        tokenProvider: suiteTokenProvider({ baseUrl: server.url, fetch: countingFetch, suiteId: SUITE.id, suiteSecret: SUITE.secret, suiteTicket: () => SUITE.ticket, authCorpid: CORP, permanentCode: SUITE.permanentCode }),
      });
      const livingid = await thirdParty.living.create({ anchor_userid: 'zhangsan', theme: '第三方', living_start: 1764230400 + 7200, living_duration: 60 });
      expect((await thirdParty.living.getLivingInfo(livingid)).theme).toBe('第三方');
      const page = await thirdParty.living.getWatchStat({ livingid });
      expect(page.ending).toBe(1);
      expect(calls.filter((p) => p.startsWith('/cgi-bin/service/'))).toEqual(['/cgi-bin/service/get_suite_token', '/cgi-bin/service/get_corp_token']);

      const wrong = new WeComClient({
        baseUrl: server.url,
        tokenProvider: suiteTokenProvider({ baseUrl: server.url, suiteId: SUITE.id, suiteSecret: SUITE.secret, suiteTicket: 'stale', authCorpid: CORP, permanentCode: SUITE.permanentCode }),
      });
      await expect(wrong.living.getLivingInfo(livingid)).rejects.toMatchObject({ errcode: 40085 });
      const badCode = new WeComClient({
        baseUrl: server.url,
        tokenProvider: suiteTokenProvider({ baseUrl: server.url, suiteId: SUITE.id, suiteSecret: SUITE.secret, suiteTicket: SUITE.ticket, authCorpid: CORP, permanentCode: 'nope' }),
      });
      await expect(badCode.living.getLivingInfo(livingid)).rejects.toMatchObject({ errcode: 40084 });
    });

    // Replies of get_suite_token/get_corp_token carry no errcode (WIRE.md); an expired corp token
    // answers 40014 by default and 42001 under --expired-token-errcode 42001: both refresh.
    for (const expiredTokenErrcode of [40014, 42001] as const) {
      it(`suiteTokenProvider takes errcode-less token replies and refreshes both tokens after ${expiredTokenErrcode}`, async () => {
        const world = expiredTokenErrcode === 40014 ? server : await startTestServer(backend, livingScenario(), { expiredTokenErrcode });
        try {
          const seen: string[] = [];
          const recording: typeof fetch = async (input, init) => {
            const res = await fetch(input, init);
            const path = new URL(input instanceof Request ? input.url : input).pathname;
            const text = await res.clone().text();
            seen.push(`${path.replace(/^\/cgi-bin\//, '')} ${(JSON.parse(text) as { errcode?: number }).errcode ?? 'none'}`);
            return res;
          };
          const thirdParty = new WeComClient({
            baseUrl: world.url,
            fetch: recording,
            tokenProvider: suiteTokenProvider({ baseUrl: world.url, fetch: recording, suiteId: SUITE.id, suiteSecret: SUITE.secret, suiteTicket: SUITE.ticket, authCorpid: CORP, permanentCode: SUITE.permanentCode }),
          });
          const livingid = await thirdParty.living.create({ anchor_userid: 'zhangsan', theme: '过期', living_start: 1764230400 + 7200, living_duration: 60 });
          expect(seen).toEqual(['service/get_suite_token none', 'service/get_corp_token none', 'living/create 0']);
          seen.length = 0;
          // Both tokens expire on the server's clock while the SDK's cache still holds them.
          world.clock.advance(7201_000);
          expect((await thirdParty.living.getLivingInfo(livingid)).theme).toBe('过期');
          expect(seen).toEqual([
            `living/get_living_info ${expiredTokenErrcode}`,
            'service/get_corp_token 42009',
            'service/get_suite_token none',
            'service/get_corp_token none',
            'living/get_living_info 0',
          ]);
          world.clock.advance(-7201_000);
        } finally {
          if (world !== server) await world.close();
        }
      });
    }
  });
});
