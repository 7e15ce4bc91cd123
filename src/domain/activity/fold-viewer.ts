import type { Living, ViewerStat } from '../model.js';
import { livingSpan } from '../model.js';
import { computeViewerState } from './compute-viewer-state.js';
import type { ViewerEvent } from './viewer-state.js';
import { isSettled, watchTimeAt } from './watch-time.js';

/**
 * The statistics row of one viewer from all their events so far, as of `nowMs`: what the
 * store writes on ingest. While runs are still open the row carries them (`openWatch`) so
 * that reads can bring the watch time up to date without replaying events.
 */
export function foldViewer(living: Living, events: readonly ViewerEvent[], nowMs: number, graceMs: number): ViewerStat {
  const first = events[0];
  if (!first) throw new Error('foldViewer needs at least one event');
  const span = livingSpan(living);
  const state = computeViewerState(events, span, { graceMs });
  const member = 'userid' in first.viewer;
  const stat: ViewerStat = {
    kind: member ? 0 : 1,
    id: 'userid' in first.viewer ? first.viewer.userid : first.viewer.external_userid,
    watchTime: watchTimeAt(state, nowMs, span),
    isComment: state.is_comment,
    isMic: state.is_mic,
  };
  if (!member) {
    if (state.type !== undefined) stat.type = state.type;
    if (state.name !== undefined) stat.name = state.name;
  }
  if (state.invitor_userid !== undefined) stat.invitorUserid = state.invitor_userid;
  if (state.invitor_external_userid !== undefined) stat.invitorExternalUserid = state.invitor_external_userid;
  if (!isSettled(state, nowMs)) stat.openWatch = { closedMs: state.closedMs, open: state.open };
  return stat;
}

/** A row's watch time as of `nowMs`. */
export function currentWatchTime(stat: ViewerStat, living: Living, nowMs: number): number {
  return stat.openWatch ? watchTimeAt(stat.openWatch, nowMs, livingSpan(living)) : stat.watchTime;
}
