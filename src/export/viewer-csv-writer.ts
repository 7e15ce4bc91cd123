import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, type ViewerWriter, csvRecord } from './viewer-writers.js';

const UTF8_BOM = '\uFEFF';

// RFC 4180: CRLF between records, fields quoted when they hold commas, quotes or line breaks.
const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

/** RFC 4180 CSV, with a UTF-8 BOM first when asked (Excel reads Chinese names then). */
export function csvWriter(bom: boolean): ViewerWriter {
  return {
    start: () => (bom ? UTF8_BOM : '') + stringify([[...CSV_COLUMNS]], CSV_OPTIONS),
    rows: (viewers) => (viewers.length ? stringify(viewers.map(csvRecord), CSV_OPTIONS) : ''),
    end: () => '',
  };
}
