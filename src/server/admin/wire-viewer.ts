import type { ViewerStat } from '../../domain/model.js';
import { toWireExternalUser, toWireUser } from '../../domain/wire-row.js';
import type { Viewer } from '../../protocol/viewer.js';

/** A row as `livestat pull` yields it (get_watch_stat's fields, tagged by kind), with the given watch time. */
export function wireViewer(v: ViewerStat, watchTime: number): Viewer {
  return v.kind === 0 ? { kind: 'member', ...toWireUser(v, watchTime) } : { kind: 'external', ...toWireExternalUser(v, watchTime) };
}
