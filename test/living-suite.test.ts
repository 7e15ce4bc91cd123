import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wecomOpenApiDocument } from '../src/protocol/openapi.js';
import { WECOM_ENDPOINTS } from '../src/protocol/wecom-endpoints.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { CORP, LIVE } from './support/scenarios.js';
import { livingScenario, SUITE } from './support/living-scenario.js';
import { type TestServer, call, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const SUITE_PATH = '/cgi-bin/service/get_suite_token';
const CORP_PATH = '/cgi-bin/service/get_corp_token';

for (const backend of STORES) describe(backend.name, () => {
  describe('third-party suites: get_suite_token → get_corp_token → the live-stream API', () => {
    let server: TestServer;
    beforeAll(async () => {
      const s = livingScenario();
      // The third-party app created the live it will read.
      s.corps[0]!.livings!.push({ livingid: 'lvSuiteAppLive000000000000000000', creator_agentid: SUITE.agentid, anchor_userid: 'zhangsan', theme: 't', living_start: 1764230400, living_duration: 3600, viewers: [{ userid: 'lisi', watch_time: 5, is_comment: 0, is_mic: 0 }] });
      server = await startTestServer(backend, s);
    });
    afterAll(() => server.close());

    const suiteToken = (body: unknown) => call(`${server.url}${SUITE_PATH}`, { method: 'POST', body: JSON.stringify(body) });
    const corpToken = (token: string, body: unknown) => call(`${server.url}${CORP_PATH}?suite_access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify(body) });
    const good = { suite_id: SUITE.id, suite_secret: SUITE.secret, suite_ticket: SUITE.ticket };

    it('end to end: the corp token reads the lives its app created, and only those', async () => {
      const first = await suiteToken(good);
      // Success carries no errcode and no errmsg, as the captured real reply (WIRE.md, doc 90605).
      expect(first.text).toMatch(/^\{"suite_access_token":"[A-Za-z0-9_-]{43}","expires_in":7200\}$/);
      expect(first.headers.get('error-code')).toBeNull();
      const token = first.body.suite_access_token as string;
      expect((await suiteToken(good)).body.suite_access_token).toBe(token);
      const corp = await corpToken(token, { auth_corpid: CORP, permanent_code: SUITE.permanentCode });
      expect(corp.text).toMatch(/^\{"access_token":"[A-Za-z0-9_-]{43}","expires_in":7200\}$/);
      const access = corp.body.access_token as string;
      expect((await corpToken(token, { auth_corpid: CORP, permanent_code: SUITE.permanentCode })).body.access_token).toBe(access);
      const stat = await watchStat(server.url, access, { livingid: 'lvSuiteAppLive000000000000000000' });
      expect(stat.body).toMatchObject({ errcode: 0, ending: 1, stat_info: { users: [{ userid: 'lisi', watch_time: 5 }] } });
      expect((await watchStat(server.url, access, { livingid: LIVE })).body.errcode).toBe(92008);
    });

    it('get_suite_token: 41021 no suite_id, 40083 unknown suite, 40001 wrong secret, 40085 wrong ticket, 40058 bad body', async () => {
      const errcode = async (body: unknown) => (await suiteToken(body)).body.errcode;
      const unknown = await suiteToken({ ...good, suite_id: 'wwsuiteunknown' });
      expect(unknown.body.errmsg).toMatch(/^invalid suite_id, hint: \[\d{25}\].*query\?e=40083$/);
      expect(unknown.headers.get('error-code')).toBe('40083');
      const noSuite = await suiteToken({ suite_secret: SUITE.secret, suite_ticket: SUITE.ticket });
      expect(noSuite.body.errmsg).toMatch(/^suite_id missing, hint: \[\d{25}\].*query\?e=41021$/);
      expect(await errcode({ ...good, suite_id: '' })).toBe(41021);
      expect((await call(`${server.url}${SUITE_PATH}`, { method: 'POST' })).body.errcode).toBe(41021);
      // A suite_id of the wrong type is a bad parameter, not a missing one.
      expect(await errcode({ ...good, suite_id: 7 })).toBe(40058);
      expect((await call(`${server.url}${SUITE_PATH}`, { method: 'POST', body: '{bad' })).body.errcode).toBe(40058);
      expect(await errcode({ ...good, suite_secret: 'wrong' })).toBe(40001);
      const ticket = await suiteToken({ ...good, suite_ticket: 'stale' });
      expect(ticket.body.errmsg).toMatch(/^invalid suite_ticket, hint: \[\d{25}\]/);
      expect(ticket.headers.get('error-code')).toBe('40085');
      const missing = await suiteToken({ suite_id: SUITE.id, suite_secret: SUITE.secret });
      expect(missing.body.errmsg).toMatch(/^suite_ticket missing\. invalid Request Parameter/);
      expect((await call(`${server.url}${SUITE_PATH}`)).body.errcode).toBe(40058);
    });

    it('get_corp_token: 41022 / 40082 / 42009 for the suite token, 40084 for a wrong code or corp', async () => {
      const token = (await suiteToken(good)).body.suite_access_token as string;
      const body = { auth_corpid: CORP, permanent_code: SUITE.permanentCode };
      expect((await call(`${server.url}${CORP_PATH}`, { method: 'POST', body: JSON.stringify(body) })).body.errcode).toBe(41022);
      const bad = await corpToken('bogus', body);
      expect(bad.body.errmsg).toMatch(/^invalid suite_token, hint: /);
      expect((await corpToken(token, { ...body, permanent_code: 'wrong' })).body.errcode).toBe(40084);
      expect((await corpToken(token, { ...body, auth_corpid: 'wwf0e1d2c3b4a59687' })).body.errcode).toBe(40084);
      expect((await corpToken(token, { auth_corpid: CORP })).body.errmsg).toMatch(/^permanent_code missing\. invalid Request Parameter/);
      const t0 = server.clock.now();
      server.clock.advance(7200_000);
      const expired = await corpToken(token, body);
      expect(expired.body.errcode).toBe(42009);
      expect(expired.body.errmsg).toMatch(/^suite_access_token expired, hint: /);
      server.clock.set(t0);
    });

    it('a scenario suite must name declared apps', () => {
      const s = livingScenario();
      s.suites![0]!.authorizations!.push({ corpid: CORP, agentid: 4242, permanent_code: 'x' });
      const result = validateScenario(s);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors).toContain(`/suites/0/authorizations/1/agentid: no app 4242 in corp ${CORP}`);
    });
  });

  describe('the OpenAPI document', () => {
    it('is generated from the schemas, and docs/openapi.json is up to date (`npm run openapi`)', async () => {
      const shipped = JSON.parse(await readFile(new URL('../docs/openapi.json', import.meta.url), 'utf8')) as unknown;
      expect(shipped).toEqual(wecomOpenApiDocument());
    });

    it('describes every WeCom endpoint livestat serves, and livestat serves it', async () => {
      const server = await startTestServer(backend, livingScenario());
      try {
        const { status, body } = await call(`${server.url}/livestat/openapi.json`);
        expect(status).toBe(200);
        expect(body).toEqual(wecomOpenApiDocument());
        const paths = body.paths as Record<string, Record<string, { requestBody?: unknown }>>;
        for (const e of WECOM_ENDPOINTS) expect(paths[e.path]?.[e.method.toLowerCase()], e.path).toBeDefined();
        expect(Object.keys(paths).filter((p) => p.startsWith('/cgi-bin/'))).toHaveLength(WECOM_ENDPOINTS.length);
        // The control API is listed too, under its own tag and behind the admin key.
        expect(paths['/livestat/admin/faults']?.post).toMatchObject({ tags: ['control'], security: [{ adminKey: [] }] });
        expect(paths['/livestat/ready']?.get).toMatchObject({ tags: ['control'] });
        const create = paths['/cgi-bin/living/create']!.post!.requestBody as { content: { 'application/json': { schema: { properties: { theme: { maxLength: number } }; required: string[] } } } };
        expect(create.content['application/json'].schema.properties.theme.maxLength).toBe(20);
        expect(create.content['application/json'].schema.required).toEqual(['anchor_userid', 'theme', 'living_start', 'living_duration']);
        // Every path in the document answers (not 404) on livestat.
        for (const e of WECOM_ENDPOINTS) expect((await call(`${server.url}${e.path}`, { method: e.method })).status, e.path).toBe(200);
      } finally {
        await server.close();
      }
    });
  });
});
