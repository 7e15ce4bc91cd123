import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIVINGID_PATTERN } from '../src/protocol/ids.js';
import { CORP, SECRETS, THIRD_PARTY_TOKEN } from './support/scenarios.js';
import { livingInfo, livingScenario, OLD_CORP, OLD_SECRETS, post } from './support/living-scenario.js';
import { type TestServer, call, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/create';

for (const backend of STORES) describe(backend.name, () => {
  describe('POST /cgi-bin/living/create', () => {
    let server: TestServer;
    let token: string;
    const valid = () => ({ anchor_userid: 'zhangsan', theme: '季度启动会', living_start: Math.floor(server.clock.now() / 1000) + 600, living_duration: 3600 });
    beforeAll(async () => {
      server = await startTestServer(backend, livingScenario());
      token = await getToken(server.url, CORP, SECRETS.selfBuilt);
    });
    afterAll(() => server.close());

    it('answers a fresh livingid in the real format, and the creating app may read the live', async () => {
      const { text, body, headers } = await post(server, PATH, token, { ...valid(), type: 3, description: '说明', remind_time: 300, activity_detail: { description: 'x' } });
      expect(headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(text).toMatch(/^\{"errcode":0,"errmsg":"ok","livingid":"lv[A-Za-z0-9_-]{30}"\}$/);
      const livingid = body.livingid as string;
      expect(livingid).toMatch(LIVINGID_PATTERN);
      expect((await watchStat(server.url, token, { livingid })).body.errcode).toBe(0);
      const info = (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
      expect(info).toMatchObject({ theme: '季度启动会', type: 3, description: '说明', anchor_userid: 'zhangsan', status: 0 });
      // Another app of the corp did not create it.
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      expect((await watchStat(server.url, agency, { livingid })).body.errcode).toBe(92008);
    });

    it('gives each live its own random id', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await post(server, PATH, token, valid())).body.livingid as string);
      expect(ids.size).toBe(5);
    });

    it('lets a third-party app with the 直播 permission create, and a grandfathered system app too', async () => {
      expect((await post(server, PATH, THIRD_PARTY_TOKEN, valid())).body.errcode).toBe(0);
      const system = await getToken(server.url, OLD_CORP, OLD_SECRETS.system);
      expect((await post(server, PATH, system, valid())).body.errcode).toBe(0);
    });

    it('48002 for an app without the permission and for a system app after the cutoff', async () => {
      const noLiving = await getToken(server.url, CORP, SECRETS.noLiving);
      const res = await post(server, PATH, noLiving, valid());
      expect(res.body.errcode).toBe(48002);
      expect(res.headers.get('error-code')).toBe('48002');
      const system = await getToken(server.url, CORP, SECRETS.system);
      expect((await post(server, PATH, system, valid())).body.errcode).toBe(48002);
    });

    it('checks the token before the method and the body', async () => {
      expect((await post(server, PATH, 'nope', '{bad')).body.errcode).toBe(40014);
      expect((await call(`${server.url}${PATH}`, { method: 'POST', body: '{}' })).body.errcode).toBe(41001);
      const get = await call(`${server.url}${PATH}?access_token=${token}`);
      expect(get.body.errcode).toBe(40058);
      expect(get.body.errmsg).toMatch(/^http method GET not allowed, use POST\. invalid Request Parameter, hint: \[\d{25}\]/);
    });

    describe('40058 naming the field', () => {
      const cases: [string, (v: Record<string, unknown>) => unknown, string][] = [
        ['malformed JSON', () => '{"theme":', 'invalid json'],
        ['an array', () => '[]', 'request body must be a json object'],
        ['no anchor', (v) => ({ ...v, anchor_userid: undefined }), 'anchor_userid missing'],
        ['an anchor of the wrong type', (v) => ({ ...v, anchor_userid: 7 }), 'anchor_userid must be a string'],
        ['a malformed anchor', (v) => ({ ...v, anchor_userid: 'zhang san' }), 'invalid anchor_userid'],
        ['no theme', (v) => ({ ...v, theme: undefined }), 'theme missing'],
        ['an empty theme', (v) => ({ ...v, theme: '' }), 'theme missing'],
        ['a theme of 21 characters', (v) => ({ ...v, theme: '一'.repeat(21) }), 'theme exceeds 20 characters'],
        ['no living_start', (v) => ({ ...v, living_start: undefined }), 'living_start missing'],
        ['living_start as a string', (v) => ({ ...v, living_start: '1764230400' }), 'living_start must be an integer'],
        ['a fractional living_start', (v) => ({ ...v, living_start: 1.5 }), 'living_start must be an integer'],
        ['a negative living_start', (v) => ({ ...v, living_start: -1 }), 'invalid living_start'],
        ['no living_duration', (v) => ({ ...v, living_duration: undefined }), 'living_duration missing'],
        ['a zero living_duration', (v) => ({ ...v, living_duration: 0 }), 'invalid living_duration'],
        ['type 5', (v) => ({ ...v, type: 5 }), 'invalid type'],
        ['type as a string', (v) => ({ ...v, type: '1' }), 'type must be an integer'],
        ['a description of 101 characters', (v) => ({ ...v, description: 'd'.repeat(101) }), 'description exceeds 100 characters'],
        ['a negative remind_time', (v) => ({ ...v, remind_time: -60 }), 'invalid remind_time'],
      ];
      it.each(cases)('%s', async (_name, make, detail) => {
        const res = await post(server, PATH, token, make(valid()));
        expect(res.body.errcode).toBe(40058);
        expect(res.body.errmsg).toMatch(new RegExp(`^${detail}\\. invalid Request Parameter, hint: \\[\\d{25}\\], from ip: `));
      });

      it('accepts exactly 20 characters of theme (emoji count once) and 100 of description', async () => {
        const res = await post(server, PATH, token, { ...valid(), theme: '😀'.repeat(20), description: '描'.repeat(100), type: 4 });
        expect(res.body.errcode).toBe(0);
      });
    });
  });
});
