import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceEventBatches } from '../src/domain/audience/audience-events.js';
import { expectedStats } from '../src/domain/audience/expected-stats.js';
import type { IngestEvent } from '../src/protocol/events.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { type RunningServer, startCliServer } from './support/cli.js';
import { pullAll } from './support/pull-all.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';

const CORP = 'wwcra5hc0rp0000001';
const SECRET = 'crash-test-secret-0123456789abcdef';
const KEY = 'crash-test-ingest-key-0123456789abcdef';
const LIVE = 'lvCrashTestLive00000000000000000';
const START_S = 1764000000;

const scenario: Scenario = {
  corps: [
    {
      corpid: CORP,
      ingest_keys: [KEY],
      apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
      livings: [{ livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'crash', living_start: START_S, living_duration: 1800 }],
    },
  ],
};

const send = (server: RunningServer, events: readonly IngestEvent[]) =>
  call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ events }) });

describe('ingest survives SIGKILL', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('reflects every acknowledged event exactly once after each restart', async () => {
    const file = join(dir, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    const db = join(dir, 'crash.db');
    const args = ['--db', db, '--scenario', file, '--log-level', 'warn'];
    const batches = [...audienceEventBatches({ livingid: LIVE, viewers: 150, startMs: START_S * 1000, durationMs: 1_800_000, seed: 9 }, 250)];
    expect(batches.length).toBeGreaterThan(12);

    let server = await startCliServer(args);
    const acked: number[] = [];
    let next = 0;
    for (let round = 0; round < 3; round++) {
      // Acknowledge a few batches, then kill the server while the next one is in flight.
      for (let k = 0; k < 3 && next < batches.length - 1; k++, next++) {
        const reply = await send(server, batches[next]!);
        expect(reply.body.rejected).toEqual([]);
        acked.push(next);
      }
      const inFlight = send(server, batches[next]!).catch(() => undefined);
      server.child.kill('SIGKILL');
      await server.stop();
      await inFlight;
      server = await startCliServer(args);
      // Every acknowledged batch is already there: sending it again finds only duplicates.
      for (const i of acked) expect((await send(server, batches[i]!)).body).toEqual({ accepted: 0, duplicates: batches[i]!.length, rejected: [] });
    }
    // The rest, including the batches that were in flight at each kill.
    for (let i = next; i < batches.length; i++) {
      const { body } = await send(server, batches[i]!);
      expect((body.accepted as number) + (body.duplicates as number)).toBe(batches[i]!.length);
    }
    const token = await getToken(server.url, CORP, SECRET);
    const got = await pullAll(server.url, token, LIVE);
    const live = { startMs: START_S * 1000, endMs: (START_S + 1800) * 1000 };
    expect(got).toEqual(expectedStats(batches.flat(), live, Date.now()));
    expect(await server.stop()).toBe(0);

    const check = new Database(db, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(check.prepare('SELECT count(*) FROM events').pluck().get()).toBe(batches.flat().length);
    check.close();
  });
});
