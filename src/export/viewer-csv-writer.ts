import { stringify } from 'csv-stringify/sync';
import { neutralizeFormula } from './spreadsheet-safety.js';
import { CSV_COLUMNS, type ViewerWriter, csvRecord } from './viewer-writers.js';

const UTF8_BOM = '\uFEFF';

// RFC 4180: CRLF between records, fields quoted when they hold commas, quotes or line breaks.
// Text cells (names, ids) are made formula-safe; numbers stay numbers.
const CSV_OPTIONS = { record_delimiter: 'windows', cast: { string: neutralizeFormula } } as const;

/** RFC 4180 CSV, with a UTF-8 BOM first when asked (Excel reads Chinese names then). */
export function csvWriter(bom: boolean): ViewerWriter {
  return {
    start: () => (bom ? UTF8_BOM : '') + stringify([[...CSV_COLUMNS]], CSV_OPTIONS),
    rows: (viewers) => (viewers.length ? stringify(viewers.map(csvRecord), CSV_OPTIONS) : ''),
    end: () => '',
  };
}
