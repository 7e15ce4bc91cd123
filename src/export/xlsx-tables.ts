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
      let rows = 0;
      return {
        async add(row: readonly Cell[]): Promise<void> {
          const values = spec.columns.map((c, i) => xlsxValue(c.kind, row[i] ?? null));
          sheet.addRow(values).commit();
          // exceljs does not pass the file's backpressure up to its rows: when the disk is slower
          // than the rows come, wait for it, or the backlog piles up in buffers.
          if (++rows % 500 === 0) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            while (file.writableNeedDrain) await once(file, 'drain');
          }
        },
      };
    },
    async close(): Promise<void> {
      current?.commit();
      await workbook.commit();
    },
  };
}

function xlsxValue(kind: TableSpec['columns'][number]['kind'], cell: Cell): string | number | null {
  if (cell === null) return null;
  if (kind === 'text') return String(cell);
  if (typeof cell !== 'number') return cell;
  return kind === 'duration' ? cell / SECONDS_PER_DAY : cell;
}
