import type { WeComClient } from '../client/index.js';
import { pageViewers } from '../client/index.js';
import { VIEWER_TABLE, viewerCells } from '../export/viewer-table.js';
import type { PullConfig } from './pull-options.js';
import type { PullProgress } from './pull-progress.js';
import { PullSummary } from './pull-summary.js';

/**
 * `livestat pull --format xlsx`: the viewers as one sheet, streamed page by page into the
 * workbook (flat memory at any audience). exceljs loads only here, when xlsx is asked for.
 */
export async function pullXlsx(client: WeComClient, config: PullConfig & { out: string }, progress: PullProgress): Promise<PullSummary> {
  const { openXlsxTables } = await import('../export/xlsx-tables.js');
  const workbook = openXlsxTables(config.out, config.lang);
  const summary = new PullSummary();
  const sheet = await workbook.table(VIEWER_TABLE);
  let pages = 0;
  try {
    for await (const page of client.living.watchStat(config.livingid, { prefetch: true })) {
      const viewers = pageViewers(page);
      for (const v of viewers) await sheet.add(viewerCells(v));
      summary.add(viewers);
      progress.update(++pages, summary.viewers);
    }
  } finally {
    // Closing writes the zip's directory; a half-pulled workbook still opens (and says how far it got in its rows).
    await workbook.close();
  }
  return summary;
}
