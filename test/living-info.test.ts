import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_LIVE, CORP, LIVE, SECRETS } from './support/scenarios.js';
import { createLiving, ingest, livingInfo, livingScenario } from './support/living-scenario.js';
import { type TestServer, call, getToken, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/get_living_info';

for (const backend of STORES) describe(backend.name, () => {
  describe('GET /cgi-bin/living/get_living_info', () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario());
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(() => server.close());

    it("answers a scenario live's details in WeCom's key order", async () => {
      const { text } = await livingInfo(server, token, LIVE);
      expect(text).toBe(
        '{"errcode":0,"errmsg":"ok","living_info":{"theme":"Q4 kickoff","living_start":1764230400,"living_duration":3600,"status":1,' +
          '"reserve_start":1764230400,"reserve_living_duration":3600,"description":"","anchor_userid":"zhangsan","main_department":1,' +
          '"viewer_num":3,"comment_num":2,"mic_num":1,"open_replay":1,"type":4,"online_count":0,"subscribe_count":0}}',
      );
    });

    it('counts viewers, comments, mic and who is online from ingested events', async () => {
      const t0 = server.clock.now();
      const livingid = await createLiving(server, token, { living_start: t0 / 1000 - 60, living_duration: 3600, type: 0 });
      const ev = (id: string, over: Record<string, unknown>) => ({ id, livingid, at: t0 - 30_000, kind: 'enter', viewer: { userid: 'lisi' }, ...over });
      await ingest(server, [
        ev('a1', {}),
        ev('a2', { kind: 'comment', at: t0 - 20_000 }),
        ev('b1', { viewer: { userid: 'wangwu' } }),
        ev('b2', { viewer: { userid: 'wangwu' }, kind: 'mic_on', at: t0 - 10_000 }),
        ev('b3', { viewer: { userid: 'wangwu' }, kind: 'leave', at: t0 - 5_000 }),
        ev('c1', { viewer: { external_userid: 'wm0000000000000000000000000000ab', type: 1, name: '访客' } }),
      ]);
      const info = (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
      expect(info).toMatchObject({ status: 1, viewer_num: 3, comment_num: 1, mic_num: 1, online_count: 2, open_replay: 1 });
      expect(info).not.toHaveProperty('push_stream_url');
      // Without heartbeats, open sessions end 60 s (the grace) after their enter.
      server.clock.advance(31_000);
      expect(((await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>).online_count).toBe(0);
      server.clock.set(t0);
    });

    it('push_stream_url only for an event live (type 4) still reserved', async () => {
      const event = await createLiving(server, token, { type: 4 });
      const info = (await livingInfo(server, token, event)).body.living_info as Record<string, unknown>;
      expect(info.push_stream_url).toBe(`rtmp://push.livestat.invalid/living/${event}`);
      expect(Object.keys(info).indexOf('push_stream_url')).toBe(Object.keys(info).indexOf('type') + 1);
      const general = await createLiving(server, token, { type: 0 });
      expect((await livingInfo(server, token, general)).body.living_info).not.toHaveProperty('push_stream_url');
    });

    it('answers a POST the same way, livingid still from the query', async () => {
      const get = await livingInfo(server, token, LIVE);
      const postReply = await call(`${server.url}${PATH}?access_token=${token}&livingid=${LIVE}`, { method: 'POST', body: '{}' });
      expect(postReply.text).toBe(get.text);
      expect((await call(`${server.url}${PATH}?access_token=${token}&livingid=${LIVE}`, { method: 'PUT' })).body.errcode).toBe(40058);
    });

    it('40058 without a livingid or with a huge one; 92008 for lives the app did not create; 48002; token first', async () => {
      const missing = await call(`${server.url}${PATH}?access_token=${token}`);
      expect(missing.body.errmsg).toMatch(/^livingid missing\. invalid Request Parameter, hint: /);
      const huge = await livingInfo(server, token, 'l'.repeat(65));
      expect(huge.body.errmsg).toMatch(/^livingid exceeds 64 characters\. invalid Request Parameter/);
      expect((await livingInfo(server, token, AGENCY_LIVE)).body.errcode).toBe(92008);
      const noLiving = await getToken(server.url, CORP, SECRETS.noLiving);
      expect((await livingInfo(server, noLiving, LIVE)).body.errcode).toBe(48002);
      expect((await livingInfo(server, 'bogus', LIVE)).body.errcode).toBe(40014);
      expect((await call(`${server.url}${PATH}?livingid=${LIVE}`)).body.errcode).toBe(41001);
    });
  });
});
