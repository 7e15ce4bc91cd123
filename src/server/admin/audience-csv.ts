import { Readable } from 'node:stream';
import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { Living } from '../../domain/model.js';
import { createViewerWriter } from '../../export/viewer-writers.js';
import type { Store } from '../../store/store.js';
import { wireViewer } from './wire-viewer.js';

/** Rows read per store call while streaming: memory stays flat at any audience size. */
const CSV_PAGE = 1000;

/**
 * The CSV that `livestat pull --format csv` writes for this live, byte for byte: the same
 * writer, the same order (get_watch_stat's), open sessions brought up to `nowMs`.
 */
export function audienceCsv(store: Store, living: Living, nowMs: number): Readable {
  async function* chunks(): AsyncGenerator<string> {
    const writer = await createViewerWriter('csv', { bom: false });
    yield writer.start();
    let after: ViewerPosition | undefined;
    let written = 0;
    for (;;) {
      const rows = await store.pageViewers(living.corpid, living.livingid, after, CSV_PAGE);
      if (rows.length === 0) break;
      const viewers = rows.map((r) => wireViewer(r, r.openWatch ? currentWatchTime(r, living, nowMs) : r.watchTime));
      yield writer.rows(viewers, written);
      written += rows.length;
      const last = rows[rows.length - 1]!;
      after = { kind: last.kind, id: last.id };
      if (rows.length < CSV_PAGE) break;
    }
    yield writer.end(written);
  }
  return Readable.from(chunks(), { objectMode: false });
}
