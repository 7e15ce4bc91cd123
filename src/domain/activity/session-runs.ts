import { DEFAULT_SESSION } from '../../protocol/events.js';
import type { Interval } from './intervals.js';
import type { ViewerEvent } from './viewer-state.js';

/** A run with no `leave` yet: if none comes, it lasts until `lastSeen + grace`. */
export interface OpenRun {
  start: number;
  lastSeen: number;
}

export interface SessionRuns {
  closed: Interval[];
  open: OpenRun[];
}

/**
 * Cuts one viewer's time-ordered events into watching runs, session by session.
 *
 * - `enter` opens a run. A re-enter while the session's run is open is a reconnect (same
 *   run) when it comes within `graceMs` of the run's last sign of life; later, the old run
 *   is taken to have ended at `lastSeen + grace` (the viewer dropped without a leave) and a
 *   new run starts: the gap is not counted.
 * - `heartbeat` moves the open run's last sign of life; `leave` closes the run at its time,
 *   however long since the last heartbeat (a leave is a fact; grace only stands in for a
 *   missing one).
 * - A `heartbeat` or `leave` with no open run in its session (before any enter, or after the
 *   run's leave) is ignored: it cannot tell when watching began, and a heartbeat still in
 *   flight after a leave must not reopen the run.
 * - `comment`, `mic_on` and `mic_off` never touch runs: presence is what heartbeats report.
 */
export function sessionRuns(ordered: ReadonlyArray<ViewerEvent>, graceMs: number): SessionRuns {
  const openBySession = new Map<string, OpenRun>();
  const closed: Interval[] = [];
  for (const e of ordered) {
    const session = e.session ?? DEFAULT_SESSION;
    const run = openBySession.get(session);
    switch (e.kind) {
      case 'enter':
        if (!run) openBySession.set(session, { start: e.at, lastSeen: e.at });
        else if (e.at - run.lastSeen <= graceMs) run.lastSeen = e.at;
        else {
          closed.push([run.start, run.lastSeen + graceMs]);
          openBySession.set(session, { start: e.at, lastSeen: e.at });
        }
        break;
      case 'heartbeat':
        if (run) run.lastSeen = e.at;
        break;
      case 'leave':
        if (run) {
          closed.push([run.start, e.at]);
          openBySession.delete(session);
        }
        break;
      default:
        break;
    }
  }
  return { closed, open: [...openBySession.values()] };
}
