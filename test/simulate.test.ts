import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { runCli, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

const CORP = 'ww5imu1a7ec0rp0001';
const SECRET = 'simulate-test-secret-0123456789abcdef';
const KEY = 'simulate-test-ingest-key-0123456789abc';
const LIVE = 'lvSimulateTestLive00000000000000';

describe('livestat simulate', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('plays an audience whose expected statistics match get_watch_stat exactly', async () => {
    const scenario: Scenario = {
      corps: [
        {
          corpid: CORP,
          ingest_keys: [KEY],
          apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
          livings: [{ livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'sim', type: 4, living_start: 1764000000, living_duration: 3600 }],
        },
      ],
    };
    const file = join(dir, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    const server = await startCliServer(['--db', join(dir, 'sim.db'), '--scenario', file, '--log-level', 'warn']);
    try {
      const expectedFile = join(dir, 'expected.ndjson');
      const sim = await runCli(['simulate', '--livingid', LIVE, '--viewers', '400', '--speed', '0', '--server', server.url, '--ingest-key', KEY, '--expected-out', expectedFile]);
      expect(sim.stderr).toBe('');
      expect(sim.code).toBe(0);
      expect(sim.stdout).toMatch(/viewers 400 \(members \d+, external \d+\)/);
      const pulled = join(dir, 'pulled.ndjson');
      const pull = await runCli(['pull', '--livingid', LIVE, '--base-url', server.url, '--corpid', CORP, '--secret', SECRET, '--format', 'ndjson', '--out', pulled, '--token-dir', dir]);
      expect(pull.code).toBe(0);
      const expected = await readFile(expectedFile, 'utf8');
      expect(expected.split('\n').length).toBe(401);
      expect(await readFile(pulled, 'utf8')).toBe(expected);
      // Reconnects on a second device, comments, mic takers and inviters all occur.
      expect(expected).toContain('"is_mic":1');
      expect(expected).toContain('"is_comment":1');
      expect(expected).toMatch(/"invitor_(external_)?userid"/);
    } finally {
      await server.stop();
    }
  });

  it("--anchor sends the anchor's on-air and off-air, and the live's status follows them rather than its viewers", async () => {
    // Scheduled for over a year: by its viewers alone the live would still be on (status 1).
    const scenario: Scenario = {
      corps: [
        {
          corpid: CORP,
          ingest_keys: [KEY],
          apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
          livings: [{ livingid: LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'sim', type: 0, living_start: 1764000000, living_duration: 40_000_000 }],
        },
      ],
    };
    const file = join(dir, 'anchor-scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    const server = await startCliServer(['--db', join(dir, 'anchor.db'), '--scenario', file, '--log-level', 'warn']);
    try {
      const sim = await runCli(['simulate', '--livingid', LIVE, '--viewers', '20', '--duration', '600', '--speed', '0', '--anchor', '--server', server.url, '--ingest-key', KEY]);
      expect(sim.stderr).toBe('');
      expect(sim.code).toBe(0);
      const token = ((await (await fetch(`${server.url}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${SECRET}`)).json()) as { access_token: string }).access_token;
      const info = (await (await fetch(`${server.url}/cgi-bin/living/get_living_info?access_token=${token}&livingid=${LIVE}`)).json()) as { living_info: Record<string, unknown> };
      expect(info.living_info).toMatchObject({ status: 2, viewer_num: 20, open_replay: 1, replay_status: 0 });
    } finally {
      await server.stop();
    }
  });

  it('exits 2 without an ingest key', async () => {
    const r = await runCli(['simulate', '--livingid', LIVE, '--viewers', '1'], { LIVESTAT_INGEST_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ingest key/);
  });
});
