import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { LivestatAdminError } from '../src/client/admin/admin-error.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { BIG_LIVE, CORP, LIVE, OTHER_CORP, OTHER_LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { call, getToken, startTestServer, type TestServer, TEST_NOW } from './support/test-server.js';
import { STORES } from './support/stores.js';

const INGEST_KEY = 'snapshot-ingest-key-0123456789abcdef';
const SUITE = { suite_id: 'wwsuitesnap000001', suite_secret: 'snapshot-suite-secret-0123456789', suite_ticket: 'snapshot-suite-ticket-0123456789', permanent_code: 'snapshot-permanent-code-01234567' };

function world(): Scenario {
  const s = baseScenario();
  s.corps[0]!.ingest_keys = [INGEST_KEY];
  s.suites = [{ suite_id: SUITE.suite_id, suite_secret: SUITE.suite_secret, suite_ticket: SUITE.suite_ticket, trusted_ips: ['127.0.0.0/8'], authorizations: [{ corpid: CORP, agentid: 1000004, permanent_code: SUITE.permanent_code }] }];
  // A live whose replay is off: get_living_info's open_replay is a setting the snapshot carries.
  s.corps[0]!.livings!.find((l) => l.livingid === LIVE)!.open_replay = 0;
  return s;
}

/** Every page of a live as raw reply text, following next_key: the bytes and keys a client sees. */
async function pages(base: string, token: string, livingid: string): Promise<string[]> {
  const out: string[] = [];
  let next_key: string | undefined;
  for (let i = 0; i < 50; i++) {
    const res = await call(`${base}/cgi-bin/living/get_watch_stat?access_token=${token}`, { method: 'POST', body: JSON.stringify({ livingid, ...(next_key ? { next_key } : {}) }) });
    // Error hints are random digits, on both servers alike.
    out.push(res.text.replace(/hint: \[\d+\]/, 'hint: [...]'));
    if (res.body.errcode !== 0 || res.body.ending === 1) break;
    next_key = res.body.next_key as string;
  }
  return out;
}

for (const backend of STORES) describe(backend.name, () => {
  let original: TestServer;
  let loaded: TestServer;
  let admin: LivestatAdmin;
  let tokens: string[];
  let created: string;
  let aired: string;
  beforeAll(async () => {
    original = await startTestServer(backend, world(), { adminKey: ADMIN_KEY });
    loaded = await startTestServer(backend, { corps: [] }, { adminKey: ADMIN_KEY });
    admin = new LivestatAdmin({ baseUrl: original.url, adminKey: ADMIN_KEY });
    tokens = [await getToken(original.url, CORP, SECRETS.selfBuilt), await getToken(original.url, CORP, SECRETS.agency), THIRD_PARTY_TOKEN, await getToken(original.url, OTHER_CORP, SECRETS.other)];
    // A live made, reminded and cancelled through the API; activity with a session still open.
    const make = await call(`${original.url}/cgi-bin/living/create?access_token=${tokens[0]}`, { method: 'POST', body: JSON.stringify({ anchor_userid: 'zhangsan', theme: 'made', living_start: 1764230400, living_duration: 600, remind_time: 300 }) });
    created = make.body.livingid as string;
    expect((await call(`${original.url}/cgi-bin/living/cancel?access_token=${tokens[0]}`, { method: 'POST', body: JSON.stringify({ livingid: created }) })).body.errcode).toBe(0);
    // A live the anchor took on air: its status comes from that signal, which the snapshot must carry.
    const onAir = await call(`${original.url}/cgi-bin/living/create?access_token=${tokens[0]}`, { method: 'POST', body: JSON.stringify({ anchor_userid: 'zhangsan', theme: 'aired', living_start: Math.floor(TEST_NOW / 1000) + 3600, living_duration: 600 }) });
    aired = onAir.body.livingid as string;
    const at = TEST_NOW - 120_000;
    const events = [
      { id: 'e1', livingid: LIVE, at, kind: 'enter', viewer: { userid: 'openviewer' } },
      { id: 'e2', livingid: LIVE, at: at + 30_000, kind: 'heartbeat', viewer: { userid: 'openviewer' } },
      { id: 'e3', livingid: LIVE, at, kind: 'enter', viewer: { external_userid: 'wmSnapshotExternal00000000000001', type: 2, name: '访客' }, invitor: { userid: 'lisi' } },
      { id: 'e4', livingid: LIVE, at: at + 5000, kind: 'comment', viewer: { external_userid: 'wmSnapshotExternal00000000000001', type: 2, name: '访客' } },
      { id: 'e5', livingid: LIVE, at: at + 9000, kind: 'leave', viewer: { external_userid: 'wmSnapshotExternal00000000000001', type: 2, name: '访客' } },
      { id: 'e6', livingid: BIG_LIVE, at, kind: 'enter', viewer: { userid: 'm000001' } },
      { id: 'a1', livingid: aired, at, kind: 'anchor_on_air', anchor: { userid: 'zhangsan' } },
    ];
    const ingest = await call(`${original.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${INGEST_KEY}` }, body: JSON.stringify({ events }) });
    expect(ingest.body).toMatchObject({ accepted: events.length, rejected: [] });
  });
  afterAll(async () => {
    await original.close();
    await loaded.close();
  });

  it('loads back into a fresh server as the same world: same pages, same next_keys, same snapshot', async () => {
    const snapshot = await admin.state();
    expect(validateScenario(snapshot).ok).toBe(true);
    const reply = await new LivestatAdmin({ baseUrl: loaded.url, adminKey: ADMIN_KEY }).loadScenario(snapshot);
    expect(reply.changed).toBe(true);
    // Loading the same snapshot again changes nothing.
    expect((await new LivestatAdmin({ baseUrl: loaded.url, adminKey: ADMIN_KEY }).loadScenario(snapshot)).changed).toBe(false);
    const lives = [LIVE, BIG_LIVE, OTHER_LIVE, created, 'lvd9BGagAAagencyLive000000000000'];
    for (const token of tokens) {
      for (const livingid of lives) {
        const before = await pages(original.url, token, livingid);
        expect(await pages(loaded.url, token, livingid)).toEqual(before);
      }
    }
    // BIG_LIVE has 1,500 viewers: fifteen pages, each with its next_key, compared above.
    expect((await pages(original.url, tokens[0]!, BIG_LIVE)).length).toBeGreaterThan(10);
    // The open session keeps counting on both, by the clock.
    original.clock.advance(45_000);
    loaded.clock.advance(45_000);
    expect(await pages(loaded.url, tokens[0]!, LIVE)).toEqual(await pages(original.url, tokens[0]!, LIVE));
    expect(await new LivestatAdmin({ baseUrl: loaded.url, adminKey: ADMIN_KEY }).state()).toEqual(await admin.state());
    // (Last: it renews the token, a change of the world.) A repeat gettoken on the loaded world re-derives the same token from the secret and the carried nonce.
    expect(await getToken(loaded.url, CORP, SECRETS.selfBuilt)).toBe(tokens[0]);
    // get_living_info of the cancelled live agrees too.
    const info = (base: string, livingid: string) => call(`${base}/cgi-bin/living/get_living_info?access_token=${tokens[0]}&livingid=${livingid}`);
    for (const livingid of [created, aired, LIVE]) expect((await info(loaded.url, livingid)).text).toBe((await info(original.url, livingid)).text);
    // On air an hour before its scheduled start, by the anchor's event alone; replay off where the scenario said so.
    expect((await info(loaded.url, aired)).body.living_info).toMatchObject({ status: 1 });
    expect((await info(loaded.url, LIVE)).body.living_info).toMatchObject({ open_replay: 0 });
    expect(snapshot.suites?.[0]?.trusted_ips).toEqual(['127.0.0.0/8']);
  });

  it('holds credentials only as hashes: no secret, ticket, code, token or ingest key in plaintext', async () => {
    const text = JSON.stringify(await admin.state());
    const plaintexts = [...Object.values(SECRETS), THIRD_PARTY_TOKEN, INGEST_KEY, SUITE.suite_secret, SUITE.suite_ticket, SUITE.permanent_code, ...tokens, ADMIN_KEY];
    for (const p of plaintexts) expect(text.includes(p), `snapshot contains ${p.slice(0, 12)}…`).toBe(false);
    expect(text).toContain('"secret_hash":"sha256$');
  });

  it('?corpid= gives one corp without suites; 404 for a corp that does not exist', async () => {
    const one = await admin.state(OTHER_CORP);
    expect(one.corps.map((c) => c.corpid)).toEqual([OTHER_CORP]);
    expect(one.suites).toBeUndefined();
    const e = (await admin.state('wwnosuchcorp00000').catch((x: unknown) => x)) as LivestatAdminError;
    expect(e).toBeInstanceOf(LivestatAdminError);
    expect(e.status).toBe(404);
    expect((await call(`${original.url}/livestat/admin/state`)).status).toBe(401);
  });

  it('refuses a document that gives a secret both ways', () => {
    const bad = world();
    bad.corps[0]!.apps[0]!.secret_hash = 'sha256$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const checked = validateScenario(bad);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors).toContain('/corps/0/apps/0: give secret or secret_hash, not both');
  });
});
