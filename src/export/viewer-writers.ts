import type { Viewer } from '../protocol/viewer.js';

/** The formats a list of viewers can be written in. */
export type ViewerFormat = 'csv' | 'json' | 'ndjson';

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

/**
 * Turns pages of viewers into text chunks, so a pull (or the dashboard's CSV download) writes
 * each page as it arrives and holds no more than one page. `rowsBefore` lets a resumed pull
 * continue a JSON array.
 */
export interface ViewerWriter {
  start(): string;
  rows(viewers: readonly Viewer[], rowsBefore: number): string;
  end(rowsTotal: number): string;
}

/**
 * The writer for a format. The CSV library is loaded only for CSV, so JSON exports do not
 * carry it.
 *
 * @example
 * const w = await createViewerWriter('csv', { bom: true });
 * out.write(w.start() + w.rows(viewers, 0) + w.end(viewers.length));
 */
export async function createViewerWriter(format: ViewerFormat, options: { bom: boolean }): Promise<ViewerWriter> {
  switch (format) {
    case 'csv':
      return (await import('./viewer-csv-writer.js')).csvWriter(options.bom);
    case 'json':
      return jsonWriter;
    case 'ndjson':
      return ndjsonWriter;
  }
}

/** One CSV record per viewer; members have no type or name. */
export function csvRecord(v: Viewer): Array<string | number> {
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

// One object per line inside the array, so the file stays readable and diffable.
const jsonWriter: ViewerWriter = {
  start: () => '[',
  rows: (viewers, rowsBefore) =>
    viewers.map((v, i) => (rowsBefore + i === 0 ? '\n' : ',\n') + JSON.stringify(v)).join(''),
  end: (rowsTotal) => (rowsTotal === 0 ? ']\n' : '\n]\n'),
};

const ndjsonWriter: ViewerWriter = {
  start: () => '',
  rows: (viewers) => viewers.map((v) => `${JSON.stringify(v)}\n`).join(''),
  end: () => '',
};
