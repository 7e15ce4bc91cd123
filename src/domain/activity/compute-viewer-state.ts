import { orderedUniqueEvents } from './event-order.js';
import { emptyFold, foldInOrder, type FoldState } from './fold-state.js';
import { clipIntervals, mergeIntervals, subtractIntervals, totalLength, type Interval } from './intervals.js';
import type { LiveSpan, ViewerEvent, ViewerRuleOptions, ViewerState } from './viewer-state.js';

/**
 * The state the store keeps for a fold so far: closed runs clipped to the live and merged
 * (two devices at once count once), open runs as the time they add on top.
 */
export function viewerStateOf(fold: FoldState, live: LiveSpan, graceMs: number): ViewerState {
  const closed = mergeIntervals(clipIntervals(fold.closed, live.startMs, live.endMs));
  const openRuns: Interval[] = Object.values(fold.open).map((r) => [r.start, r.lastSeen + graceMs]);
  // Open time already covered by a closed run is dropped here.
  const open = subtractIntervals(mergeIntervals(clipIntervals(openRuns, live.startMs, live.endMs)), closed);
  const state: ViewerState = {
    closedMs: totalLength(closed),
    open: open.map(([start, cap]) => ({ start, cap })),
    is_comment: fold.comment,
    is_mic: fold.mic,
    lastAt: fold.lastAt,
  };
  if (fold.invitor && 'userid' in fold.invitor) state.invitor_userid = fold.invitor.userid;
  else if (fold.invitor) state.invitor_external_userid = fold.invitor.external_userid;
  if (fold.type !== undefined) state.type = fold.type;
  if (fold.name !== undefined) state.name = fold.name;
  return state;
}

/** The fold of ALL events so far of one viewer of one live, in any order and with duplicates. */
export function foldAll(events: readonly ViewerEvent[], graceMs: number): FoldState {
  return foldInOrder(emptyFold(), orderedUniqueEvents(events), graceMs);
}

/**
 * Folds ALL events so far of ONE viewer of ONE live, in any arrival order and with
 * duplicates, into the state the store keeps. The result depends only on the set of
 * events (by id), the live span and the grace.
 *
 * Closed runs count in full; open runs (no `leave` yet) count up to `min(lastSeen + grace,
 * live end)` or up to now while that is still ahead, which `watchTimeAt` resolves.
 */
export function computeViewerState(events: readonly ViewerEvent[], live: LiveSpan, opts: ViewerRuleOptions): ViewerState {
  return viewerStateOf(foldAll(events, opts.graceMs), live, opts.graceMs);
}
