import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { AGENCY_LIVE, CORP, LIVE, SECRETS, THIRD_PARTY_TOKEN } from './support/scenarios.js';
import { livingInfo, livingScenario, SUITE } from './support/living-scenario.js';
import { type TestServer, call, getToken, startTestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const SUITE_PATH = '/cgi-bin/service/get_suite_token';
const CORP_PATH = '/cgi-bin/service/get_corp_token';
const AGENCY_AGENTID = 1000003;
const SUITE_LIVE = 'lvSuiteAppLive000000000000000000';

/** livingScenario with the provider's allowlist on its suite, which installed both the third-party and the agency app. */
function providerScenario(trustedIps: string[]): Scenario {
  const s = livingScenario();
  s.corps[0]!.livings!.push({ livingid: SUITE_LIVE, creator_agentid: SUITE.agentid, anchor_userid: 'zhangsan', theme: 't', living_start: 1764230400, living_duration: 3600 });
  const suite = s.suites![0]!;
  suite.trusted_ips = trustedIps;
  suite.authorizations!.push({ corpid: CORP, agentid: AGENCY_AGENTID, permanent_code: SECRETS.agency });
  return s;
}

for (const backend of STORES) describe(backend.name, () => {
  const suiteToken = (server: TestServer, body: unknown) => call(`${server.url}${SUITE_PATH}`, { method: 'POST', body: JSON.stringify(body) });
  const corpToken = (server: TestServer, token: string) =>
    call(`${server.url}${CORP_PATH}?suite_access_token=${encodeURIComponent(token)}`, { method: 'POST', body: JSON.stringify({ auth_corpid: CORP, permanent_code: SUITE.permanentCode }) });
  const good = { suite_id: SUITE.id, suite_secret: SUITE.secret, suite_ticket: SUITE.ticket };

  describe("a provider's source-IP allowlist, declared on its suite", () => {
    let server: TestServer;
    let admin: LivestatAdmin;
    beforeAll(async () => {
      server = await startTestServer(backend, providerScenario(['127.0.0.1']), { adminKey: ADMIN_KEY });
      admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
    });
    afterAll(() => server.close());

    it("checks get_suite_token, get_corp_token and the provider's apps' calls against it, and gettoken not at all", async () => {
      // From an allowed IP everything works.
      const suite = (await suiteToken(server, good)).body.suite_access_token as string;
      expect(suite).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const access = (await corpToken(server, suite)).body.access_token as string;
      expect((await livingInfo(server, access, SUITE_LIVE)).body.errcode).toBe(0);
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      expect((await livingInfo(server, agency, AGENCY_LIVE)).body.errcode).toBe(0);

      // The provider's list moves elsewhere: every provider call from here answers 60020.
      await admin.loadScenario(providerScenario(['203.0.113.0/24', '2001:db8::/32']));
      const refused = await suiteToken(server, good);
      expect(refused.body.errmsg).toMatch(/^not allow to access from your ip, hint: \[\d{25}\], from ip: 127\.0\.0\.1, .*e=60020$/);
      expect(refused.headers.get('error-code')).toBe('60020');
      // Checked before the secret, so an outside IP cannot probe it.
      expect((await suiteToken(server, { ...good, suite_secret: 'wrong' })).body.errcode).toBe(60020);
      // An unknown suite has no list: still 40083.
      expect((await suiteToken(server, { ...good, suite_id: 'wwnosuchsuite' })).body.errcode).toBe(40083);
      expect((await corpToken(server, suite)).body.errcode).toBe(60020);
      expect((await livingInfo(server, access, SUITE_LIVE)).body.errcode).toBe(60020);
      expect((await livingInfo(server, THIRD_PARTY_TOKEN, SUITE_LIVE)).body.errcode).toBe(60020);
      // The agency app still gets its token from gettoken (never IP-checked); its calls are refused.
      const again = await call(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.agency}`);
      expect(again.body).toMatchObject({ errcode: 0, access_token: agency });
      expect((await livingInfo(server, agency, AGENCY_LIVE)).body.errcode).toBe(60020);
      // A corp's own app is not the provider's: its own (empty) list applies.
      const selfBuilt = await getToken(server.url, CORP, SECRETS.selfBuilt);
      expect((await livingInfo(server, selfBuilt, LIVE)).body.errcode).toBe(0);

      await admin.loadScenario(providerScenario(['127.0.0.1']));
      expect((await livingInfo(server, access, SUITE_LIVE)).body.errcode).toBe(0);
    });

    it('refuses per-app lists on third-party and agency apps, bad entries, and an app installed by two suites', () => {
      const s = providerScenario(['10.0.0.300']);
      s.corps[0]!.apps[2]!.trusted_ips = ['127.0.0.1'];
      s.suites!.push({ suite_id: 'wwsuite0000000002', suite_secret: 'x', suite_ticket: 'y', authorizations: [{ corpid: CORP, agentid: SUITE.agentid, permanent_code: 'z' }] });
      const result = validateScenario(s);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.errors).toContain("/corps/0/apps/2/trusted_ips: a third_party app is checked against its provider's allowlist: declare trusted_ips on its suite");
      expect(result.errors).toContain('/suites/0/trusted_ips/0: not an IP address or CIDR block');
      expect(result.errors).toContain(`/suites/1/authorizations/0: app ${SUITE.agentid} of ${CORP} is already installed by suite ${SUITE.id}`);
    });
  });

  describe("third-party providers' per-IP limits (doc 90454: 40,000/min, 1,200,000/h)", () => {
    let server: TestServer;
    beforeAll(async () => {
      // Scaled down: 2 calls a minute per IP for a corp's own apps, 4 for a provider's.
      server = await startTestServer(backend, providerScenario([]), { rateLimits: { ipPerMinute: 2, providerIpPerMinute: 4 } });
    });
    afterAll(() => server.close());

    it('counts provider calls under their own, higher per-IP limit, apart from the corp apps of the same IP', async () => {
      const selfBuilt = await getToken(server.url, CORP, SECRETS.selfBuilt);
      const codes = async (token: string, livingid: string, n: number) => {
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push((await livingInfo(server, token, livingid)).body.errcode);
        return out;
      };
      expect(await codes(selfBuilt, LIVE, 3)).toEqual([0, 0, 45009]);
      // The self-built app's block does not touch the provider's counters.
      expect(await codes(THIRD_PARTY_TOKEN, SUITE_LIVE, 5)).toEqual([0, 0, 0, 0, 45009]);
      // Agency apps are a provider's too, and share the provider's count of this IP and API.
      const agency = await getToken(server.url, CORP, SECRETS.agency);
      expect(await codes(agency, AGENCY_LIVE, 1)).toEqual([45009]);
      // get_suite_token is a provider's call: 4 a minute here.
      const tokens: unknown[] = [];
      for (let i = 0; i < 5; i++) tokens.push((await suiteToken(server, good)).body.errcode ?? 0);
      expect(tokens).toEqual([0, 0, 0, 0, 45009]);
      server.clock.advance(60_000);
      expect(await codes(THIRD_PARTY_TOKEN, SUITE_LIVE, 1)).toEqual([0]);
    });

    it('defaults to 40,000 a minute and 1,200,000 an hour', async () => {
      const { DEFAULT_RATE_LIMITS } = await import('../src/domain/rate-limit.js');
      expect([DEFAULT_RATE_LIMITS.providerIpPerMinute, DEFAULT_RATE_LIMITS.providerIpPerHour]).toEqual([40_000, 1_200_000]);
    });
  });
});
