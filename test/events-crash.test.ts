import { watch } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceEventBatches } from '../src/domain/audience/audience-events.js';
import { expectedStats } from '../src/domain/audience/expected-stats.js';
import type { IngestEvent } from '../src/protocol/events.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { type RunningServer, cliArgs, startCliServer } from './support/cli.js';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { syntheticRows } from '../src/scenario/synthetic-rows.js';
import { loadScenario } from '../src/scenario/scenario-load.js';
import { validateScenario } from '../src/scenario/scenario-validate.js';
import { openStore } from '../src/store/open-store.js';
import { pullAll } from './support/pull-all.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken } from './support/test-server.js';
import { sqliteOnly } from './support/stores.js';

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

// Why SQLite only: see SQLITE_ONLY in support/stores.ts (printed when PostgreSQL is there too).
for (const backend of sqliteOnly('events-crash')) describe(backend.name, () => {
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

  const BIG_LIVE = 'lvCrashLoadLive00000000000000000';
  const bigScenario: Scenario = {
    corps: [
      {
        corpid: CORP,
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          {
            livingid: BIG_LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'load', living_start: START_S, living_duration: 3600,
            synthetic_viewers: { members: 50_000, external: 150_000, seed: 4 },
            simulated_audience: { viewers: 300, seed: 4 },
          },
        ],
      },
    ],
  };

  /** What the viewer table holds, summed: equal sums after equal loads. */
  function fingerprint(path: string): unknown {
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      return {
        viewers: db.prepare('SELECT count(*) AS n, sum(watch_time) AS w, sum(is_comment) AS c, sum(is_mic) AS m, count(DISTINCT kind || viewer_id) AS d FROM viewer_stats').get(),
        events: db.prepare('SELECT count(*) FROM events').pluck().get(),
      };
    } finally {
      db.close();
    }
  }

  describe('scenario loading survives SIGKILL', () => {
    let dir: string;
    let remove: () => Promise<void>;
    beforeAll(async () => ({ dir, remove } = await tempDir()));
    afterAll(() => remove());

    it('completes idempotently after kills at several points of a 200,000-viewer load', async () => {
      const file = join(dir, 'big.json');
      await writeFile(file, JSON.stringify(bigScenario));
      const db = join(dir, 'big.db');
      const args = ['serve', '--port', '0', '--db', db, '--scenario', file, '--log-level', 'warn'];
      // Kill on the n-th write to the WAL: early, mid-way and late in the load.
      let duringLoad = 0;
      for (const writes of [1, 3, 8]) {
        const child = spawn(process.execPath, cliArgs(args), { stdio: ['ignore', 'pipe', 'pipe'] });
        let seen = 0;
        const watcher = watch(dir, (_event, name) => {
          if (name === 'big.db-wal' && ++seen === writes) child.kill('SIGKILL');
        });
        child.stdout.on('data', (d: Buffer) => {
          // Loaded before the n-th write: kill it anyway; the next start must still change nothing.
          if (d.toString().includes('listening')) child.kill('SIGKILL');
        });
        // Set by the stdout listener, which the checker cannot see from here.
        let ready = false as boolean;
        child.stdout.on('data', (d: Buffer) => (ready ||= d.toString().includes('listening')));
        await once(child, 'exit');
        watcher.close();
        if (!ready) duringLoad++;
      }
      expect(duringLoad).toBeGreaterThanOrEqual(2);
      const server = await startCliServer(['--db', db, '--scenario', file, '--log-level', 'warn']);
      expect(await server.stop()).toBe(0);

      const reference = join(dir, 'reference.db');
      const checked = validateScenario(bigScenario);
      if (!checked.ok) throw new Error(checked.errors.join('; '));
      const store = await openStore({ db: reference });
      await loadScenario(store, checked.scenario, { synthetic: syntheticRows, nowMs: Date.now() });
      await store.close();
      const got = fingerprint(db) as { viewers: { n: number } };
      expect(got.viewers.n).toBeGreaterThan(200_000);
      expect(got).toEqual(fingerprint(reference));

      // A restart with the same scenario changes nothing.
      const again = await startCliServer(['--db', db, '--scenario', file, '--log-level', 'info']);
      expect(await again.stop()).toBe(0);
      expect(again.output()).toMatch(/"changed":false/);
      expect(fingerprint(db)).toEqual(got);
    });
  });
});
