// Reads workbooks back with libraries other than the writer's (exceljs): read-excel-file for
// the cells, fflate for the raw sheet XML (cell types, frozen panes, widths).
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import readXlsxFile from 'read-excel-file/node';

export type SheetRows = (string | number | boolean | Date | null)[][];

/** Every sheet's name and rows, as read-excel-file sees them. */
export async function readSheets(path: string): Promise<Map<string, SheetRows>> {
  const sheets = await readXlsxFile(path, { trim: false });
  return new Map(sheets.map((s) => [s.sheet, s.data as SheetRows]));
}

/** The XML of each worksheet part, in order (`xl/worksheets/sheet1.xml`, ...). */
export async function sheetXml(path: string): Promise<string[]> {
  const files = unzipSync(new Uint8Array(await readFile(path)));
  return Object.keys(files)
    .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]))
    .map((name) => strFromU8(files[name] ?? new Uint8Array()));
}
