import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from './spreadsheet-safety.js';
import { hms, type Cell, type Column, type Lang, type TableSink, type TableSpec, type TablesWriter } from './table.js';

const UTF8_BOM = '\uFEFF';
const CSV_OPTIONS = { record_delimiter: 'windows', cast: { string: neutralizeFormula } } as const;

/**
 * A folder with one CSV per table (`<name>.csv`), RFC 4180, UTF-8 with a BOM so Excel reads
 * Chinese names; text cells are formula-safe, durations are written as h:mm:ss.
 *
 * @example
 * const w = await openCsvTables('report/', 'en');
 */
export async function openCsvTables(dir: string, lang: Lang): Promise<TablesWriter> {
  await mkdir(dir, { recursive: true });
  let current: FileHandle | undefined;
  return {
    async table(spec: TableSpec): Promise<TableSink> {
      await current?.close();
      const file = await open(join(dir, `${spec.name}.csv`), 'w');
      current = file;
      await file.writeFile(UTF8_BOM + stringify([spec.columns.map((c) => c.header[lang])], CSV_OPTIONS));
      return {
        add: (row) => file.writeFile(stringify([csvCells(spec.columns, row)], CSV_OPTIONS)),
      };
    },
    async close(): Promise<void> {
      await current?.close();
      current = undefined;
    },
  };
}

/**
 * One table as one CSV written to a stream (a download), exactly as `openCsvTables` writes
 * that table's file: BOM, headers in `lang`, formula-safe text. Only one table fits in a CSV,
 * so asking for a second throws.
 */
export function openCsvStream(out: Writable, lang: Lang): TablesWriter {
  let opened = false;
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  return {
    async table(spec: TableSpec): Promise<TableSink> {
      if (opened) throw new Error(`a CSV holds one table; ${spec.name} would be the second`);
      opened = true;
      await write(UTF8_BOM + stringify([spec.columns.map((c) => c.header[lang])], CSV_OPTIONS));
      return { add: (row) => write(stringify([csvCells(spec.columns, row)], CSV_OPTIONS)) };
    },
    async close(): Promise<void> {
      out.end();
    },
  };
}

/** The cells of one CSV record: durations as h:mm:ss, empty cells empty. */
export function csvCells(columns: readonly Column[], row: readonly Cell[]): (string | number)[] {
  return columns.map((c, i) => {
    const cell = row[i] ?? null;
    if (cell === null) return '';
    if (c.kind === 'duration' && typeof cell === 'number') return hms(cell);
    if (c.kind === 'text') return String(cell);
    return cell;
  });
}
