import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCY_LIVE, CORP, EMPTY_LIVE, EXPIRING_TOKEN, LIVE, OTHER_CORP, OTHER_LIVE, PERSON_LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { type TestServer, call, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/get_watch_stat';

for (const backend of STORES) describe(backend.name, () => {
  describe('POST /cgi-bin/living/get_watch_stat', () => {
    let server: TestServer;
    let token: string;
    beforeAll(async () => {
      server = await startTestServer(backend, baseScenario());
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(() => server.close());

    const errcodeOf = async (p: Promise<{ body: Record<string, unknown> }>) => (await p).body.errcode;
    const errmsgOf = async (p: Promise<{ body: Record<string, unknown> }>) => (await p).body.errmsg as string;

    it('answers a whole live on one page, wire-exact', async () => {
      const { status, text, headers } = await watchStat(server.url, token, { livingid: LIVE, next_key: '0' });
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(headers.get('error-code')).toBeNull();
      expect(text).toBe(
        '{"errcode":0,"errmsg":"ok","stat_info":{"users":[' +
          '{"userid":"lisi","watch_time":1800,"is_comment":1,"is_mic":0},' +
          '{"userid":"wangwu","watch_time":60,"is_comment":0,"is_mic":1,"invitor_userid":"lisi"}],' +
          '"external_users":[{"external_userid":"wmd9BGagAAcV672nvFb2SHGwFHKotxQg","type":1,"name":"万强","watch_time":38,' +
          '"is_comment":1,"is_mic":0,"invitor_external_userid":"wmd9BGagAAImsTlYX4a4RGavhNT5LvEA"}]},"ending":1,"next_key":""}',
      );
    });

    it('treats next_key "0", "" and absent alike', async () => {
      const a = await watchStat(server.url, token, { livingid: LIVE, next_key: '0' });
      const b = await watchStat(server.url, token, { livingid: LIVE, next_key: '' });
      const c = await watchStat(server.url, token, { livingid: LIVE });
      expect(b.text).toBe(a.text);
      expect(c.text).toBe(a.text);
    });

    it('answers an empty live with [] lists', async () => {
      const { body } = await watchStat(server.url, token, { livingid: EMPTY_LIVE });
      expect(body).toEqual({ errcode: 0, errmsg: 'ok', stat_info: { users: [], external_users: [] }, ending: 1, next_key: '' });
    });

    it('parses the body as JSON whatever the Content-Type says', async () => {
      const url = `${server.url}${PATH}?access_token=${token}`;
      const body = JSON.stringify({ livingid: LIVE });
      for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-8', 'application/octet-stream']) {
        const headers: Record<string, string> = type ? { 'content-type': type } : {};
        const res = await call(url, { method: 'POST', headers, body: type ? body : new TextEncoder().encode(body) });
        expect(res.body.errcode, String(type)).toBe(0);
      }
    });

    describe('token errors come before everything else', () => {
      it('41001 when access_token is missing, or only in a header or the body', async () => {
        expect(await errcodeOf(call(`${server.url}${PATH}`, { method: 'POST', body: JSON.stringify({ livingid: LIVE }) }))).toBe(41001);
        expect(
          await errcodeOf(call(`${server.url}${PATH}`, { method: 'POST', headers: { access_token: token, authorization: `Bearer ${token}` }, body: JSON.stringify({ livingid: LIVE }) })),
        ).toBe(41001);
        expect(await errcodeOf(call(`${server.url}${PATH}`, { method: 'POST', body: JSON.stringify({ livingid: LIVE, access_token: token }) }))).toBe(41001);
        expect(await errcodeOf(call(`${server.url}${PATH}?access_token=`, { method: 'POST', body: '{}' }))).toBe(41001);
      });
      it('40014 for an unknown token, even with a bad body', async () => {
        expect(await errcodeOf(watchStat(server.url, 'nope', {}))).toBe(40014);
        expect(await errcodeOf(watchStat(server.url, 'nope', '{not json'))).toBe(40014);
        expect(await errcodeOf(watchStat(server.url, 'x'.repeat(600), { livingid: LIVE }))).toBe(40014);
      });
      it('40014 for an expired token, as WeCom lately answers', async () => {
        expect(await errmsgOf(watchStat(server.url, EXPIRING_TOKEN, { livingid: LIVE }))).toMatch(/^invalid access_token, hint: /);
      });
      it('reads the first of duplicated access_token parameters', async () => {
        const url = `${server.url}${PATH}?access_token=${token}&access_token=bogus`;
        expect(await errcodeOf(call(url, { method: 'POST', body: JSON.stringify({ livingid: LIVE }) }))).toBe(0);
      });
    });

    describe('40058 for a bad request', () => {
      it.each([
        ['malformed JSON', '{"livingid": ', 'invalid json'],
        ['an empty body', '', 'livingid missing'],
        ['an empty object', '{}', 'livingid missing'],
        ['a JSON array', '[]', 'request body must be a json object'],
        ['a JSON string', '"lv"', 'request body must be a json object'],
        ['null', 'null', 'request body must be a json object'],
        ['livingid of the wrong type', '{"livingid": 12}', 'livingid must be a string'],
        ['an empty livingid', '{"livingid": ""}', 'livingid missing'],
        ['a huge livingid', JSON.stringify({ livingid: 'l'.repeat(10_000) }), 'livingid longer than 64'],
        ['next_key of the wrong type', `{"livingid": "${LIVE}", "next_key": 0}`, 'next_key must be a string'],
        ['a forged next_key', `{"livingid": "${LIVE}", "next_key": "AQBsaXNp"}`, 'invalid next_key'],
        ['a next_key that is not base64url', `{"livingid": "${LIVE}", "next_key": "%%%"}`, 'invalid next_key'],
      ])('%s', async (_name, body, detail) => {
        const res = await watchStat(server.url, token, body);
        expect(res.status).toBe(200);
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(new RegExp(`^${detail}\\. invalid Request Parameter, hint: \\[\\d{25}\\]`));
      });

      it('a GET to this POST endpoint', async () => {
        const res = await call(`${server.url}${PATH}?access_token=${token}`);
        expect(res.body.errcode).toBe(40058);
      });

      it('an oversized body, after the token check like every body problem', async () => {
        const big = JSON.stringify({ livingid: LIVE, pad: 'x'.repeat(2 * 1024 * 1024) });
        expect((await watchStat(server.url, 'not-a-token', big)).body.errcode).toBe(40014);
        expect((await call(`${server.url}${PATH}`, { method: 'POST', body: big })).body.errcode).toBe(41001);
      });

      it('an oversized body', async () => {
        const res = await watchStat(server.url, token, JSON.stringify({ livingid: LIVE, pad: 'x'.repeat(2 * 1024 * 1024) }));
        expect(res.status).toBe(200);
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(/^request body too large\. invalid Request Parameter/);
      });

      it('a next_key of another live or another corp', async () => {
        const other = await getToken(server.url, OTHER_CORP, SECRETS.other);
        // The big live has several pages, so its first page carries a next_key.
        const page = await watchStat(server.url, token, { livingid: 'lvd9BGagAAbigLive000000000000000' });
        const key = page.body.next_key as string;
        expect(key).not.toBe('');
        expect((await watchStat(server.url, token, { livingid: LIVE, next_key: key })).body.errcode).toBe(40058);
        expect((await watchStat(server.url, other, { livingid: OTHER_LIVE, next_key: key })).body.errcode).toBe(40058);
        expect((await watchStat(server.url, token, { livingid: 'lvd9BGagAAbigLive000000000000000', next_key: key.slice(0, -2) })).body.errcode).toBe(40058);
      });
    });

    describe('permissions', () => {
      it('48002 for a self-built app not allowed to call the live-stream API', async () => {
        const t = await getToken(server.url, CORP, SECRETS.noLiving);
        expect(await errmsgOf(watchStat(server.url, t, { livingid: LIVE }))).toMatch(/^api forbidden, hint/);
      });
      it('48002 for the system app of a corp that is not grandfathered', async () => {
        const t = await getToken(server.url, CORP, SECRETS.system);
        expect(await errcodeOf(watchStat(server.url, t, { livingid: LIVE }))).toBe(48002);
      });
      it('92008 for a live another app created, or that a person created', async () => {
        expect(await errcodeOf(watchStat(server.url, token, { livingid: AGENCY_LIVE }))).toBe(92008);
        expect(await errcodeOf(watchStat(server.url, token, { livingid: PERSON_LIVE }))).toBe(92008);
      });
      it('92008 for a live that does not exist or is another corp’s, so existence never leaks', async () => {
        const unknown = await watchStat(server.url, token, { livingid: 'lvNOPE' });
        const foreign = await watchStat(server.url, token, { livingid: OTHER_LIVE });
        expect(unknown.body.errcode).toBe(92008);
        expect(foreign.body.errcode).toBe(92008);
        expect(foreign.text).not.toContain('spy');
      });
      it('the agency app reads the lives it created', async () => {
        const t = await getToken(server.url, CORP, SECRETS.agency);
        const { body } = await watchStat(server.url, t, { livingid: AGENCY_LIVE });
        expect(body.errcode).toBe(0);
        expect((body.stat_info as { users: unknown[] }).users).toEqual([{ userid: 'zhaoliu', watch_time: 5, is_comment: 0, is_mic: 0 }]);
      });
      it('a third-party app with a pre-issued token, limited to its own lives', async () => {
        expect(await errcodeOf(watchStat(server.url, THIRD_PARTY_TOKEN, { livingid: LIVE }))).toBe(92008);
      });
      it('60020 when a token is used from an IP the app does not trust; gettoken itself still issues it', async () => {
        const t = await getToken(server.url, CORP, SECRETS.ipLocked);
        const refused = await watchStat(server.url, t, { livingid: LIVE });
        expect(refused.body.errcode).toBe(60020);
        expect(String(refused.body.errmsg)).toMatch(/^not allow to access from your ip, hint: .*, from ip: 127\.0\.0\.1,/);
      });
    });
  });

  describe('the system app in a grandfathered corp', () => {
    it('reads every live of its corp', async () => {
      const scenario = baseScenario();
      scenario.corps[0]!.grandfathered_system_app = true;
      const server = await startTestServer(backend, scenario);
      try {
        const t = await getToken(server.url, CORP, SECRETS.system);
        for (const livingid of [LIVE, AGENCY_LIVE, PERSON_LIVE]) expect((await watchStat(server.url, t, { livingid })).body.errcode).toBe(0);
        expect((await watchStat(server.url, t, { livingid: OTHER_LIVE })).body.errcode).toBe(92008);
      } finally {
        await server.close();
      }
    });
  });

  describe('limits', () => {
    it('45009 once a corp passes its per-minute limit, for 60 s', async () => {
      const server = await startTestServer(backend, baseScenario(), { rateLimits: { corpPerMinute: 5 } });
      try {
        server.clock.set(Date.UTC(2025, 10, 27, 8, 0, 0));
        const t = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const codes = [];
        for (let i = 0; i < 7; i++) codes.push((await watchStat(server.url, t, { livingid: LIVE })).body.errcode);
        expect(codes).toEqual([0, 0, 0, 0, 0, 45009, 45009]);
        // Another corp is not affected.
        const other = await getToken(server.url, OTHER_CORP, SECRETS.other);
        expect((await watchStat(server.url, other, { livingid: OTHER_LIVE })).body.errcode).toBe(0);
        // The block lasts 60 s from when it started, even across the window boundary.
        server.clock.advance(30_000);
        expect((await watchStat(server.url, t, { livingid: LIVE })).body.errcode).toBe(45009);
        server.clock.advance(31_000);
        expect((await watchStat(server.url, t, { livingid: LIVE })).body.errcode).toBe(0);
      } finally {
        await server.close();
      }
    });

    it('45033 when too many calls of one corp are in flight', async () => {
      const server = await startTestServer(backend, baseScenario(), { maxConcurrentPerCorp: 2, faults: [{ api: 'get_watch_stat', kind: 'latency', ms: 300 }] });
      try {
        const t = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const codes = await Promise.all(Array.from({ length: 4 }, () => watchStat(server.url, t, { livingid: LIVE }).then((r) => r.body.errcode)));
        expect(codes.filter((c) => c === 0)).toHaveLength(2);
        expect(codes.filter((c) => c === 45033)).toHaveLength(2);
      } finally {
        await server.close();
      }
    });
  });

  describe('paths', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, baseScenario());
    });
    afterAll(() => server.close());

    it('404 with an empty body for an unknown path', async () => {
      for (const path of ['/cgi-bin/living/nope', '/cgi-bin/', '/nope']) {
        const res = await call(`${server.url}${path}`, { method: 'POST', body: '{}' });
        expect(res.status).toBe(404);
        expect(res.text).toBe('');
      }
    });

    it('GET /livestat/health', async () => {
      const res = await call(`${server.url}/livestat/health`);
      expect(res.body).toEqual({ status: 'ok' });
    });
  });
});
