import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { LivestatAdminError } from '../src/client/admin/admin-error.js';
import { MemoryTokenStore, WeComClient, WeComInvalidParameterError, WeComPermissionError } from '../src/client/index.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { createLiving, ingestReply, livingScenario, post } from './support/living-scenario.js';
import { CORP, LIVE, OTHER_CORP, OTHER_LIVE, PERSON_LIVE, SECRETS } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const CODE = '/cgi-bin/living/get_living_code';
const SHARE = '/cgi-bin/living/get_living_share_info';
const OPENID = 'oLvst0000000000000000000000A';
const GUEST = 'wmGuest000000000000000000000000a';
const SHARER = 'wmSharer00000000000000000000000b';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let token: string;
  let agency: string;
  let other: string;
  let admin: LivestatAdmin;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer(backend, livingScenario(), { adminKey: ADMIN_KEY });
    token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    agency = await getToken(server.url, CORP, SECRETS.agency);
    other = await getToken(server.url, OTHER_CORP, SECRETS.other);
    admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());

  const gone = async (p: Promise<unknown>) => {
    const e = (await p.catch((x: unknown) => x)) as LivestatAdminError;
    expect(e).toBeInstanceOf(LivestatAdminError);
    expect([e.status, e.code]).toEqual([404, 'not_found']);
  };

  describe('POST /cgi-bin/living/get_living_code', () => {
    it('answers a string living_code that opens the live for that openid, reusable until 5 minutes have passed', async () => {
      const livingid = await createLiving(server, token);
      const res = await post(server, CODE, token, { livingid, openid: OPENID });
      expect(res.text).toMatch(/^\{"errcode":0,"errmsg":"ok","living_code":"[A-Za-z0-9_-]{32}"\}$/);
      const code = res.body.living_code as string;
      expect(await admin.resolveLivingCode(CORP, code)).toEqual({ livingid, openid: OPENID, expires_at: Math.floor(server.clock.now() / 1000) + 300 });
      // Each call makes a code of its own; both stay valid.
      const second = (await post(server, CODE, token, { livingid, openid: OPENID })).body.living_code as string;
      expect(second).not.toBe(code);
      server.clock.advance(299_000);
      expect((await admin.resolveLivingCode(CORP, code)).livingid).toBe(livingid);
      server.clock.advance(1000);
      await gone(admin.resolveLivingCode(CORP, code));
      await gone(admin.resolveLivingCode(CORP, second));
      // A code is its corp's only.
      const fresh = (await post(server, CODE, token, { livingid, openid: OPENID })).body.living_code as string;
      await gone(admin.resolveLivingCode(OTHER_CORP, fresh));
    });

    it('only for lives the calling app created: another app, a person, another corp, or no such live is 92008', async () => {
      const livingid = await createLiving(server, token);
      for (const [t, id] of [[agency, livingid], [token, PERSON_LIVE], [token, OTHER_LIVE], [other, livingid], [token, 'lvNoSuchLive00000000000000000000']] as const) {
        const res = await post(server, CODE, t, { livingid: id, openid: OPENID });
        expect(res.body.errcode).toBe(92008);
        expect(res.body.errmsg).toMatch(/^living not allowed for this app, hint: /);
      }
    });

    it('runs the family pipeline: token first, then 40058 naming the field, and GET is refused', async () => {
      expect((await post(server, CODE, 'bogus', {})).body.errcode).toBe(40014);
      const missing = await post(server, CODE, token, { livingid: LIVE });
      expect(missing.body.errcode).toBe(40058);
      expect(missing.body.errmsg).toMatch(/^openid missing\. invalid Request Parameter, hint: /);
      expect((await post(server, CODE, token, { livingid: LIVE, openid: 12 })).body.errmsg).toMatch(/^openid must be a string/);
      expect((await post(server, CODE, token, 'not json')).body.errcode).toBe(40058);
      const get = await call(`${server.url}${CODE}?access_token=${token}`);
      expect(get.body.errmsg).toMatch(/^http method GET not allowed, use POST/);
      const noLiving = await getToken(server.url, CORP, SECRETS.noLiving);
      expect((await post(server, CODE, noLiving, { livingid: LIVE, openid: OPENID })).body.errcode).toBe(48002);
    });
  });

  describe('POST /cgi-bin/living/get_living_share_info', () => {
    const enter = (livingid: string, over: Record<string, unknown>) => ({ id: `share-${++n}`, livingid, at: server.clock.now() - 1000, kind: 'enter', ...over });

    it("resolves the share code of an entry through a share, in the doc's key order, until it expires by the clock", async () => {
      const livingid = await createLiving(server, token, { living_start: Math.floor(server.clock.now() / 1000) - 60 });
      const { body } = await ingestReply(server, [
        enter(livingid, { viewer: { external_userid: GUEST, type: 1, name: '访客' }, invitor: { userid: 'zhangsan' }, share_code: true }),
        // An entry that did not ask for its code gets none.
        enter(livingid, { viewer: { userid: 'lisi' }, invitor: { userid: 'zhangsan' } }),
      ]);
      expect(body).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
      const codes = body.share_codes as { index: number; ww_share_code: string; expires_at: number }[];
      expect(codes).toEqual([{ index: 0, ww_share_code: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) as string, expires_at: Math.floor(server.clock.now() / 1000) + 300 }]);
      const code = codes[0]!.ww_share_code;
      const res = await post(server, SHARE, token, { ww_share_code: code });
      expect(res.text).toBe(`{"errcode":0,"errmsg":"ok","livingid":"${livingid}","viewer_external_userid":"${GUEST}","invitor_userid":"zhangsan"}`);
      // Another corp never finds the code; another app of the corp may not read the live (92008).
      expect((await post(server, SHARE, other, { ww_share_code: code })).body.errmsg).toMatch(/^invalid ww_share_code\. invalid Request Parameter, hint: /);
      expect((await post(server, SHARE, agency, { ww_share_code: code })).body.errcode).toBe(92008);
      server.clock.advance(299_999);
      expect((await post(server, SHARE, token, { ww_share_code: code })).body.errcode).toBe(0);
      server.clock.advance(1);
      const expired = await post(server, SHARE, token, { ww_share_code: code });
      expect(expired.body.errcode).toBe(40058);
      expect(expired.body.errmsg).toMatch(/^invalid ww_share_code\. invalid Request Parameter/);
    });

    it("names the inviter of the viewer's first entry, and a control-API code the sharer when the viewer has not entered", async () => {
      const livingid = await createLiving(server, token, { living_start: Math.floor(server.clock.now() / 1000) - 60 });
      const first = await ingestReply(server, [enter(livingid, { viewer: { userid: 'wangwu' }, invitor: { external_userid: SHARER }, share_code: true })]);
      expect(first.body.rejected).toEqual([]);
      // A second entry through another member's share: WeCom still names the first sharer.
      const later = await ingestReply(server, [enter(livingid, { viewer: { userid: 'wangwu' }, invitor: { userid: 'lisi' }, share_code: true, at: server.clock.now() - 500 })]);
      const laterCode = (later.body.share_codes as { ww_share_code: string }[])[0]!.ww_share_code;
      expect((await post(server, SHARE, token, { ww_share_code: laterCode })).text).toBe(
        `{"errcode":0,"errmsg":"ok","livingid":"${livingid}","viewer_userid":"wangwu","invitor_external_userid":"${SHARER}"}`,
      );
      const made = await admin.createShareCode(CORP, { livingid, viewer: { userid: 'newcomer' }, invitor: { userid: 'zhangsan' } });
      expect(made.expires_at).toBe(Math.floor(server.clock.now() / 1000) + 300);
      expect((await post(server, SHARE, token, { ww_share_code: made.ww_share_code })).text).toBe(
        `{"errcode":0,"errmsg":"ok","livingid":"${livingid}","viewer_userid":"newcomer","invitor_userid":"zhangsan"}`,
      );
      await gone(admin.createShareCode(CORP, { livingid: OTHER_LIVE, viewer: { userid: 'x' }, invitor: { userid: 'y' } }));
      const bad = (await admin.createShareCode(CORP, { livingid, viewer: { userid: 'x' } } as never).catch((e: unknown) => e)) as LivestatAdminError;
      expect([bad.status, bad.code]).toEqual([400, 'bad_request']);
    });

    it('refuses share_code on an entry that did not come through a share, and validates the request', async () => {
      const { body } = await ingestReply(server, [enter(LIVE, { viewer: { userid: 'lisi' }, share_code: true }), enter(LIVE, { kind: 'leave', viewer: { userid: 'lisi' }, share_code: 'yes' })]);
      expect(body.rejected).toEqual([
        { index: 0, reason: 'events[0].share_code needs an enter event with an invitor' },
        { index: 1, reason: 'events[1].share_code must be true or false' },
      ]);
      expect(body).not.toHaveProperty('share_codes');
      expect((await post(server, SHARE, token, {})).body.errmsg).toMatch(/^ww_share_code missing\. invalid Request Parameter/);
      expect((await post(server, SHARE, token, { ww_share_code: 'x'.repeat(200) })).body.errcode).toBe(40058);
      expect((await post(server, SHARE, 'bogus', {})).body.errcode).toBe(40014);
    });

    it('keeps share codes out of the request journal', async () => {
      const made = await admin.createShareCode(CORP, { livingid: LIVE, viewer: { userid: 'lisi' }, invitor: { userid: 'zhangsan' } });
      await admin.clearRequests();
      await post(server, SHARE, token, { ww_share_code: made.ww_share_code });
      const [record] = await admin.requests({ api: 'get_living_share_info' });
      expect(JSON.stringify(record)).not.toContain(made.ww_share_code);
      expect(record!.body).toEqual({ ww_share_code: '[REDACTED]' });
    });
  });

  describe('the SDK', () => {
    it('getLivingCode returns the string; getLivingShareInfo the live, viewer and inviter; errors are typed', async () => {
      const client = new WeComClient({ baseUrl: server.url, corpid: CORP, corpsecret: SECRETS.selfBuilt, tokenStore: new MemoryTokenStore(), sleep: async () => undefined });
      const livingid = await createLiving(server, token);
      const code = await client.living.getLivingCode({ livingid, openid: OPENID });
      expect(typeof code).toBe('string');
      expect((await admin.resolveLivingCode(CORP, code)).openid).toBe(OPENID);
      await expect(client.living.getLivingCode({ livingid: PERSON_LIVE, openid: OPENID })).rejects.toBeInstanceOf(WeComPermissionError);
      const { ww_share_code } = await admin.createShareCode(CORP, { livingid, viewer: { external_userid: GUEST }, invitor: { external_userid: SHARER } });
      expect(await client.living.getLivingShareInfo(ww_share_code)).toEqual({ livingid, viewer_external_userid: GUEST, invitor_external_userid: SHARER });
      await expect(client.living.getLivingShareInfo('no-such-code')).rejects.toBeInstanceOf(WeComInvalidParameterError);
    });
  });
});
