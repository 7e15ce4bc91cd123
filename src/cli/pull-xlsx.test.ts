import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES } from '../../test/support/hostile-names.js';
import { CORP, SECRETS, baseScenario, BIG_LIVE } from '../../test/support/scenarios.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
// The CLI's output does not depend on the store: these run on SQLite (the HTTP suites cover both).
import { SQLITE } from '../../test/support/stores.js';
import { readSheets, sheetXml } from '../../test/support/xlsx-read.js';
import type { Scenario } from '../scenario/scenario-schema.js';
import { makeIo } from '../../test/support/pull-run.js';
import { runPull } from './pull.js';

const HOSTILE_LIVE = 'lvHostileNames000000000000000000';

function scenario(): Scenario {
  const s = baseScenario();
  const corp = s.corps[0];
  corp?.livings?.push({
    livingid: HOSTILE_LIVE,
    creator_agentid: 1000002,
    anchor_userid: 'zhangsan',
    theme: 'names',
    living_start: 1764230400 - 86_400,
    living_duration: 3600,
    viewers: [
      { userid: '-2-3', watch_time: 3725, is_comment: 1, is_mic: 0, invitor_userid: '@SUM' },
      ...HOSTILE_NAMES.map((name, i) => ({ external_userid: `wm-hostile${String(i).padStart(2, "0")}`, type: 1 as const, name, watch_time: i, is_comment: 0 as const, is_mic: 0 as const })),
    ],
  });
  return s;
}

let server: TestServer;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  server = await startTestServer(SQLITE, scenario());
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await server.close();
  await remove();
});

async function pullXlsx(livingid: string, extra: { lang?: string } = {}): Promise<{ code: number; stderr: string; out: string }> {
  const io = makeIo();
  const out = join(dir, `${livingid}.xlsx`);
  const code = await runPull({ livingid, corpid: CORP, secret: SECRETS.selfBuilt, baseUrl: server.url, tokenDir: join(dir, 'tokens'), format: 'xlsx', out, ...extra }, io);
  return { code, stderr: io.stderr.text, out };
}

describe('livestat pull --format xlsx', () => {
  it('writes every viewer of a live into one sheet that another library reads back', async () => {
    const run = await pullXlsx(BIG_LIVE);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('viewers: 1500 (250 members, 1250 external)');
    const rows = (await readSheets(run.out)).get('viewers') ?? [];
    expect(rows[0]).toEqual(['kind', 'id', 'external type', 'name', 'watch time (s)', 'watch time', 'commented', 'mic', 'inviter (member)', 'inviter (external)']);
    expect(rows).toHaveLength(1501);
    expect(rows.slice(1).filter((r) => r[0] === 'member')).toHaveLength(250);
    const [xml = ''] = await sheetXml(run.out);
    expect(xml).toContain('<pane ySplit="1"');
    expect(xml).toMatch(/<col min="2" max="2" width="34/);
  });

  it('keeps hostile names and ids as the same text, in string cells, never formulas', async () => {
    const run = await pullXlsx(HOSTILE_LIVE);
    expect(run.code, run.stderr).toBe(0);
    const rows = (await readSheets(run.out)).get('viewers') ?? [];
    expect(rows[1]?.slice(0, 2)).toEqual(['member', '-2-3']);
    expect(rows[1]?.[4]).toBe(3725);
    expect(rows[1]?.[8]).toBe('@SUM');
    expect(rows.slice(2).map((r) => r[3])).toEqual([...HOSTILE_NAMES]);
    const [xml = ''] = await sheetXml(run.out);
    expect(xml).not.toMatch(/<f[ >]/);
    // The h:mm:ss column holds a duration (a fraction of a day) under an [h]:mm:ss format.
    expect(xml).toMatch(new RegExp(`<c r="F2" s="\\d+"><v>${3725 / 86400}`));
  });

  it('writes Chinese headers with --lang zh', async () => {
    const run = await pullXlsx(HOSTILE_LIVE, { lang: 'zh' });
    expect(run.code).toBe(0);
    expect((await readSheets(run.out)).get('viewers')?.[0]?.slice(0, 6)).toEqual(['类型', '用户ID', '外部用户类型', '昵称', '观看时长(秒)', '观看时长']);
  });

  it.each([
    [{ out: undefined }, /--format xlsx needs --out/],
    [{ resume: true }, /--resume applies to csv, json and ndjson/],
    [{ lang: 'fr' }, /unknown --lang "fr"/],
  ])('exits 2 on bad usage %#', async (opts, message) => {
    const io = makeIo();
    const base = { livingid: BIG_LIVE, corpid: CORP, secret: SECRETS.selfBuilt, baseUrl: server.url, tokenDir: dir, format: 'xlsx', out: join(dir, 'x.xlsx') };
    const merged = Object.fromEntries(Object.entries({ ...base, ...opts }).filter(([, v]) => v !== undefined));
    expect(await runPull(merged, io)).toBe(2);
    expect(io.stderr.text).toMatch(message);
  });
});
