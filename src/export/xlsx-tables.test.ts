import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSheets, sheetXml } from '../../test/support/xlsx-read.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { HOSTILE_NAMES } from '../../test/support/hostile-names.js';
import type { TableSpec } from './table.js';
import { openXlsxTables } from './xlsx-tables.js';

const SPEC: TableSpec = {
  name: 'people',
  columns: [
    { key: 'name', header: { en: 'name', zh: '昵称' }, kind: 'text', width: 30 },
    { key: 'seconds', header: { en: 'seconds', zh: '秒' }, kind: 'number', width: 10 },
    { key: 'hms', header: { en: 'time', zh: '时长' }, kind: 'duration', width: 12 },
  ],
};

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('openXlsxTables', () => {
  it('writes hostile names as string cells that read back unchanged, never as formulas', async () => {
    const path = join(dir, 'x.xlsx');
    const w = openXlsxTables(path, 'en');
    const sheet = await w.table(SPEC);
    for (const [i, name] of HOSTILE_NAMES.entries()) await sheet.add([name, i * 100, 90_000 + i]);
    await sheet.add(['0123', null, null]);
    await w.close();

    const rows = (await readSheets(path)).get('people') ?? [];
    expect(rows[0]).toEqual(['name', 'seconds', 'time']);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual([...HOSTILE_NAMES]);
    // Digits in a text column stay text (a leading zero survives).
    expect(rows.at(-1)?.[0]).toBe('0123');
    const [xml = ''] = await sheetXml(path);
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('<pane ySplit="1"');
    expect(xml).toMatch(/<col min="1" max="1" width="30/);
  });

  it('writes durations as days with an [h]:mm:ss format and headers in Chinese', async () => {
    const path = join(dir, 'zh.xlsx');
    const w = openXlsxTables(path, 'zh');
    await (await w.table(SPEC)).add(['a', 93_725, 93_725]);
    await w.close();
    const rows = (await readSheets(path)).get('people') ?? [];
    expect(rows[0]).toEqual(['昵称', '秒', '时长']);
    expect(rows[1]?.[1]).toBe(93_725);
    const duration = rows[1]?.[2];
    // read-excel-file turns date-formatted numbers into Dates counted from 1899-12-30.
    const days = duration instanceof Date ? (duration.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : duration;
    expect(Number(days) * 86_400).toBeCloseTo(93_725, 3);
    const [xml = ''] = await sheetXml(path);
    expect(xml).toBeTruthy();
  });
});
