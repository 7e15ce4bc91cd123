import type { EventKind, IngestInvitor, IngestViewer } from '../../protocol/events.js';
import { HEARTBEAT_INTERVAL_MS, type PlannedSegment, type ViewerPlan } from './viewer-plan.js';

/** An event before it gets its id and livingid (they are assigned in emission order). */
export interface DraftEvent {
  at: number;
  kind: EventKind;
  viewer: IngestViewer;
  session: string | undefined;
  invitor: IngestInvitor | undefined;
}

function viewerAt(plan: ViewerPlan, at: number): IngestViewer {
  return plan.renamed && at >= plan.renamed.at ? plan.renamed.viewer : plan.viewer;
}

/** Heartbeats drift by under a second, like real timers; derived from the tick so nothing is stored. */
function jitter(tick: number, salt: number): number {
  return ((Math.imul(tick, 2654435761) ^ salt) >>> 0) % 1000;
}

function* segmentEvents(plan: ViewerPlan, seg: PlannedSegment, salt: number): Generator<DraftEvent> {
  const { session } = seg;
  yield { at: seg.enterAt, kind: 'enter', viewer: viewerAt(plan, seg.enterAt), session, invitor: seg.invitor };
  for (let tick = 1; ; tick++) {
    const at = seg.enterAt + tick * HEARTBEAT_INTERVAL_MS + jitter(tick, salt);
    if (at >= seg.endAt) break;
    yield { at, kind: 'heartbeat', viewer: viewerAt(plan, at), session, invitor: undefined };
  }
  if (seg.leave) yield { at: seg.endAt, kind: 'leave', viewer: viewerAt(plan, seg.endAt), session, invitor: undefined };
}

function* pointEvents(plan: ViewerPlan): Generator<DraftEvent> {
  for (const p of plan.points) yield { at: p.at, kind: p.kind, viewer: viewerAt(plan, p.at), session: p.session, invitor: undefined };
}

/** The plan's events as a few lazy streams, each in time order, to be merged by time. */
export function viewerStreams(plan: ViewerPlan, salt: number): Generator<DraftEvent>[] {
  const streams = plan.segments.map((seg, i) => segmentEvents(plan, seg, salt + i));
  if (plan.points.length > 0) streams.push(pointEvents(plan));
  return streams;
}
