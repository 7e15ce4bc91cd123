import { foldAll } from '../activity/compute-viewer-state.js';
import { orderedUniqueEvents } from '../activity/event-order.js';
import { clipIntervals, mergeIntervals, type Interval } from '../activity/intervals.js';
import { viewerKey } from '../activity/viewer-key.js';
import type { LiveSpan, ViewerEvent } from '../activity/viewer-state.js';

const MINUTE_MS = 60_000;

/** One minute of a live, `[at, at + 1 min)`, counted from the live's start. */
export interface TimelineMinute {
  /** Unix ms of the minute's start. */
  at: number;
  /** Distinct viewers with a run (any session) overlapping the minute. */
  online: number;
  /** Comment events in the minute. */
  comments: number;
  /** mic_on events in the minute. */
  micOn: number;
}

/**
 * Viewers online, comments and mic-ons per minute of a live, from its events, by the same runs
 * the watch time counts (src/domain/activity: a run without `leave` lasts `grace` after its last
 * sign of life; two devices count once). Minutes run from the live's start up to its end or
 * `nowMs`, whichever comes first; a live that has not started has none.
 */
export function audienceTimeline(events: readonly ViewerEvent[], live: LiveSpan, graceMs: number, nowMs: number): TimelineMinute[] {
  const stop = Math.min(live.endMs, nowMs);
  if (stop <= live.startMs) return [];
  const count = Math.ceil((stop - live.startMs) / MINUTE_MS);
  const minutes: TimelineMinute[] = Array.from({ length: count }, (_, i) => ({ at: live.startMs + i * MINUTE_MS, online: 0, comments: 0, micOn: 0 }));
  const indexOf = (t: number) => Math.floor((t - live.startMs) / MINUTE_MS);

  const byViewer = new Map<string, ViewerEvent[]>();
  for (const e of events) {
    const key = viewerKey(e.viewer);
    const list = byViewer.get(key);
    if (list) list.push(e);
    else byViewer.set(key, [e]);
  }
  // +1 where a viewer's run starts covering minutes, -1 after the last: one pass sums them.
  const delta = new Array<number>(count + 1).fill(0);
  for (const list of byViewer.values()) {
    // A resent event (same id) counts once, as it does in the watch time.
    const own = orderedUniqueEvents(list);
    const fold = foldAll(own, graceMs);
    const open: Interval[] = Object.values(fold.open).map((r) => [r.start, r.lastSeen + graceMs]);
    // Merged first, so a viewer on two devices, or on again within one minute, counts once.
    const runs = mergeIntervals(clipIntervals([...fold.closed, ...open], live.startMs, stop));
    let covered = -1;
    for (const [from, to] of runs) {
      const first = Math.max(indexOf(from), covered + 1);
      const last = indexOf(to - 1);
      if (last < first) continue;
      delta[first]! += 1;
      delta[last + 1]! -= 1;
      covered = last;
    }
    for (const e of own) {
      if (e.at < live.startMs || e.at >= stop) continue;
      const m = minutes[indexOf(e.at)]!;
      if (e.kind === 'comment') m.comments++;
      else if (e.kind === 'mic_on') m.micOn++;
    }
  }
  let online = 0;
  for (let i = 0; i < count; i++) {
    online += delta[i]!;
    minutes[i]!.online = online;
  }
  return minutes;
}
