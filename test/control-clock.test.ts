import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { LivestatAdminError } from '../src/client/admin/admin-error.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, LIVE, OTHER_CORP, OTHER_LIVE, SECRETS, baseScenario } from './support/scenarios.js';
import { TEST_NOW, call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let admin: LivestatAdmin;
  beforeAll(async () => {
    server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY });
    admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());

  describe('the control clock', () => {
    it('turns a token into 40014 (the default, as WeCom lately answers) after 7,201 s, and gettoken then gives a new token that works', async () => {
      const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      const before = await admin.clock();
      const after = await admin.advanceClock(7201);
      expect(after.now - before.now).toBeCloseTo(7201, 3);
      const expired = await watchStat(server.url, token, { livingid: LIVE });
      expect(expired.body.errcode).toBe(40014);
      expect(expired.headers.get('error-code')).toBe('40014');
      // The errmsg hint carries the clock's time, not the wall clock's.
      expect(String(expired.body.errmsg)).toContain(`hint: [${Math.trunc(after.now * 1000)}`);
      const fresh = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect(fresh).not.toBe(token);
      expect((await watchStat(server.url, fresh, { livingid: LIVE })).body.errcode).toBe(0);
      await admin.setClock(TEST_NOW / 1000, false);
    });

    it('sets the time from ISO 8601 or unix seconds and freezes it', async () => {
      const frozen = await admin.setClock('2026-01-02T03:04:05Z', true);
      expect(frozen).toEqual({ now: Date.UTC(2026, 0, 2, 3, 4, 5) / 1000, frozen: true });
      // A frozen clock does not move with its base.
      server.clock.advance(60_000);
      expect(await admin.clock()).toEqual(frozen);
      expect(await admin.advanceClock(10)).toEqual({ now: frozen.now + 10, frozen: true });
      const running = await admin.setClock(TEST_NOW / 1000, false);
      expect(running).toEqual({ now: TEST_NOW / 1000, frozen: false });
      server.clock.advance(5000);
      expect((await admin.clock()).now).toBe(TEST_NOW / 1000 + 5);
      await admin.setClock(TEST_NOW / 1000);
    });

    it('refuses a time without a zone, a bad body and an unknown corp with livestat errors', async () => {
      for (const now of ['2026-01-02T03:04:05', 'tomorrow', -5]) {
        const e = await admin.setClock(now).catch((x: unknown) => x);
        expect(e).toBeInstanceOf(LivestatAdminError);
        expect(e).toMatchObject({ status: 400, code: 'bad_request' });
      }
      const res = await fetch(`${server.url}/livestat/admin/clock/advance`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{"seconds":"10"}' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request', message: expect.stringContaining('/seconds') });
      await expect(admin.corpClock('wwnosuchcorp').get()).rejects.toMatchObject({ status: 404, code: 'not_found' });
      expect((await fetch(`${server.url}/livestat/admin/clock`)).status).toBe(401);
    });

    it("gives one corp its own time: its tokens expire while another corp's stay valid", async () => {
      const mine = await getToken(server.url, CORP, SECRETS.selfBuilt);
      const theirs = await getToken(server.url, OTHER_CORP, SECRETS.other);
      const corp = admin.corpClock(CORP);
      const moved = await corp.advance(7201);
      expect(moved.now).toBeCloseTo(TEST_NOW / 1000 + 7201, 3);
      expect((await admin.clock()).now).toBe(TEST_NOW / 1000);
      expect((await watchStat(server.url, mine, { livingid: LIVE })).body.errcode).toBe(40014);
      expect((await watchStat(server.url, theirs, { livingid: OTHER_LIVE })).body.errcode).toBe(0);
      // A token issued on the corp's clock lives 7200 s of the corp's time.
      const renewed = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect((await watchStat(server.url, renewed, { livingid: LIVE })).body.errcode).toBe(0);
      // A live's status follows its corp's clock: ended for this corp, still on for the other.
      const info = (token: string, livingid: string) => call(`${server.url}/cgi-bin/living/get_living_info?access_token=${encodeURIComponent(token)}&livingid=${livingid}`);
      expect((await info(renewed, LIVE)).body).toMatchObject({ errcode: 0, living_info: { status: 2 } });
      expect((await info(theirs, OTHER_LIVE)).body).toMatchObject({ errcode: 0, living_info: { status: 1 } });
      // Back on the server's clock, that token was issued "in the future" and is still valid.
      expect(await corp.forget()).toEqual({ now: TEST_NOW / 1000, frozen: false });
      expect((await watchStat(server.url, renewed, { livingid: LIVE })).body.errcode).toBe(0);
    });
  });

  describe('--expired-token-errcode 42001', () => {
    let documented: TestServer;
    beforeAll(async () => {
      documented = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY, expiredTokenErrcode: 42001 });
    });
    afterAll(() => documented.close());

    it('answers an expired token with the documented 42001 instead', async () => {
      const token = await getToken(documented.url, CORP, SECRETS.selfBuilt);
      await new LivestatAdmin({ baseUrl: documented.url, adminKey: ADMIN_KEY }).advanceClock(7201);
      const expired = await watchStat(documented.url, token, { livingid: LIVE });
      expect(expired.body.errcode).toBe(42001);
      expect(String(expired.body.errmsg)).toMatch(/^access_token expired, hint: /);
      // An unknown token is still 40014.
      expect((await watchStat(documented.url, 'bogus', { livingid: LIVE })).body.errcode).toBe(40014);
    });
  });
});
