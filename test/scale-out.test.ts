import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceEvents, expectedStats } from '../src/domain/audience/index.js';
import type { IngestEvent } from '../src/protocol/events.js';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { type RunningServer, runCli, startCliServer } from './support/cli.js';
import { expectedViewers } from './support/expected-viewers.js';
import { createTestDatabase } from './support/postgres.js';
import { pullAll } from './support/pull-all.js';
import { tempDir } from './support/temp-dir.js';
import { call, getToken, watchStat } from './support/test-server.js';

const CORP = 'wwsca1e0ut0c0rp001';
const RATE_CORP = 'wwsca1e0ut0c0rp002';
const SECRET = 'scale-out-secret-0123456789abcdef';
const RATE_SECRET = 'scale-out-rate-secret-0123456789abc';
const KEY = 'scale-out-ingest-key-0123456789abcdef';
const BIG = 'lvScaleOutBigLive000000000000000';
const EVENTS_LIVE = 'lvScaleOutEventsLive000000000000';
const RATE_LIVE = 'lvScaleOutRateLive00000000000000';
const START_S = 1_764_000_000; // long over: statistics no longer depend on the clock
const DURATION_S = 3600;

function scenario(): Scenario {
  const base = { anchor_userid: 'anchor', theme: 'scale-out', type: 4, living_start: START_S, living_duration: DURATION_S, creator_agentid: 1000002 };
  return {
    corps: [
      {
        corpid: CORP,
        ingest_keys: [KEY],
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          { ...base, livingid: BIG, synthetic_viewers: { members: 1200, external: 2800, seed: 5 } },
          { ...base, livingid: EVENTS_LIVE },
        ],
      },
      {
        corpid: RATE_CORP,
        apps: [{ agentid: 1000002, kind: 'self_built', secret: RATE_SECRET, living_api: true }],
        livings: [{ ...base, livingid: RATE_LIVE, viewers: [{ userid: 'one', watch_time: 1, is_comment: 0, is_mic: 0 }] }],
      },
    ],
  };
}

const sendEvents = (base: string, events: readonly IngestEvent[]) =>
  call(`${base}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });

// globalSetup starts the run's PostgreSQL cluster, or prints why it could not (then this skips).
describe.skipIf(process.env.LIVESTAT_TEST_DATABASE_URL === undefined)('scale-out: two livestat processes on one PostgreSQL', () => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  let remove: () => Promise<void>;
  let file: string;
  let a: RunningServer;
  let b: RunningServer;
  const started: RunningServer[] = [];
  const serve = async (...extra: string[]) => {
    const server = await startCliServer(['--database-url', url, '--scenario', file, '--log-level', 'warn', ...extra]);
    started.push(server);
    return server;
  };

  beforeAll(async () => {
    ({ url, drop } = (await createTestDatabase())!);
    ({ dir, remove } = await tempDir());
    file = join(dir, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario()));
    // Both start at once on an empty database: migrations and scenario loading race.
    [a, b] = await Promise.all([serve(), serve()]);
  });
  afterAll(async () => {
    for (const s of started) await s.stop();
    await drop();
    await remove();
  });

  it('says which database it uses, with the password hidden', () => {
    expect(a.output()).toContain('(PostgreSQL)');
  });

  it('(a) accepts at one process a token issued by the other', async () => {
    const token = await getToken(a.url, CORP, SECRET);
    const { body } = await watchStat(b.url, token, { livingid: BIG, next_key: '0' });
    expect(body.errcode).toBe(0);
    // And the other process hands out the same token while it is valid.
    expect(await getToken(b.url, CORP, SECRET)).toBe(token);
  });

  it('(b) returns each viewer exactly once when pages alternate between the processes', async () => {
    const token = await getToken(a.url, CORP, SECRET);
    const ids: string[] = [];
    let nextKey = '';
    for (let page = 0; ; page++) {
      const { body } = await watchStat(page % 2 ? b.url : a.url, token, { livingid: BIG, next_key: nextKey });
      expect(body.errcode).toBe(0);
      const info = body.stat_info as { users: { userid: string }[]; external_users: { external_userid: string }[] };
      ids.push(...info.users.map((u) => u.userid), ...info.external_users.map((u) => u.external_userid));
      if (body.ending === 1) break;
      nextKey = body.next_key as string;
    }
    const living = scenario().corps[0]!.livings![0]!;
    const expected = expectedViewers(living).map((v) => (v.kind === 'member' ? v.userid : v.external_userid));
    expect(ids.length).toBe(4000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected);
  });

  it('(c) folds events sent half to each process, concurrently, as if sent to one; (e) a retry at the other process is a duplicate', async () => {
    const events = [...audienceEvents({ livingid: EVENTS_LIVE, viewers: 300, startMs: START_S * 1000, durationMs: DURATION_S * 1000, seed: 11 })];
    // Alternate events, so one viewer's events arrive at both processes at the same time.
    const halves = [events.filter((_, i) => i % 2 === 0), events.filter((_, i) => i % 2 === 1)];
    const sendAll = async (base: string, list: IngestEvent[]) => {
      let accepted = 0;
      for (let i = 0; i < list.length; i += 100) {
        const { body } = await sendEvents(base, list.slice(i, i + 100));
        accepted += body.accepted as number;
      }
      return accepted;
    };
    const accepted = await Promise.all([sendAll(a.url, halves[0]!), sendAll(b.url, halves[1]!)]);
    expect(accepted[0] + accepted[1]).toBe(events.length);
    const token = await getToken(a.url, CORP, SECRET);
    const pulled = await pullAll(b.url, token, EVENTS_LIVE);
    const expected = expectedStats(events, { startMs: START_S * 1000, endMs: (START_S + DURATION_S) * 1000 }, Date.now());
    expect(pulled).toEqual(expected);
    // (e): the first event went to A; sent again to B it changes nothing.
    expect((await sendEvents(b.url, [events[0]!])).body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await pullAll(a.url, token, EVENTS_LIVE)).toEqual(expected);
  });

  it('(d) counts the per-corp rate limit over both processes together', async () => {
    const [c, d] = await Promise.all([serve('--rate-limit-per-minute', '10'), serve('--rate-limit-per-minute', '10')]);
    const token = await getToken(c.url, RATE_CORP, RATE_SECRET);
    // Windows are whole minutes: a round that straddles a minute boundary proves nothing,
    // so it is done again (the next round cannot straddle too: it takes well under a minute).
    for (let round = 0; round < 2; round++) {
      const minute = Math.floor(Date.now() / 60_000);
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        for (const server of [c, d]) codes.push((await watchStat(server.url, token, { livingid: RATE_LIVE })).body.errcode as number);
      }
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      if (round === 0) {
        expect(codes.filter((code) => code === 0)).toHaveLength(10);
        expect(codes.filter((code) => code === 45009)).toHaveLength(2);
      } else {
        expect(codes).toContain(45009);
      }
      return;
    }
    throw new Error('two rounds in a row straddled a minute boundary');
  });

  it('livestat migrate reports every migration as applied, and hides the password on errors', async () => {
    const migrated = await runCli(['migrate', '--database-url', url]);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/1 core: already applied/);
    expect(migrated.stdout).not.toMatch(/failed|not run/);
    const refused = await runCli(['migrate', '--database-url', 'postgres://livestat:sup3r-s3cret@127.0.0.1:1/livestat']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('postgres://livestat:***@127.0.0.1:1/livestat');
    expect(refused.stderr).not.toContain('sup3r-s3cret');
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await runCli(['serve', '--port', '0', '--database-url', 'mysql://root:sup3r-s3cret@db/x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toContain('sup3r-s3cret');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
