import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORP, SECRETS, baseScenario } from './support/scenarios.js';
import { type TestServer, call, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const ERRMSG = /^(.+), hint: \[(\d{25})\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=(-?\d+)$/;

for (const backend of STORES) describe(backend.name, () => {
  describe('GET /cgi-bin/gettoken', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(backend, baseScenario());
    });
    afterAll(() => server.close());

    const get = (query: string) => call(`${server.url}/cgi-bin/gettoken${query}`);

    it('issues a token with expires_in 7200 in the wire key order', async () => {
      const { status, body, text, headers } = await get(`?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`);
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(Object.keys(body)).toEqual(['errcode', 'errmsg', 'access_token', 'expires_in']);
      expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43,512}$/);
      expect(text).not.toContain('hint');
    });

    it('returns the same token while it is valid, and renews it', async () => {
      const first = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.access_token;
      server.clock.advance(7000 * 1000);
      const second = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.access_token;
      expect(second).toBe(first);
      // Renewed: still valid 7000 s later, i.e. past the first issue's 7200 s.
      server.clock.advance(7000 * 1000);
      const third = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.access_token;
      expect(third).toBe(first);
    });

    it('issues a new token after the old one expired', async () => {
      const first = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.agency}`)).body.access_token;
      server.clock.advance(7201 * 1000);
      const second = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.agency}`)).body.access_token;
      expect(second).not.toBe(first);
    });

    it('issues a token to a caller outside the app\'s trusted IPs: 60020 comes on the business call', async () => {
      const { body } = await get(`?corpid=${CORP}&corpsecret=${SECRETS.ipLocked}`);
      expect(body).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
      const refused = await call(`${server.url}/cgi-bin/living/get_living_info?access_token=${String(body.access_token)}&livingid=lvany`);
      expect(refused.body.errcode).toBe(60020);
      expect(refused.headers.get('error-code')).toBe('60020');
    });

    it('gives each app its own token', async () => {
      const a = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.access_token;
      const b = (await get(`?corpid=${CORP}&corpsecret=${SECRETS.agency}`)).body.access_token;
      expect(a).not.toBe(b);
    });

    it.each([
      ['no corpsecret', `?corpid=${CORP}`, 41004, 'corpsecret missing'],
      ['empty corpsecret', `?corpid=${CORP}&corpsecret=`, 41004, 'corpsecret missing'],
      ['nothing at all', '', 41004, 'corpsecret missing'],
      ['no corpid', `?corpsecret=${SECRETS.selfBuilt}`, 41002, 'corpid missing'],
      ['unknown corpid', `?corpid=wwnope&corpsecret=${SECRETS.selfBuilt}`, 40013, 'invalid corpid'],
      ['wrong secret', `?corpid=${CORP}&corpsecret=wrong`, 40001, 'invalid credential'],
      ["another corp's secret", `?corpid=${CORP}&corpsecret=${SECRETS.other}`, 40001, 'invalid credential'],
    ])('%s (%s) → %i', async (_name, query, errcode, text) => {
      const { status, body, headers } = await get(query);
      expect(status).toBe(200);
      expect(Object.keys(body)).toEqual(['errcode', 'errmsg']);
      expect(body.errcode).toBe(errcode);
      const m = ERRMSG.exec(body.errmsg as string);
      expect(m, body.errmsg as string).not.toBeNull();
      expect(m![1]).toBe(text);
      expect(Number(m![3])).toBe(errcode);
      expect(m![2]!.slice(0, 13)).toBe(String(server.clock.now()));
      expect(headers.get('error-code')).toBe(String(errcode));
      expect(headers.get('error-msg')).toBe(body.errmsg);
    });

    it('gives every error reply its own hint', async () => {
      const hints = new Set<string>();
      for (let i = 0; i < 20; i++) hints.add(ERRMSG.exec((await get(`?corpid=${CORP}&corpsecret=wrong`)).body.errmsg as string)![2]!);
      expect(hints.size).toBe(20);
    });
  });
});
