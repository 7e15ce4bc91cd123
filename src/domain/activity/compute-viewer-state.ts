import { orderedUniqueEvents } from './event-order.js';
import { clipIntervals, mergeIntervals, subtractIntervals, totalLength, type Interval } from './intervals.js';
import { sessionRuns } from './session-runs.js';
import type { LiveSpan, ViewerEvent, ViewerRuleOptions, ViewerState } from './viewer-state.js';

/**
 * Folds ALL events so far of ONE viewer of ONE live, in any arrival order and with
 * duplicates, into the state the store keeps. The result depends only on the set of
 * events (by id), the live span and the grace.
 *
 * Closed runs count in full; open runs (no `leave` yet) count up to `min(lastSeen + grace,
 * live end)` or up to now while that is still ahead, which `watchTimeAt` resolves.
 */
export function computeViewerState(
  events: ReadonlyArray<ViewerEvent>,
  live: LiveSpan,
  opts: ViewerRuleOptions,
): ViewerState {
  const ordered = orderedUniqueEvents(events);
  const runs = sessionRuns(ordered, opts.graceMs);

  const closed = mergeIntervals(clipIntervals(runs.closed, live.startMs, live.endMs));
  const openRuns: Interval[] = runs.open.map((r) => [r.start, r.lastSeen + opts.graceMs]);
  // Two devices at once count once: open time already covered by a closed run is dropped here.
  const open = subtractIntervals(mergeIntervals(clipIntervals(openRuns, live.startMs, live.endMs)), closed);

  const state: ViewerState = {
    closedMs: totalLength(closed),
    open: open.map(([start, cap]) => ({ start, cap })),
    is_comment: 0,
    is_mic: 0,
    lastAt: null,
  };

  let invitorSeen = false;
  for (const e of ordered) {
    if (e.kind === 'comment') state.is_comment = 1;
    else if (e.kind === 'mic_on') state.is_mic = 1;
    else if (e.kind === 'enter' && !invitorSeen) {
      // The first enter decides, even when it carries no inviter: the viewer did not come
      // through anyone's card, and a later device's inviter is not how they first came.
      invitorSeen = true;
      if (e.invitor && 'userid' in e.invitor) state.invitor_userid = e.invitor.userid;
      else if (e.invitor) state.invitor_external_userid = e.invitor.external_userid;
    }
    if ('external_userid' in e.viewer) {
      state.type = e.viewer.type;
      state.name = e.viewer.name;
    }
    state.lastAt = e.at;
  }
  return state;
}
