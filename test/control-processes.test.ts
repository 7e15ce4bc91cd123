import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { type RunningServer, startCliServer } from './support/cli.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { CORP, EXPIRING_TOKEN, LIVE, SECRETS, baseScenario } from './support/scenarios.js';
import { STORES, type TestDatabase } from './support/stores.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken, watchStat } from './support/test-server.js';

// Two `livestat serve` processes on one database: the control API acts on the whole service,
// whichever process gets the call.
for (const backend of STORES) describe(backend.name, () => {
  let dir: string;
  let remove: () => Promise<void>;
  let database: TestDatabase;
  let a: RunningServer;
  let b: RunningServer;
  let adminA: LivestatAdmin;
  let adminB: LivestatAdmin;
  beforeAll(async () => {
    ({ dir, remove } = await tempDir());
    const file = join(dir, 'world.json');
    await writeFile(file, JSON.stringify(baseScenario()));
    database = await backend.create();
    const args = [...database.cliArgs, '--scenario', file, '--admin-key', ADMIN_KEY];
    a = await startCliServer(args);
    b = await startCliServer(args);
    adminA = new LivestatAdmin({ baseUrl: a.url, adminKey: ADMIN_KEY });
    adminB = new LivestatAdmin({ baseUrl: b.url, adminKey: ADMIN_KEY });
    // Each notices the other (the newcomer announces itself; the first answers).
    await vi.waitFor(async () => expect((await adminA.ready()).shared_control && (await adminB.ready()).shared_control).toBe(true), { timeout: 10_000, interval: 50 });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await database.remove();
    await remove();
  });

  it('a clock set on one process is the clock of the other', async () => {
    await adminA.setClock('2025-11-27T07:00:00Z', true);
    expect(await adminB.clock()).toEqual({ now: Date.UTC(2025, 10, 27, 7) / 1000, frozen: true });
    // Before its expiry by the shared clock the token passes (and meets the live check: 92008, not its app's live).
    expect((await watchStat(b.url, EXPIRING_TOKEN, { livingid: 'lvd9BGagAAemptyLive0000000000000' })).body.errcode).toBe(92008);
    await adminA.advanceClock(7200);
    // Expired by the clock the other process was given: 40014, the default (as WeCom answers since 2024).
    expect((await watchStat(b.url, EXPIRING_TOKEN, { livingid: 'lvd9BGagAAemptyLive0000000000000' })).body.errcode).toBe(40014);
    await adminB.corpClock(CORP).set('2025-11-27T06:00:00Z');
    expect((await adminA.corpClock(CORP).get()).frozen).toBe(true);
  });

  it('a fault added on one process hits calls on the other, and its times count across both', async () => {
    await adminA.setClock('2025-11-27T08:00:00Z', true);
    await adminB.corpClock(CORP).forget();
    const token = await getToken(a.url, CORP, SECRETS.selfBuilt);
    const fault = await adminA.addFault({ api: 'get_watch_stat', errcode: -1, times: 2 });
    expect((await adminB.faults()).map((f) => f.id)).toContain(fault.id);
    expect((await watchStat(b.url, token, { livingid: LIVE })).body.errcode).toBe(-1);
    expect((await watchStat(a.url, token, { livingid: LIVE })).body.errcode).toBe(-1);
    expect((await watchStat(b.url, token, { livingid: LIVE })).body.errcode).toBe(0);
    expect(await adminA.faults()).toEqual([]);
  });

  it('the journal lists the calls of both processes, in one order', async () => {
    await adminB.clearRequests();
    const token = await getToken(a.url, CORP, SECRETS.selfBuilt);
    await watchStat(b.url, token, { livingid: LIVE });
    await watchStat(a.url, token, { livingid: LIVE });
    // Each call is in the shared journal before its reply leaves, whichever process served it.
    expect((await adminB.requests()).map((r) => r.api)).toEqual(['gettoken', 'get_watch_stat', 'get_watch_stat']);
    const seqs = (await adminA.requests()).map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(await adminA.countRequests({ api: 'get_watch_stat' })).toBe(2);
  });

  it('a reset on one process resets the controls of both', async () => {
    await adminA.addFault({ api: 'gettoken', errcode: -1 });
    await adminA.corpClock(CORP).set('2025-11-27T06:00:00Z', true);
    await adminB.reset();
    expect(await adminA.faults()).toEqual([]);
    expect(await adminA.requests()).toEqual([]);
    expect((await adminA.corpClock(CORP).get()).now).toBe(Date.UTC(2025, 10, 27, 8) / 1000);
    expect((await call(`${a.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRETS.selfBuilt}`)).body.errcode).toBe(0);
  });
});
