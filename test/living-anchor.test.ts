import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { ADMIN_KEY, admin } from './support/dashboard.js';
import { createLiving, ingest, ingestReply, livingInfo, livingScenario, post } from './support/living-scenario.js';
import { CORP, LIVE, SECRETS } from './support/scenarios.js';
import { getToken, startTestServer, TEST_NOW, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';

const DELETE_REPLAY = '/cgi-bin/living/delete_replay_data';
/** A scenario live whose replay is switched off, long over, with viewers. */
const NO_REPLAY = 'lvd9BGagAAnoReplayLive0000000000';

function scenario() {
  const s = livingScenario();
  s.corps[0]!.livings!.push({
    livingid: NO_REPLAY,
    creator_agentid: 1000002,
    anchor_userid: 'zhangsan',
    theme: 'no replay',
    living_start: 1764000000,
    living_duration: 600,
    open_replay: 0,
    viewers: [{ userid: 'lisi', watch_time: 60, is_comment: 0, is_mic: 0 }],
  });
  return s;
}

for (const backend of STORES) describe(backend.name, () => {
  let server: TestServer;
  let token: string;
  let n = 0;
  beforeAll(async () => {
    server = await startTestServer(backend, scenario(), { adminKey: ADMIN_KEY });
    token = await getToken(server.url, CORP, SECRETS.selfBuilt);
  });
  afterAll(() => server.close());
  afterEach(() => server.clock.set(TEST_NOW));

  const info = async (livingid: string) => (await livingInfo(server, token, livingid)).body.living_info as Record<string, unknown>;
  const dashboardStatus = async (livingid: string) => {
    const list = (await admin(server.url, `/corps/${CORP}/livings`)).body as { livings: { livingid: string; status: number }[] };
    const detail = (await admin(server.url, `/corps/${CORP}/livings/${livingid}`)).body as { living: { status: number } };
    const listed = list.livings.find((l) => l.livingid === livingid)!.status;
    expect(detail.living.status).toBe(listed);
    return listed;
  };
  /** The status as get_living_info and the dashboard (list and page) give it; they must agree. */
  const status = async (livingid: string) => {
    const api = (await info(livingid)).status as number;
    expect(await dashboardStatus(livingid)).toBe(api);
    return api;
  };
  const air = (livingid: string, kind: 'anchor_on_air' | 'anchor_off_air', at: number, userid = 'zhangsan') => ({ id: `air-${++n}`, livingid, at, kind, anchor: { userid } });

  it('on air before the schedule and with nobody watching: live; off air: ended with a replay, whatever the schedule', async () => {
    const t0 = server.clock.now();
    const livingid = await createLiving(server, token, { living_start: t0 / 1000 + 3600, living_duration: 1800 });
    expect(await status(livingid)).toBe(0);
    await ingest(server, [air(livingid, 'anchor_on_air', t0)]);
    expect(await status(livingid)).toBe(1);
    expect(await info(livingid)).not.toHaveProperty('replay_status');
    // Past the scheduled end (t0 + 5400 s), still on air: the anchor's signal wins over the schedule.
    server.clock.advance(6000_000);
    expect(await status(livingid)).toBe(1);
    expect((await post(server, DELETE_REPLAY, token, { livingid })).body.errcode).toBe(92007);
    await ingest(server, [air(livingid, 'anchor_off_air', server.clock.now() - 1000)]);
    expect(await status(livingid)).toBe(2);
    expect(await info(livingid)).toMatchObject({ status: 2, open_replay: 1, replay_status: 0 });
    expect((await post(server, DELETE_REPLAY, token, { livingid })).body.errcode).toBe(0);
  });

  it('an off-air that arrives before its on-air gives the same story; an event in the future counts from its time', async () => {
    const t0 = server.clock.now();
    const livingid = await createLiving(server, token, { living_start: t0 / 1000 - 60, living_duration: 3600 });
    await ingest(server, [air(livingid, 'anchor_off_air', t0 + 60_000)]);
    // An off-air alone says nothing yet: the viewer rule (nobody watched, so reserved) stands.
    expect(await status(livingid)).toBe(0);
    await ingest(server, [air(livingid, 'anchor_on_air', t0 - 30_000)]);
    expect(await status(livingid)).toBe(1);
    server.clock.advance(60_000);
    expect(await status(livingid)).toBe(2);
  });

  it('rejects an anchor event of another member, of no such live or malformed; a resent one is a duplicate', async () => {
    const t0 = server.clock.now();
    const livingid = await createLiving(server, token);
    const on = air(livingid, 'anchor_on_air', t0);
    const { body } = await ingestReply(server, [
      on,
      air(livingid, 'anchor_on_air', t0, 'lisi'),
      air('lvNoSuchLive00000000000000000000', 'anchor_off_air', t0),
      { ...air(livingid, 'anchor_off_air', t0), viewer: { userid: 'zhangsan' } },
      { id: 'x', livingid, at: t0, kind: 'anchor_on_air' },
      on,
    ]);
    expect(body).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [
        { index: 1, reason: 'events[1].anchor.userid: not the anchor of this live' },
        { index: 2, reason: 'events[2].livingid: no such live in this corp' },
        { index: 3, reason: 'events[3] has unknown field "viewer"' },
        { index: 4, reason: 'events[4].anchor missing' },
      ],
    });
    expect((await ingestReply(server, [on])).body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await status(livingid)).toBe(1);
  });

  it('a live without anchor events keeps the viewer-based rule', async () => {
    // The scenario's LIVE (viewers, inside its schedule at TEST_NOW) is live by its viewers alone.
    expect(server.clock.now()).toBe(TEST_NOW);
    expect(await status(LIVE)).toBe(1);
  });

  it("open_replay is the live's setting: a scenario can turn it off, and then an ended live has no replay", async () => {
    expect(await status(NO_REPLAY)).toBe(2);
    const off = await info(NO_REPLAY);
    expect(off.open_replay).toBe(0);
    expect(off).not.toHaveProperty('replay_status');
    expect((await post(server, DELETE_REPLAY, token, { livingid: NO_REPLAY })).body.errcode).toBe(92007);
    // Reloading the scenario with the setting on changes it back; the default is on.
    const control = new LivestatAdmin({ baseUrl: server.url, adminKey: ADMIN_KEY });
    const on = scenario();
    delete on.corps[0]!.livings!.at(-1)!.open_replay;
    expect((await control.loadScenario(on)).changed).toBe(true);
    expect(await info(NO_REPLAY)).toMatchObject({ status: 2, open_replay: 1, replay_status: 0 });
    expect((await control.loadScenario(on)).changed).toBe(false);
  });
});
