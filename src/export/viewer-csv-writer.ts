import { stringify } from 'csv-stringify/sync';
import type { Viewer } from '../protocol/viewer.js';
import type { ViewerWriter } from './viewer-writer.js';
import { neutralizeFormula } from './spreadsheet-safety.js';

const UTF8_BOM = '\uFEFF';

/** The CSV header, in order. */
export const CSV_COLUMNS = [
  'kind',
  'id',
  'type',
  'name',
  'watch_time',
  'is_comment',
  'is_mic',
  'invitor_userid',
  'invitor_external_userid',
] as const;

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

/** One CSV record per viewer; members have no type or name. */
function csvRecord(v: Viewer): (string | number)[] {
  const member = v.kind === 'member';
  return [
    v.kind,
    member ? v.userid : v.external_userid,
    member ? '' : v.type,
    member ? '' : v.name,
    v.watch_time,
    v.is_comment,
    v.is_mic,
    v.invitor_userid ?? '',
    v.invitor_external_userid ?? '',
  ];
}
