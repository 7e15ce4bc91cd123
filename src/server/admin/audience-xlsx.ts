import { PassThrough, type Readable } from 'node:stream';
import type { Living } from '../../domain/model.js';
import type { Lang } from '../../export/table.js';
import { VIEWER_TABLE, viewerCells } from '../../export/viewer-table.js';
import type { Store } from '../../store/store.js';
import { audiencePages } from './audience-rows.js';

/**
 * The workbook that `livestat pull --format xlsx` writes for this live: the same sheet, columns
 * and order, streamed as it is written (exceljs loads only when one is asked for). A failure
 * half way destroys the stream, so the browser sees a broken download, not a short file.
 */
export function audienceXlsx(store: Store, living: Living, nowMs: number, lang: Lang): Readable {
  const out = new PassThrough();
  void (async () => {
    const { openXlsxTables } = await import('../../export/xlsx-tables.js');
    const workbook = openXlsxTables(out, lang);
    const sheet = await workbook.table(VIEWER_TABLE);
    for await (const viewers of audiencePages(store, living, nowMs)) for (const v of viewers) await sheet.add(viewerCells(v));
    await workbook.close();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
