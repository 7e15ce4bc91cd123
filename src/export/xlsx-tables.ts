import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import type { Cell, Lang, TableSink, TableSpec, TablesWriter } from './table.js';

const SECONDS_PER_DAY = 86_400;
// A duration format: hours go past 24 instead of wrapping to the next day.
const DURATION_FORMAT = '[h]:mm:ss';

/**
 * An .xlsx file (or stream) written as it goes (exceljs's streaming WorkbookWriter): each row is
 * committed to the zip stream at once and inline strings replace the shared-string table, so
 * memory stays flat at any number of rows. Every text cell is a string cell, which no
 * spreadsheet runs as a formula, whatever it starts with.
 *
 * @example
 * const w = openXlsxTables('viewers.xlsx', 'zh');
 * const sheet = await w.table(spec); await sheet.add(['lisi', 1800]); await w.close();
 */
export function openXlsxTables(path: string | Writable, lang: Lang): TablesWriter {
  // A stream (the dashboard's download) is written as a file would be, backpressure included.
  const file = typeof path === 'string' ? createWriteStream(path) : path;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: false });
  let current: ExcelJS.Worksheet | undefined;
  return {
    async table(spec: TableSpec): Promise<TableSink> {
      current?.commit();
      // Frozen header row: the column names stay in view while scrolling.
      const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
      current = sheet;
      sheet.columns = spec.columns.map((c) => ({
        width: c.width,
        ...(c.kind === 'duration' ? { style: { numFmt: DURATION_FORMAT } } : {}),
      }));
      const header = sheet.addRow(spec.columns.map((c) => c.header[lang]));
      header.font = { bold: true };
      header.commit();
      return {
        async add(row: readonly Cell[]): Promise<void> {
          const values = spec.columns.map((c, i) => xlsxValue(c.kind, row[i] ?? null));
          sheet.addRow(values).commit();
          // Wait while the zip's input for this sheet is over its mark: see zipInput.
          const input = zipInput(sheet);
          while (input?._writableState.needDrain) await once(input, 'drain');
        },
      };
    },
    async close(): Promise<void> {
      current?.commit();
      await workbook.commit();
    },
  };
}

/**
 * The stream the zip reads this sheet's XML from. exceljs writes rows into a StreamBuf, which
 * archiver wraps in a PassThrough and deflates from; the StreamBuf ignores the PassThrough's
 * `write()` result, so when deflating is slower than the rows come (it is: deflate is the
 * slowest step) the XML piles up there, uncompressed: measured, 600,000 rows held ~140 MiB of
 * buffers, growing with the rows. Waiting on that PassThrough's `drain` is the backpressure
 * exceljs does not pass up; the file's own backpressure reaches it through the pipes. exceljs
 * 4.4 exposes neither object in its types, hence the probing; if a version lays them out
 * differently, writing still works and src/export/xlsx-memory.test.ts fails.
 */
function zipInput(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  const input = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as Partial<ZipInput> | undefined;
  return typeof input?.once === 'function' && typeof input._writableState?.needDrain === 'boolean' ? (input as ZipInput) : undefined;
}

/** archiver's PassThrough is readable-stream 3's, which has no `writableNeedDrain`: its state says it. */
type ZipInput = NodeJS.EventEmitter & { _writableState: { needDrain: boolean } };

function xlsxValue(kind: TableSpec['columns'][number]['kind'], cell: Cell): string | number | null {
  if (cell === null) return null;
  if (kind === 'text') return String(cell);
  if (typeof cell !== 'number') return cell;
  return kind === 'duration' ? cell / SECONDS_PER_DAY : cell;
}
