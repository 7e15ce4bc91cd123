// One livestat for the whole file: a real server on a free port, on a temporary SQLite file,
// with the demo world (pass `scenario` for your own corps, apps and lives).
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { WeComApiError } from 'livestat';
import { type Livestat, startLivestat } from 'livestat/testing';

let livestat: Livestat;
beforeAll(async () => {
  livestat = await startLivestat();
});
// One server for the whole suite: each test starts from the scenario's world again.
beforeEach(() => livestat.admin.reset());
afterAll(() => livestat.close());

test('pulls every viewer of a live, each once', async () => {
  const client = livestat.client('wwd3m0c0rp00000001', 1000002);
  const ids = new Set<string>();
  for await (const { viewer } of client.living.watchStatViewers('lvd9BGagAAQPefP0y1nikU72QxxpmJVw')) {
    ids.add(viewer.kind === 'member' ? viewer.userid : viewer.external_userid);
  }
  expect(ids.size).toBeGreaterThan(100);
});

test('an app without the live-stream permission gets 48002, as from WeCom', async () => {
  const app = livestat.credentials.find((c) => c.kind === 'self_built' && !c.living_api)!;
  const client = livestat.client(app.corpid, app.agentid);
  const error = await client.living.getWatchStat({ livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WeComApiError);
  expect((error as WeComApiError).errcode).toBe(48002);
});

test('the control API: the request journal shows what the code just called', async () => {
  const client = livestat.client('wwd3m0c0rp00000001', 1000002);
  const before = await livestat.admin.countRequests({ api: 'get_watch_stat', corpid: 'wwd3m0c0rp00000001' });
  await client.living.getWatchStat({ livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' });
  expect(await livestat.admin.countRequests({ api: 'get_watch_stat', corpid: 'wwd3m0c0rp00000001' })).toBe(before + 1);
});
