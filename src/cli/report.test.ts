import { parse } from 'csv-parse/sync';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.js';
import { startTestServer, type TestServer } from '../../test/support/test-server.js';
// The CLI's output does not depend on the store: these run on SQLite (the HTTP suites cover both).
import { SQLITE } from '../../test/support/stores.js';
import { readSheets, sheetXml } from '../../test/support/xlsx-read.js';
import type { Column } from '../export/table.js';
import { openXlsxTables } from '../export/xlsx-tables.js';
import { HOSTILE_INVITER, HOSTILE_VIEWER, LIVE_A, LIVE_B, LIVE_OLD, LIVE_OTHER_ANCHOR, reportFrom, trainingScenario, writeRoster } from '../../test/support/report-run.js';

let server: TestServer;
let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => {
  server = await startTestServer(SQLITE, trainingScenario());
  ({ dir, remove } = await tempDir());
});
afterEach(async () => {
  await server.close();
  await remove();
});

const PERIOD = { userid: ['zhangsan'], since: '2025-11-25', until: '2025-11-26' };

describe('livestat report (xlsx)', () => {
  it("writes one workbook over an anchor's lives in the period, with attendance against a roster", async () => {
    const out = join(dir, 'training.xlsx');
    const run = await reportFrom(server, dir, { ...PERIOD, roster: await writeRoster(dir), minWatch: '30m', out });
    expect(run.stderr).toBe('report: 7 viewer rows written to ' + out + '\n');
    expect(run.code).toBe(0);
    // Only the public API: the live list, each live's details, its viewers.
    expect(new Set(run.calls.map((c) => c.split(' ')[0]))).toEqual(new Set(['gettoken', 'get_user_all_livingid', 'get_living_info', 'get_watch_stat']));
    expect(run.calls.filter((c) => c.startsWith('get_watch_stat')).sort()).toEqual([`get_watch_stat ${LIVE_A}`, `get_watch_stat ${LIVE_B}`]);

    const sheets = await readSheets(out);
    expect([...sheets.keys()]).toEqual(['summary', 'viewers', 'inviters', 'attendance', 'departments']);
    const summary = sheets.get('summary') ?? [];
    expect(summary[0]?.slice(0, 3)).toEqual(['livingid', 'theme', 'anchor']);
    expect(summary.slice(1).map((r) => r.slice(0, 4))).toEqual([
      [LIVE_A, '安全培训', 'zhangsan', '2025-11-25 16:00'],
      [LIVE_B, '安全培训(二)', 'zhangsan', '2025-11-26 16:00'],
    ]);
    // status, viewers, members, external, ..., commenters, mic, top inviters
    const a = summary[1] ?? [];
    expect([a[5], a[6], a[7], a[8], a[11], a[12]]).toEqual(['ended', 5, 2, 3, 2, 1]);
    expect(a[13]).toBe(`${HOSTILE_INVITER} (2); 张三 (1)`);

    const viewers = sheets.get('viewers') ?? [];
    expect(viewers).toHaveLength(8);
    expect(viewers.map((r) => r[5])).toContain(HOSTILE_VIEWER);

    const inviters = sheets.get('inviters') ?? [];
    expect(inviters.slice(1)).toEqual([
      ['external', 'wmInviter000000000000000000001', HOSTILE_INVITER, 2, 1],
      ['member', 'u1', '张三', 1, 1],
    ]);

    const attendance = (sheets.get('attendance') ?? []).slice(1).map((r) => [r[0], r[2], r[3], r[5], r[7]]);
    expect(attendance).toEqual([
      [LIVE_A, 'u1', '张三', 2400, 'attended'],
      [LIVE_A, 'u2', '李四', 600, 'partial'],
      [LIVE_A, 'u3', '王五', 0, 'absent'],
      [LIVE_A, 'u4', '-1+1', 0, 'absent'],
      [LIVE_B, 'u1', '张三', 1800, 'attended'],
      [LIVE_B, 'u2', '李四', 0, 'absent'],
      [LIVE_B, 'u3', '王五', 60, 'partial'],
      [LIVE_B, 'u4', '-1+1', 0, 'absent'],
    ]);
    expect((sheets.get('departments') ?? []).slice(1).map((r) => r.slice(2))).toEqual([
      ['HR', 2, 0, 0, 2],
      ['Sales', 2, 1, 1, 0],
      ['HR', 2, 0, 1, 1],
      ['Sales', 2, 1, 0, 1],
    ]);
    for (const xml of await sheetXml(out)) expect(xml).not.toMatch(/<f[ >]/);
    expect(await readdir(dir)).not.toContain('training.xlsx.report-checkpoint.json');
  });

  it('writes Chinese headers and labels with --lang zh', async () => {
    const out = join(dir, 'zh.xlsx');
    const run = await reportFrom(server, dir, { livingid: [LIVE_B], roster: await writeRoster(dir), lang: 'zh', out });
    expect(run.code).toBe(0);
    const sheets = await readSheets(out);
    expect(sheets.get('summary')?.[0]?.[1]).toBe('直播主题');
    expect(sheets.get('summary')?.[1]?.[5]).toBe('已结束');
    expect(sheets.get('attendance')?.slice(1).map((r) => r[7])).toEqual(['出席', '缺席', '部分观看', '缺席']);
  });
});

describe('livestat report --corp', () => {
  it("covers every live of the roster's anchors, reading an xlsx roster with Chinese headers", async () => {
    const roster = join(dir, 'anchors.xlsx');
    const w = openXlsxTables(roster, 'zh');
    const text = (key: string, zh: string): Column => ({ key, header: { en: key, zh }, kind: 'text', width: 10 });
    const sheet = await w.table({ name: 'roster', columns: [text('userid', '账号'), text('name', '姓名'), text('department', '部门')] });
    for (const row of [['zhangsan', '张三', '讲师'], ['lisi', '李四', '讲师'], ['u4', '赵六', 'HR']]) await sheet.add(row);
    await w.close();
    const out = join(dir, 'corp.json');
    const run = await reportFrom(server, dir, { corp: true, roster, format: 'json', out });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(await readFile(out, 'utf8')) as Record<string, Record<string, unknown>[]>;
    expect(json.summary?.map((r) => r.livingid)).toEqual([LIVE_OLD, LIVE_A, LIVE_OTHER_ANCHOR, LIVE_B]);
    expect(json.attendance?.filter((r) => r.userid === 'u4').map((r) => [r.livingid, r.name, r.attendance])).toEqual([
      [LIVE_OLD, '赵六', 'absent'],
      [LIVE_A, '赵六', 'absent'],
      [LIVE_OTHER_ANCHOR, '赵六', 'attended'],
      [LIVE_B, '赵六', 'absent'],
    ]);
  });
});

describe('livestat report (csv, json)', () => {
  it('writes the same tables as a folder of formula-safe CSVs', async () => {
    const out = join(dir, 'report-csv');
    const run = await reportFrom(server, dir, { ...PERIOD, roster: await writeRoster(dir), format: 'csv', out });
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['attendance.csv', 'departments.csv', 'inviters.csv', 'summary.csv', 'viewers.csv']);
    const viewers = parse<Record<string, string>>(await readFile(join(out, 'viewers.csv'), 'utf8'), { bom: true, columns: true });
    expect(viewers.map((v) => v.name)).toContain(`'${HOSTILE_VIEWER}`);
    expect(viewers.find((v) => v.id === 'u1')?.['watch time']).toBe('0:40:00');
    const inviters = parse<Record<string, string>>(await readFile(join(out, 'inviters.csv'), 'utf8'), { bom: true, columns: true });
    expect(inviters[0]?.name).toBe(`'${HOSTILE_INVITER}`);
    const attendance = parse<Record<string, string>>(await readFile(join(out, 'attendance.csv'), 'utf8'), { bom: true, columns: true });
    expect(attendance.find((r) => r.userid === 'u4')?.name).toBe("'-1+1");
  });

  it('writes one JSON object of tables with exact text and seconds', async () => {
    const out = join(dir, 'report.json');
    const run = await reportFrom(server, dir, { ...PERIOD, format: 'json', out });
    expect(run.code).toBe(0);
    const json = JSON.parse(await readFile(out, 'utf8')) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(json)).toEqual(['summary', 'viewers', 'inviters']);
    expect(json.summary?.map((r) => [r.livingid, r.total_watch, r.median_watch])).toEqual([
      [LIVE_A, 3160, 100],
      [LIVE_B, 1860, 930],
    ]);
    expect(json.viewers?.map((r) => r.name)).toContain(HOSTILE_VIEWER);
  });
});

describe('livestat report pacing and resume', () => {
  it('waits out a 45009 instead of failing', async () => {
    await server.close();
    server = await startTestServer(SQLITE, trainingScenario(), { rateLimits: { corpPerMinute: 2 } });
    const run = await reportFrom(server, dir, { userid: ['zhangsan'], format: 'json', out: join(dir, 'r.json') });
    expect(run.stderr).toContain('WeCom answered 45009 (api freq out of limit); waiting 1m00s');
    expect(run.code).toBe(0);
    expect(run.sleptMs).toBeGreaterThanOrEqual(60_000);
    const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as { summary: unknown[] };
    expect(json.summary).toHaveLength(3);
  });

  it('keeps under its own budget of calls per minute', async () => {
    const run = await reportFrom(server, dir, { userid: ['zhangsan'], format: 'json', out: join(dir, 'r.json'), rateLimit: '1' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('1 calls/min reached; waiting');
    expect(run.stderr).not.toContain('45009');
  });

  it('resumes an interrupted report without fetching again what it saved', async () => {
    await server.close();
    server = await startTestServer(SQLITE, trainingScenario(), { rateLimits: { corpPerMinute: 2 } });
    const out = join(dir, 'resumed.json');
    const first = await reportFrom(server, dir, { userid: ['zhangsan'], format: 'json', out, resume: true }, { sleep: () => Promise.reject(new Error('interrupted')) });
    expect(first.code).toBe(1);
    expect(await readdir(dir)).toContain('resumed.json.report-checkpoint.json');
    const second = await reportFrom(server, dir, { userid: ['zhangsan'], format: 'json', out, resume: true });
    expect(second.code).toBe(0);
    const all = [...first.calls, ...second.calls];
    // Each live's viewers were fetched once across both runs, and the list was not asked again.
    expect(all.filter((c) => c.startsWith('get_watch_stat')).sort()).toEqual([`get_watch_stat ${LIVE_A}`, `get_watch_stat ${LIVE_B}`, `get_watch_stat ${LIVE_OLD}`].sort());
    expect(second.calls.filter((c) => c.startsWith('get_user_all_livingid'))).toEqual([]);
    const resumed = await readFile(out, 'utf8');
    const fresh = join(dir, 'fresh.json');
    expect((await reportFrom(server, dir, { userid: ['zhangsan'], format: 'json', out: fresh })).code).toBe(0);
    expect(resumed).toBe(await readFile(fresh, 'utf8'));
  });

  it.each([
    [{}, /say which lives/],
    [{ livingid: [LIVE_A], userid: ['zhangsan'] }, /say which lives/],
    [{ corp: true }, /--corp needs --roster/],
    [{ livingid: [LIVE_A], minWatch: 'half an hour' }, /bad --min-watch/],
    [{ livingid: [LIVE_A], since: 'yesterday' }, /bad --since/],
    [{ livingid: [LIVE_A], format: 'xml' }, /unknown --format/],
  ])('exits 2 on bad usage %#', async (opts, message) => {
    const run = await reportFrom(server, dir, { out: join(dir, 'x.xlsx'), ...opts });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.calls).toEqual([]);
  });
});
