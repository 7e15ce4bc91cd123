import type { IngestInvitor, IngestViewer } from '../../protocol/events.js';
import { displayName } from './names.js';
import type { Prng } from './prng.js';

export const HEARTBEAT_INTERVAL_MS = 30_000;
/** Viewers still there at the end are dropped by the platform within a few seconds. */
const END_JITTER_MS = 8_000;
const MAIN_SESSIONS = ['ios-1', 'android-1', 'pc-1', 'mac-1', 'web-1'] as const;
const SECOND_SESSIONS = ['pad-1', 'pc-2', 'android-2', 'web-2'] as const;

/** One stretch on one device: enter, heartbeats every 30 s, and a leave unless the app vanished. */
export interface PlannedSegment {
  session: string | undefined;
  enterAt: number;
  endAt: number;
  leave: boolean;
  invitor: IngestInvitor | undefined;
}

interface PlannedPoint {
  at: number;
  kind: 'comment' | 'mic_on' | 'mic_off';
  session: string | undefined;
}

/** Everything one viewer will do, decided on arrival; events are produced lazily from it. */
export interface ViewerPlan {
  viewer: IngestViewer;
  /** External viewers who change their display name (or type) mid-live. */
  renamed: { at: number; viewer: IngestViewer } | undefined;
  segments: PlannedSegment[];
  points: PlannedPoint[];
}

export interface PlanContext {
  liveStartMs: number;
  liveEndMs: number;
  /** The inviter of the viewer's first enter, if any. */
  invitor: IngestInvitor | undefined;
  /** Another sharer a second device may come through (the rules keep the first one). */
  otherInvitor: IngestInvitor | undefined;
}

function between(rng: Prng, lo: number, hi: number): number {
  return hi <= lo ? lo : Math.floor(lo + rng.next() * (hi - lo));
}

/** Decides a realistic visit: bounces, long stays, stays to the end, drops, reconnects, second devices. */
export function planViewer(rng: Prng, viewer: IngestViewer, arrivalAt: number, ctx: PlanContext): ViewerPlan {
  const durationMs = ctx.liveEndMs - ctx.liveStartMs;
  const lastLeave = ctx.liveEndMs + rng.int(0, END_JITTER_MS);
  const watchFrom = Math.max(arrivalAt, ctx.liveStartMs);

  const r = rng.next();
  let mainEnd: number;
  if (r < 0.15) mainEnd = watchFrom + rng.int(10_000, 180_000);
  else if (r < 0.7) mainEnd = watchFrom + 30_000 + Math.floor(rng.exponential(durationMs * 0.25));
  else mainEnd = lastLeave;
  mainEnd = Math.min(mainEnd, lastLeave);
  const leaves = rng.chance(0.92);
  const mainSession = rng.chance(0.2) ? undefined : rng.pick(MAIN_SESSIONS);

  const segments: PlannedSegment[] = [];
  const span = mainEnd - arrivalAt;
  if (span > 180_000 && rng.chance(0.12)) {
    // A network drop: mostly short enough to be a reconnect, sometimes long enough to be a new run.
    const dropAt = between(rng, arrivalAt + 60_000, mainEnd - 60_000);
    const gap = rng.chance(0.8) ? rng.int(5_000, 40_000) : rng.int(120_000, 360_000);
    if (dropAt + gap < mainEnd) {
      segments.push({ session: mainSession, enterAt: arrivalAt, endAt: dropAt, leave: false, invitor: ctx.invitor });
      segments.push({ session: mainSession, enterAt: dropAt + gap, endAt: mainEnd, leave: leaves, invitor: ctx.invitor });
    }
  }
  if (segments.length === 0) {
    segments.push({ session: mainSession, enterAt: arrivalAt, endAt: mainEnd, leave: leaves, invitor: ctx.invitor });
  }

  if (span > 120_000 && rng.chance(0.1)) {
    const enterAt = between(rng, arrivalAt + 30_000, mainEnd);
    const endAt = Math.min(enterAt + 20_000 + Math.floor(rng.exponential(8 * 60_000)), lastLeave);
    const c = rng.next();
    const invitor = c < 0.5 ? ctx.invitor : c < 0.7 ? ctx.otherInvitor : undefined;
    segments.push({ session: rng.pick(SECOND_SESSIONS), enterAt, endAt, leave: rng.chance(0.9), invitor });
  }

  const points: PlannedPoint[] = [];
  if (rng.chance(0.2)) {
    for (let n = rng.int(1, 6); n > 0; n--) points.push({ at: between(rng, arrivalAt, mainEnd), kind: 'comment', session: mainSession });
  }
  if (span > 180_000 && rng.chance(0.015)) {
    const on = between(rng, arrivalAt + 30_000, mainEnd - 60_000);
    points.push({ at: on, kind: 'mic_on', session: mainSession });
    if (rng.chance(0.9)) points.push({ at: Math.min(on + rng.int(60_000, 480_000), mainEnd - 1_000), kind: 'mic_off', session: mainSession });
  }
  points.sort((a, b) => a.at - b.at);

  let renamed: ViewerPlan['renamed'];
  if ('external_userid' in viewer && span > 60_000 && rng.chance(0.01)) {
    renamed = { at: between(rng, arrivalAt + 1, mainEnd), viewer: { ...viewer, name: displayName(rng) } };
  }
  return { viewer, renamed, segments, points };
}
