import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import type { Living } from '../../domain/model.js';
import type { ViewerPosition } from '../../domain/viewer-position.js';
import type { Viewer } from '../../protocol/viewer.js';
import type { Store } from '../../store/store.js';
import { wireViewer } from './wire-viewer.js';

/** Rows read per store call while streaming: memory stays flat at any audience size. */
const PAGE = 1000;

/**
 * A live's viewers page by page in get_watch_stat's order, as `livestat pull` yields them,
 * open sessions brought up to `nowMs`: what every download of the live writes.
 */
export async function* audiencePages(store: Store, living: Living, nowMs: number): AsyncGenerator<Viewer[]> {
  let after: ViewerPosition | undefined;
  for (;;) {
    const rows = await store.pageViewers(living.corpid, living.livingid, after, PAGE);
    if (rows.length === 0) return;
    yield rows.map((r) => wireViewer(r, r.openWatch ? currentWatchTime(r, living, nowMs) : r.watchTime));
    const last = rows[rows.length - 1]!;
    after = { kind: last.kind, id: last.id };
    if (rows.length < PAGE) return;
  }
}
