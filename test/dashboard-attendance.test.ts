import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXlsxTables } from '../src/export/xlsx-tables.js';
import { ADMIN_KEY } from './support/dashboard.js';
import { HOSTILE_NAMES } from './support/hostile-names.js';
import { LIVE_A, LIVE_B, reportFrom, trainingScenario, writeRoster } from './support/report-run.js';
import { CORP } from './support/scenarios.js';
import { startTestServer, type TestServer } from './support/test-server.js';
import { STORES } from './support/stores.js';
import { readSheets, sheetXml } from './support/xlsx-read.js';

const OCTETS = 'application/octet-stream';
// Replies read untyped, as the other dashboard suites read them.
const json = async (res: Response): Promise<any> => res.json();

for (const backend of STORES) describe(backend.name, () => {
  describe('POST /livestat/admin/corps/:corpid/livings/:livingid/attendance', () => {
    let server: TestServer;
    let roster: Buffer;
    beforeAll(async () => {
      server = await startTestServer(backend, trainingScenario(), { adminKey: ADMIN_KEY });
      roster = await readFile(await writeRoster(server.dir));
    });
    afterAll(() => server.close());

    const post = (path: string, body: NonNullable<RequestInit['body']>, type: string | null = OCTETS, key: string | null = ADMIN_KEY) => {
      const headers: Record<string, string> = {};
      if (type) headers['content-type'] = type;
      if (key) headers.authorization = `Bearer ${key}`;
      return fetch(`${server.url}/livestat/admin/corps/${CORP}/livings/${path}`, { method: 'POST', headers, body });
    };

    it("judges each roster member by the report's rule, with totals per department", async () => {
      const res = await post(`${LIVE_A}/attendance`, roster);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await json(res);
      expect(body.min_watch).toBe(1800);
      expect(body.members).toEqual([
        { userid: 'u1', name: '张三', department: 'Sales', watch_time: 2400, attendance: 'attended' },
        { userid: 'u2', name: '李四', department: 'Sales', watch_time: 600, attendance: 'partial' },
        { userid: 'u3', name: '王五', department: 'HR', watch_time: 0, attendance: 'absent' },
        { userid: 'u4', name: '-1+1', department: 'HR', watch_time: 0, attendance: 'absent' },
      ]);
      expect(body.departments).toEqual([
        { department: 'HR', roster: 2, attended: 0, partial: 0, absent: 2 },
        { department: 'Sales', roster: 2, attended: 1, partial: 1, absent: 0 },
      ]);
      expect(body.totals).toEqual({ roster: 4, attended: 1, partial: 1, absent: 2 });
      // The bar moves the verdicts: at 10 minutes u2's 600 s count.
      const lower = await json(await post(`${LIVE_A}/attendance?min_watch=600`, roster));
      expect(lower.members.map((m: { attendance: string }) => m.attendance)).toEqual(['attended', 'attended', 'absent', 'absent']);
    });

    it('downloads the attendance sheets that livestat report --roster writes, as xlsx and CSV', async () => {
      const out = join(server.dir, 'report.xlsx');
      const run = await reportFrom(server, server.dir, { livingid: [LIVE_B], roster: await writeRoster(server.dir), lang: 'zh', out });
      expect(run.code, run.stderr).toBe(0);
      const fromReport = await readSheets(out);

      const res = await post(`${LIVE_B}/attendance.xlsx?lang=zh`, roster);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${LIVE_B}-attendance.xlsx"`);
      const downloaded = join(server.dir, 'download.xlsx');
      await writeFile(downloaded, Buffer.from(await res.arrayBuffer()));
      const sheets = await readSheets(downloaded);
      expect([...sheets.keys()]).toEqual(['attendance', 'departments']);
      expect(sheets.get('attendance')).toEqual(fromReport.get('attendance'));
      expect(sheets.get('departments')).toEqual(fromReport.get('departments'));
      expect(sheets.get('attendance')?.[0]?.[7]).toBe('出勤');

      const csv = await post(`${LIVE_B}/attendance.csv`, roster, 'text/csv; charset=utf-8');
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const text = await csv.text();
      const rows = parse(text, { bom: true });
      expect(rows[0]).toEqual(['livingid', 'theme', 'userid', 'name', 'department', 'watch time (s)', 'watch time', 'attendance']);
      expect(rows.slice(1).map((r) => [r[2], r[3], r[5], r[6], r[7]])).toEqual([
        ['u1', '张三', '1800', '0:30:00', 'attended'],
        ['u2', '李四', '0', '0:00:00', 'absent'],
        ['u3', '王五', '60', '0:01:00', 'partial'],
        // An outsider-chosen name never starts a formula in the CSV.
        ['u4', "'-1+1", '0', '0:00:00', 'absent'],
      ]);
    });

    it('reads an xlsx roster and keeps hostile names as text in both downloads', async () => {
      const path = join(server.dir, 'hostile.xlsx');
      const w = openXlsxTables(path, 'zh');
      const sheet = await w.table({ name: 'roster', columns: ['userid', 'name', 'department'].map((key, i) => ({ key, header: { en: key, zh: ['账号', '姓名', '部门'][i]! }, kind: 'text' as const, width: 10 })) });
      for (const [i, name] of HOSTILE_NAMES.entries()) await sheet.add([i === 0 ? 'u1' : `x${i}`, name, name]);
      await w.close();
      const file = await readFile(path);
      const body = await json(await post(`${LIVE_A}/attendance`, file));
      expect(body.members.map((m: { name: string }) => m.name)).toEqual([...HOSTILE_NAMES].map((n) => n.trim() === n ? n : n.trim()));
      expect(body.members[0].attendance).toBe('attended');
      const xlsx = join(server.dir, 'hostile-download.xlsx');
      await writeFile(xlsx, Buffer.from(await (await post(`${LIVE_A}/attendance.xlsx`, file)).arrayBuffer()));
      for (const xml of await sheetXml(xlsx)) expect(xml).not.toMatch(/<f[ >]/);
      const csv = parse(await (await post(`${LIVE_A}/attendance.csv`, file)).text(), { bom: true });
      for (const row of csv.slice(1)) for (const cell of [row[3]!, row[4]!]) expect(cell.startsWith("'") || cell === '', cell).toBe(true);
    });

    it("checks the roster against a period's lives, and downloads what livestat report --since --until --roster writes", async () => {
      const query = 'since=2025-11-25&until=2025-11-26&userid=zhangsan';
      const res = await fetch(`${server.url}/livestat/admin/corps/${CORP}/period/attendance?${query}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': OCTETS }, body: roster });
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.livings.map((l: Record<string, unknown>) => [l.livingid, l.roster, l.attended, l.partial, l.absent])).toEqual([
        [LIVE_B, 4, 1, 1, 2],
        [LIVE_A, 4, 1, 1, 2],
      ]);
      const out = join(server.dir, 'period-report.xlsx');
      const run = await reportFrom(server, server.dir, { userid: ['zhangsan'], since: '2025-11-25', until: '2025-11-26', roster: await writeRoster(server.dir), out });
      expect(run.code, run.stderr).toBe(0);
      const fromReport = await readSheets(out);
      const xlsx = await fetch(`${server.url}/livestat/admin/corps/${CORP}/period/attendance.xlsx?${query}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': OCTETS }, body: roster });
      expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="${CORP}-period-attendance.xlsx"`);
      const downloaded = join(server.dir, 'period-download.xlsx');
      await writeFile(downloaded, Buffer.from(await xlsx.arrayBuffer()));
      const sheets = await readSheets(downloaded);
      // The same rows; the dashboard lists a period latest first, the report earliest first.
      const byLive = (rows: unknown[][] | undefined) => [...(rows ?? [])].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(sheets.get('attendance')?.[0]).toEqual(fromReport.get('attendance')?.[0]);
      expect(byLive(sheets.get('attendance'))).toEqual(byLive(fromReport.get('attendance')));
      expect(byLive(sheets.get('departments'))).toEqual(byLive(fromReport.get('departments')));
      const bad = await fetch(`${server.url}/livestat/admin/corps/${CORP}/period/attendance?since=yesterday`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': OCTETS }, body: roster });
      expect(bad.status).toBe(400);
    });

    it('answers a bad roster with a clear 4xx, never a 500', async () => {
      const error = async (res: Response) => ({ status: res.status, body: (await json(res)) as { error: string; message: string } });
      expect(await error(await post(`${LIVE_A}/attendance`, 'name,department\n张三,Sales\n'))).toEqual({ status: 400, body: { error: 'bad_roster', message: expect.stringContaining('no userid column') } });
      expect(await error(await post(`${LIVE_A}/attendance`, ',,\n ,x\n'))).toEqual({ status: 400, body: { error: 'bad_roster', message: expect.stringContaining('lists no userid') } });
      expect(await error(await post(`${LIVE_A}/attendance`, new Uint8Array(0)))).toMatchObject({ status: 400, body: { error: 'bad_roster' } });
      // GBK bytes of 张三: Excel's plain CSV on a Chinese system.
      expect(await error(await post(`${LIVE_A}/attendance`, Buffer.from([0x75, 0x31, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a])))).toMatchObject({ status: 400, body: { error: 'bad_roster', message: expect.stringContaining('UTF-8') } });
      expect(await error(await post(`${LIVE_A}/attendance`, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))).toMatchObject({ status: 400, body: { message: expect.stringContaining('.xls') } });
      expect(await error(await post(`${LIVE_A}/attendance`, Buffer.from('PK\u0003\u0004 not really a zip')))).toMatchObject({ status: 400, body: { error: 'bad_roster', message: expect.stringContaining('xlsx') } });
      expect(await error(await post(`${LIVE_A}/attendance`, JSON.stringify({ userid: 'u1' }), 'application/json'))).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
      expect(await error(await post(`${LIVE_A}/attendance`, Buffer.alloc(4 * 1024 * 1024 + 1, 0x61)))).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
      expect(await error(await post(`${LIVE_A}/attendance?min_watch=30m`, roster))).toMatchObject({ status: 400, body: { message: expect.stringContaining('min_watch') } });
      expect(await error(await post(`${LIVE_A}/attendance.xlsx?lang=fr`, roster))).toMatchObject({ status: 400, body: { message: expect.stringContaining('lang') } });
      expect(await error(await post('lvNoSuchLive000000000000000000000/attendance', roster))).toMatchObject({ status: 404 });
      expect((await post(`${LIVE_A}/attendance`, roster, OCTETS, null)).status).toBe(401);
    });

    it('stops a zip bomb at the unpacking budget', async () => {
      // 100 MiB of one byte deflates to ~100 KiB: a small upload that would unpack to far more than a roster.
      const bomb = zipOf('xl/worksheets/sheet1.xml', Buffer.alloc(100 * 1024 * 1024, 0x20));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await post(`${LIVE_A}/attendance`, bomb);
      expect(res.status).toBe(400);
      expect((await json(res)).message).toContain('unpacks to more than 64 MiB');
    });
  });
});

/** A one-entry zip (deflated), enough for the budget check to read. */
function zipOf(name: string, data: Buffer): Buffer {
  const packed = deflateRawSync(data, { level: 9 });
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(local.length + file.length + packed.length, 16);
  return Buffer.concat([local, file, packed, central, file, end]);
}
