import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeExternalUsers, makeMembers, TRICKY_NAMES } from '../../test/support/client/viewers.js';
import type { Viewer } from '../protocol/viewer.js';
import { CSV_COLUMNS } from './viewer-csv-writer.js';
import { createViewerWriter } from './viewer-writers.js';
import { neutralizeFormula } from './spreadsheet-safety.js';

// Tagged as the SDK's pageViewers tags a page: members first, then external viewers.
const viewers: Viewer[] = [
  ...makeMembers(7).map((u): Viewer => ({ kind: 'member', ...u })),
  ...makeExternalUsers(TRICKY_NAMES.length * 2).map((u): Viewer => ({ kind: 'external', ...u })),
];

/** Writes viewers in pages of `size`, as a pull does. */
async function writeAll(format: 'csv' | 'json' | 'ndjson', size: number, bom = false): Promise<string> {
  const w = await createViewerWriter(format, { bom });
  let out = w.start();
  for (let i = 0; i < viewers.length; i += size) out += w.rows(viewers.slice(i, i + size), i);
  return out + w.end(viewers.length);
}

describe('csv writer', () => {
  it('round-trips tricky names through csv-parse', async () => {
    const rows = parse<Record<string, string>>(await writeAll('csv', 4), { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(viewers.length);
    const externals = rows.filter((r) => r.kind === 'external');
    // Every name reads as it was, except that one that could start a formula gains a leading apostrophe.
    expect(externals.map((r) => r.name)).toEqual(viewers.flatMap((v) => (v.kind === 'external' ? [neutralizeFormula(v.name)] : [])));
    expect(new Set(externals.map((r) => r.name))).toEqual(new Set(TRICKY_NAMES.map(neutralizeFormula)));
    expect(externals.map((r) => r.name)).toContain("'=SUM(A1:A2)");
  });

  it('leaves type and name empty for members and fills the inviter columns', async () => {
    const rows = parse<Record<string, string>>(await writeAll('csv', 100), { columns: true });
    expect(rows[1]).toEqual({
      kind: 'member',
      id: 'user00001',
      type: '',
      name: '',
      watch_time: '37',
      is_comment: '0',
      is_mic: '0',
      invitor_userid: 'inviter1',
      invitor_external_userid: '',
    });
    const ext = rows.find((r) => r.invitor_external_userid !== '');
    expect(ext?.kind).toBe('external');
    expect(ext?.type).toMatch(/^[12]$/);
  });

  it('uses CRLF record ends and a BOM only when asked', async () => {
    const plain = await writeAll('csv', 3);
    expect(plain.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    const withBom = await writeAll('csv', 3, true);
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(parse(withBom, { columns: true, bom: true })).toEqual(parse(plain, { columns: true }));
  });

  it('writes only the header for no viewers', async () => {
    const w = await createViewerWriter('csv', { bom: false });
    expect(w.start() + w.rows([], 0) + w.end(0)).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('json and ndjson writers', () => {
  it('json parses to the viewers whatever the page size', async () => {
    for (const size of [1, 5, 1000]) expect(JSON.parse(await writeAll('json', size))).toEqual(viewers);
  });

  it('json of no viewers is []', async () => {
    const w = await createViewerWriter('json', { bom: false });
    expect(JSON.parse(w.start() + w.rows([], 0) + w.end(0))).toEqual([]);
  });

  it('ndjson is one viewer per line, kind first', async () => {
    const lines = (await writeAll('ndjson', 3)).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as Viewer)).toEqual(viewers);
    expect(lines[0]?.startsWith('{"kind":"member","userid"')).toBe(true);
  });
});
