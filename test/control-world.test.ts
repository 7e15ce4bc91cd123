import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { LivestatAdminError } from '../src/client/admin/admin-error.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, baseScenario } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let admin: LivestatAdmin;
  beforeAll(async () => {
    server = await startTestServer(backend, baseScenario(), { adminKey: ADMIN_KEY });
    admin = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
  });
  afterAll(() => server.close());

  const NEW_CORP = 'wwc0ffee00000000001';
  const NEW_LIVE = 'lvd9BGagAAruntimeLive00000000000';
  function runtimeScenario(secret = 'runtime-secret-0123456789abcdef'): Scenario {
    return {
      corps: [
        {
          corpid: NEW_CORP,
          name: 'Loaded at run time',
          apps: [{ agentid: 1000002, kind: 'self_built', secret, living_api: true }],
          livings: [
            { livingid: NEW_LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 't', type: 4, living_start: 1764230400, living_duration: 3600, synthetic_viewers: { members: 3, external: 2, seed: 1 } },
          ],
        },
      ],
      faults: ['get_living_info:latency:1ms'],
    };
  }

  describe('POST /livestat/admin/scenario', () => {
    it('loads a scenario at run time as at start, says what changed, and changes nothing the second time', async () => {
      const first = await admin.loadScenario(runtimeScenario());
      expect(first).toMatchObject({ changed: true, corps: 1, apps: 1, livings: 1, changed_corps: [NEW_CORP], suites_changed: false });
      expect(first.faults_added).toHaveLength(1);
      const token = await getToken(server.url, NEW_CORP, 'runtime-secret-0123456789abcdef');
      const page = await watchStat(server.url, token, { livingid: NEW_LIVE });
      expect(page.body).toMatchObject({ errcode: 0, ending: 1 });
      expect((page.body.stat_info as { users: unknown[]; external_users: unknown[] }).users).toHaveLength(3);

      const again = await admin.loadScenario({ ...runtimeScenario(), faults: [] });
      expect(again).toMatchObject({ changed: false, changed_corps: [], faults_added: [] });
      // A new secret, as at start, revokes what the old one obtained.
      const changed = await admin.loadScenario({ ...runtimeScenario('runtime-secret-rotated-0123456789'), faults: [] });
      expect(changed.changed_corps).toEqual([NEW_CORP]);
      expect((await watchStat(server.url, token, { livingid: NEW_LIVE })).body.errcode).not.toBe(0);
      // Another corp was not touched.
      expect((await watchStat(server.url, await getToken(server.url, CORP, 'S1-self-built-secret-0123456789abcdef'), { livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' })).body.errcode).toBe(0);
    });

    it('refuses an invalid document with 400 in livestat shape, naming each bad path, and changes nothing', async () => {
      const bad = runtimeScenario() as unknown as { corps: Record<string, unknown>[] };
      bad.corps[0]!.corpid = 'ww-bad-corp-0000001';
      (bad.corps[0]!.apps as Record<string, unknown>[])[0]!.kind = 'robot';
      const e = (await admin.loadScenario(bad).catch((x: unknown) => x)) as LivestatAdminError;
      expect(e).toBeInstanceOf(LivestatAdminError);
      expect(e.status).toBe(400);
      expect(e.code).toBe('invalid_scenario');
      expect(e.errors.some((line) => line.startsWith('/corps/0/apps/0/kind'))).toBe(true);
      const raw = await call(`${server.url}/livestat/admin/scenario`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{"corps": 5}' });
      expect(raw.status).toBe(400);
      expect(raw.body).toMatchObject({ error: 'invalid_scenario', message: expect.stringContaining('/corps') });
      expect((await call(`${server.url}/cgi-bin/gettoken?corpid=ww-bad-corp-0000001&corpsecret=x`)).body.errcode).toBe(40013);
    });
  });

  describe('GET /livestat/ready', () => {
    it('answers 503 until the scenarios are loaded and while the database does not answer, 200 otherwise', async () => {
      const s = await startTestServer(backend, baseScenario(), { scenariosLoaded: false });
      try {
        const before = await call(`${s.url}/livestat/ready`);
        expect(before.status).toBe(503);
        expect(before.body).toEqual({ status: 'not_ready', scenarios_loaded: false, database: true, shared_control: false });
        expect(await new LivestatAdmin({ baseUrl: s.url, adminKey: 'unused-unused-unused' }).ready()).toMatchObject({ status: 'not_ready' });
        s.app.livestatControl.readiness.scenariosLoaded = true;
        expect((await call(`${s.url}/livestat/ready`)).status).toBe(200);
        await s.store.close();
        const down = await call(`${s.url}/livestat/ready`);
        expect(down.status).toBe(503);
        expect(down.body).toMatchObject({ database: false });
        // Liveness does not depend on the database.
        expect((await call(`${s.url}/livestat/health`)).status).toBe(200);
      } finally {
        await s.close();
      }
    });
  });
});
