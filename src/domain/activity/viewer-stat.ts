import type { IngestViewer } from '../../protocol/events.js';
import type { ViewerStat } from '../model.js';
import type { LiveSpan, ViewerState } from './viewer-state.js';
import { isSettled, watchTimeAt } from './watch-time.js';

/**
 * A viewer's statistics row from their folded state, as of `nowMs`: what the store keeps and
 * what get_watch_stat lists (domain/wire-row.ts turns it into wire fields). While runs are
 * still open the row carries them (`openWatch`) so that reads bring the watch time up to date.
 */
export function viewerStatOf(viewer: IngestViewer, state: ViewerState, nowMs: number, live: LiveSpan): ViewerStat {
  const stat: ViewerStat =
    'userid' in viewer
      ? { kind: 0, id: viewer.userid, watchTime: 0, isComment: state.is_comment, isMic: state.is_mic }
      : { kind: 1, id: viewer.external_userid, type: state.type ?? viewer.type, name: state.name ?? viewer.name, watchTime: 0, isComment: state.is_comment, isMic: state.is_mic };
  stat.watchTime = watchTimeAt(state, nowMs, live);
  if (state.invitor_userid !== undefined) stat.invitorUserid = state.invitor_userid;
  if (state.invitor_external_userid !== undefined) stat.invitorExternalUserid = state.invitor_external_userid;
  if (!isSettled(state, nowMs)) stat.openWatch = { closedMs: state.closedMs, open: state.open };
  return stat;
}
