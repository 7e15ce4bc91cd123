import { DEFAULT_SESSION, type EventKind, type IngestInvitor } from '../../protocol/events.js';
import { type Interval, mergeIntervals } from './intervals.js';
import type { ViewerEvent } from './viewer-state.js';

/**
 * Everything needed to go on folding a viewer's events without reading them again: the
 * sessions' runs so far, the flags, the first enter's inviter and the latest name. Stored as
 * JSON beside the viewer's row, so that an ingest batch whose events come after everything
 * already folded (the usual case: events arrive roughly in time order) costs O(new events).
 */
export interface FoldState {
  /** Order key (at, kind rank, id) of the last event folded. */
  last: [number, number, string] | null;
  /** Closed runs, merged, not yet clipped to the live. */
  closed: Interval[];
  /** Open run per session. */
  open: Record<string, { start: number; lastSeen: number }>;
  /** Whether the first enter was seen, and the inviter it carried. */
  entered: boolean;
  invitor?: IngestInvitor;
  comment: 0 | 1;
  mic: 0 | 1;
  type?: 1 | 2;
  name?: string;
  lastAt: number | null;
}

/** Within one millisecond an `enter` comes first and a `leave` last (see event-order.ts). */
const KIND_RANK: Readonly<Record<EventKind, number>> = { enter: 0, heartbeat: 1, comment: 2, mic_on: 2, mic_off: 2, leave: 3 };

export function emptyFold(): FoldState {
  return { last: null, closed: [], open: {}, entered: false, comment: 0, mic: 0, lastAt: null };
}

/** Whether `e` sorts after everything folded so far, so it can be applied on top. */
export function comesAfter(state: FoldState, e: ViewerEvent): boolean {
  if (!state.last) return true;
  const [at, rank, id] = state.last;
  if (e.at !== at) return e.at > at;
  const r = KIND_RANK[e.kind];
  if (r !== rank) return r > rank;
  return e.id > id;
}

/**
 * Applies events, already in the total order of event-order.ts and all after `state.last`,
 * session by session:
 * - `enter` opens a run; a re-enter within the grace of the run's last sign of life is a
 *   reconnect, later the old run ends at `lastSeen + grace` and a new one starts;
 * - `heartbeat` moves the open run's last sign of life; `leave` closes it at its own time;
 * - a `heartbeat` or `leave` with no open run is ignored (it cannot say when watching began);
 * - comments and mic events never touch runs.
 */
export function foldInOrder(prior: FoldState, ordered: readonly ViewerEvent[], graceMs: number): FoldState {
  const state: FoldState = { ...prior, closed: [...prior.closed], open: { ...prior.open } };
  const closedNow: Interval[] = [];
  for (const e of ordered) {
    const session = e.session ?? DEFAULT_SESSION;
    const run = state.open[session];
    switch (e.kind) {
      case 'enter':
        if (!state.entered) {
          // The first enter decides the inviter, even when it carries none.
          state.entered = true;
          if (e.invitor) state.invitor = e.invitor;
        }
        if (!run) state.open[session] = { start: e.at, lastSeen: e.at };
        else if (e.at - run.lastSeen <= graceMs) state.open[session] = { start: run.start, lastSeen: e.at };
        else {
          closedNow.push([run.start, run.lastSeen + graceMs]);
          state.open[session] = { start: e.at, lastSeen: e.at };
        }
        break;
      case 'heartbeat':
        if (run) state.open[session] = { start: run.start, lastSeen: e.at };
        break;
      case 'leave':
        if (run) {
          closedNow.push([run.start, e.at]);
          Reflect.deleteProperty(state.open, session);
        }
        break;
      case 'comment':
        state.comment = 1;
        break;
      case 'mic_on':
        state.mic = 1;
        break;
      case 'mic_off':
        break;
    }
    if ('external_userid' in e.viewer) {
      state.type = e.viewer.type;
      state.name = e.viewer.name;
    }
    state.lastAt = e.at;
    state.last = [e.at, KIND_RANK[e.kind], e.id];
  }
  if (closedNow.length > 0) state.closed = mergeIntervals([...state.closed, ...closedNow]);
  return state;
}
