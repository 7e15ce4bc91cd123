import type { EventKind } from '../../protocol/events.js';
import type { ViewerEvent } from './viewer-state.js';

/**
 * Within one millisecond: an `enter` opens the run before anything happens in it, and a
 * `leave` closes it after everything else, so a same-ms heartbeat never outlives its leave.
 */
const KIND_RANK: Readonly<Record<EventKind, number>> = {
  enter: 0,
  heartbeat: 1,
  comment: 2,
  mic_on: 2,
  mic_off: 2,
  leave: 3,
};

function canonical(e: ViewerEvent): string {
  // Only reached when two events share time, kind and id: the content decides, never arrival.
  return JSON.stringify([e.kind, e.session ?? null, e.viewer, e.invitor ?? null]);
}

/** A total order on events that does not depend on arrival order. */
function compareEvents(a: ViewerEvent, b: ViewerEvent): number {
  if (a.at !== b.at) return a.at - b.at;
  const rank = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (rank !== 0) return rank;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ca = canonical(a);
  const cb = canonical(b);
  return ca === cb ? 0 : ca < cb ? -1 : 1;
}

/**
 * Events sorted by time with one event per id. When an id occurs with different contents
 * (a producer bug), the one first in the total order wins, so the result stays independent
 * of arrival order.
 */
export function orderedUniqueEvents<E extends ViewerEvent>(events: readonly E[]): E[] {
  const sorted = [...events].sort(compareEvents);
  const seen = new Set<string>();
  const out: E[] = [];
  for (const e of sorted) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}
