import type { Lang, TablesWriter } from './table.js';

/** The file formats a set of tables can be written in. */
export type TablesFormat = 'xlsx' | 'csv' | 'json';

/**
 * Opens a writer of tables: `xlsx` a workbook at `path` (one sheet per table), `csv` a folder
 * at `path` (one file per table), `json` one file. Each library loads only for its format, so
 * a CSV export never loads exceljs.
 *
 * @example
 * const w = await openTables('xlsx', 'report.xlsx', 'zh');
 */
export async function openTables(format: TablesFormat, path: string, lang: Lang): Promise<TablesWriter> {
  switch (format) {
    case 'xlsx':
      return (await import('./xlsx-tables.js')).openXlsxTables(path, lang);
    case 'csv':
      return (await import('./csv-tables.js')).openCsvTables(path, lang);
    case 'json':
      return (await import('./json-tables.js')).openJsonTables(path);
  }
}
