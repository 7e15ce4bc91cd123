import type { ViewerFormat, ViewerWriter } from './viewer-writer.js';

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
