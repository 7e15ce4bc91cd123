import type { EventKind, IngestInvitor, IngestViewer } from '../../protocol/events.js';

/** How long a run without a `leave` lasts after its last sign of life (enter or heartbeat). */
export const DEFAULT_GRACE_MS = 60_000;

/**
 * The span of a live stream in unix ms. Pass the actual end once the live has ended; while
 * it is still on, pass `Infinity` (or its scheduled end if runs should stop there).
 */
export interface LiveSpan {
  startMs: number;
  endMs: number;
}

export interface ViewerRuleOptions {
  graceMs: number;
}

/** The part of an event the rules read; an `IngestEvent` is one. */
export interface ViewerEvent {
  id: string;
  at: number;
  kind: EventKind;
  viewer: IngestViewer;
  session?: string;
  invitor?: IngestInvitor;
}

/**
 * A still-open stretch of watching: counts from `start` up to `min(cap, now)`.
 * Open segments are disjoint, sorted, clipped to the live and already net of closed runs,
 * so reading never has to merge anything.
 */
interface OpenSegment {
  start: number;
  cap: number;
}

/**
 * What the store keeps per viewer of a live: plain JSON, recomputed from the viewer's events
 * on ingest, read without replaying them.
 */
export interface ViewerState {
  /** Length in ms of the union of closed runs (enter…leave), clipped to the live. */
  closedMs: number;
  /** Runs with no `leave` yet, as the time they add on top of `closedMs`. */
  open: OpenSegment[];
  is_comment: 0 | 1;
  is_mic: 0 | 1;
  /** From the viewer's first `enter` by event time; at most one of the two is set. */
  invitor_userid?: string;
  invitor_external_userid?: string;
  /** External viewers only: from their latest event by time. */
  type?: 1 | 2;
  name?: string;
  /** Time of the latest event counted, or null when there was none. */
  lastAt: number | null;
}
