import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { runCli } from './support/cli.js';
import { SQLITE, STORES } from './support/stores.js';
import { getToken, startTestServer, type TestServer, watchStat } from './support/test-server.js';

const CORP = 'wwpruneclicorp0001';
const SECRET = 'prune-cli-secret-0123456789abcdef';
const OLD = 'lvd9BGagAApruneOld00000000000000';
const KEPT = 'lvd9BGagAApruneKept0000000000000';
/** 2025-11-27 08:00 UTC (TEST_NOW): OLD ends an hour later, KEPT starts two days later. */
const START = 1_764_230_400;

function scenario(): Scenario {
  const live = { anchor_userid: 'zhangsan', theme: 'retention', type: 4, living_duration: 3600, creator_agentid: 1000002 };
  return {
    corps: [
      {
        corpid: CORP,
        name: 'Prune',
        grandfathered_system_app: false,
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true, trusted_ips: [] }],
        livings: [
          { ...live, livingid: OLD, living_start: START, viewers: [{ userid: 'lisi', watch_time: 60, is_comment: 0, is_mic: 0 }, { userid: 'wangwu', watch_time: 5, is_comment: 1, is_mic: 0 }] },
          { ...live, livingid: KEPT, living_start: START + 2 * 86_400, viewers: [{ userid: 'zhaoliu', watch_time: 7, is_comment: 0, is_mic: 0 }] },
        ],
      },
    ],
  };
}

// The CLI against the database a real server is serving, on every backend; the server keeps
// running and sees the prune like any other process's commit.
for (const backend of STORES) {
  describe(`livestat prune (${backend.name})`, () => {
    let server: TestServer;
    beforeEach(async () => (server = await startTestServer(backend, scenario())));
    afterEach(() => server.close());

    const users = async (token: string, livingid: string) => {
      const { body } = await watchStat(server.url, token, { livingid });
      return body;
    };

    it('a dry run reports and keeps; the real run removes the ended live, and the server then answers 92008 for it', async () => {
      const token = await getToken(server.url, CORP, SECRET);
      expect((await users(token, OLD)).errcode).toBe(0);
      // 2025-11-28 is midnight UTC+8: after OLD ended (09:00 UTC), before KEPT starts. The token
      // gettoken just issued (server clock TEST_NOW, two hours) had expired by then.
      const args = ['prune', '--ended-before', '2025-11-28', ...server.database.cliArgs];
      const dry = await runCli([...args, '--dry-run']);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      const table = ['  lives                  1', '  viewer rows            2', '  events                 0', '  access tokens          1', '  suite tokens           0', '  total                  4', `  - ${OLD}`].join('\n');
      expect(dry.stdout).toMatch(/^would remove \(dry run, nothing removed\) from .* lives that ended before 2025-11-27T16:00:00\.000Z, and tokens expired by then\n/);
      expect(dry.stdout.split('\n').slice(1).join('\n')).toBe(`${table}\n`);
      expect(await users(token, OLD)).toMatchObject({ errcode: 0, stat_info: { users: [{ userid: 'lisi' }, { userid: 'wangwu' }] } });

      const real = await runCli(args);
      expect(real.stderr).toBe('');
      expect(real.code).toBe(0);
      expect(real.stdout).toMatch(/^removed from .* lives that ended before 2025-11-27T16:00:00\.000Z/);
      expect(real.stdout.split('\n').slice(1).join('\n')).toBe(`${table}\n`);

      // The old token went with the prune; a new one reads what is left.
      expect((await users(token, KEPT)).errcode).not.toBe(0);
      const fresh = await getToken(server.url, CORP, SECRET);
      expect(await users(fresh, OLD)).toMatchObject({ errcode: 92008 });
      expect(await users(fresh, KEPT)).toMatchObject({ errcode: 0, stat_info: { users: [{ userid: 'zhaoliu', watch_time: 7 }] } });
      // A second store opened on the same database after the prune agrees.
      const again = await server.database.open();
      try {
        expect(await again.getLiving(CORP, OLD)).toBeUndefined();
        expect(await again.countViewers(CORP, KEPT)).toBe(1);
      } finally {
        await again.close();
      }
      // No live left to prune (the fresh token, issued on the server's clock, has expired by then too).
      const last = (await runCli(args)).stdout;
      expect(last).toMatch(/^ {2}lives {18}0$/m);
      expect(last).not.toContain(OLD);
    });

    it('exits 2 with one line on a bad date, and removes nothing', async () => {
      const bad = await runCli(['prune', '--ended-before', '2025-02-30', ...server.database.cliArgs]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toBe('livestat: --ended-before must be a date (2026-06-01, UTC+8) or a time with its offset (2026-06-01T00:00:00Z), got "2025-02-30"\n');
      const missing = await runCli(['prune', ...server.database.cliArgs]);
      expect(missing.code).toBe(2);
      const token = await getToken(server.url, CORP, SECRET);
      expect((await users(token, OLD)).errcode).toBe(0);
    });
  });
}

// The README's retention commands, run as printed (the path swapped for a test database).
describe('README: livestat prune', () => {
  let server: TestServer;
  beforeEach(async () => (server = await startTestServer(SQLITE, scenario())));
  afterEach(() => server.close());

  it('the dry run and the real run of the README work', async () => {
    const readme = await readFile(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    const lines = [...readme.matchAll(/^npx livestat (prune [^#\n]*?)\s*(#.*)?$/gm)].map((m) => m[1]!.split(/\s+/));
    expect(lines.length).toBe(2);
    const outputs: string[] = [];
    for (const words of lines) {
      const args = words.map((w) => (w === '/data/livestat.db' ? server.database.cliArgs[1]! : w));
      const run = await runCli(args);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      outputs.push(run.stdout);
    }
    // 2026-06-01 is after both lives: the dry run names them, the real run removes them.
    expect(outputs[0]).toMatch(/^would remove .*\n {2}lives {18}2$/m);
    expect(outputs[1]).toMatch(/^removed .*\n {2}lives {18}2$/m);
    expect(outputs[1]).toContain(`  - ${KEPT}`);
  });
});
