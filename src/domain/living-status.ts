import { LIVING_STATUS, REPLAY_STATUS, type LivingStatus, type ReplayStatus } from '../protocol/living-info.js';
import type { LivingCounts, LivingStatusInput } from './living-record.js';
import type { OpenWatch } from './model.js';
import { livingSpan } from './model.js';

/**
 * What the anchor's own events say at `nowMs`, or undefined when they say nothing yet: on air
 * from the first on-air event, ended from an off-air event at or after it. An off-air with no
 * on-air before it says nothing (the on-air may still arrive, and events come in any order).
 */
function airStatus(living: LivingStatusInput, nowMs: number): LivingStatus | undefined {
  const on = living.onAirAt;
  if (on === undefined || on > nowMs) return undefined;
  const off = living.offAirAt;
  return off !== undefined && off >= on && off <= nowMs ? LIVING_STATUS.ENDED : LIVING_STATUS.LIVE;
}

/**
 * A live's status from its anchor's events, the clock and its activity: the one function that
 * get_living_info, the management endpoints, the dashboard and the callbacks ask.
 *
 * - 4 cancelled, whatever the time.
 * - When the anchor has gone on air (an `anchor_on_air` event at or before now): 1 live, and
 *   2 ended once an `anchor_off_air` at or after it has come, whatever the schedule says.
 * - Otherwise viewers stand in for the anchor (lives without anchor events):
 *   0 reserved before its start, and after it while nobody has watched (the anchor is late);
 *   1 live from its start to its scheduled end once it has viewers; 2 ended after its
 *   scheduled end, if it had viewers; 3 expired: its scheduled end passed and nobody watched.
 */
export function livingStatus(living: LivingStatusInput, hasViewers: boolean, nowMs: number): LivingStatus {
  if (living.cancelled) return LIVING_STATUS.CANCELLED;
  const aired = airStatus(living, nowMs);
  if (aired !== undefined) return aired;
  const { startMs, endMs } = livingSpan(living);
  if (nowMs < startMs) return LIVING_STATUS.RESERVED;
  if (!hasViewers) return nowMs < endMs ? LIVING_STATUS.RESERVED : LIVING_STATUS.EXPIRED;
  return nowMs < endMs ? LIVING_STATUS.LIVE : LIVING_STATUS.ENDED;
}

/**
 * The replay as get_living_info shows it: open_replay is the live's setting; a replay exists
 * only when the setting is on and the live has ended, and replay_status (0 generated,
 * 2 deleted) appears only then.
 */
export function replayOf(status: LivingStatus, openReplay: 0 | 1, replayDeleted: boolean): { openReplay: 0 | 1; replayStatus?: ReplayStatus } {
  if (openReplay === 0 || status !== LIVING_STATUS.ENDED) return { openReplay };
  return { openReplay, replayStatus: replayDeleted ? REPLAY_STATUS.DELETED : REPLAY_STATUS.GENERATED };
}

/** Whether the live has a replay to delete now (delete_replay_data). */
export function hasReplay(status: LivingStatus, openReplay: 0 | 1, replayDeleted: boolean): boolean {
  return replayOf(status, openReplay, replayDeleted).replayStatus === REPLAY_STATUS.GENERATED;
}

/**
 * Viewers watching at `nowMs`: those with an open run that has begun and whose cap (its last
 * heartbeat plus the grace) is still ahead. Only rows still open are looked at, and they are few.
 */
function onlineCount(open: readonly OpenWatch[], nowMs: number): number {
  let n = 0;
  for (const watch of open) if (watch.open.some((run) => run.start <= nowMs && nowMs < run.cap)) n++;
  return n;
}

/** A live's status and audience numbers as get_living_info reports them. */
export interface LivingFigures {
  status: LivingStatus;
  viewers: number;
  commenters: number;
  micTakers: number;
  /** Viewers watching now; 0 unless the live is live. */
  online: number;
}

/**
 * The one place where a live's stored state, its counts and the clock become the figures that
 * get_living_info answers, so that every view of a live (the dashboard too) says the same.
 */
export function livingFigures(living: LivingStatusInput, counts: LivingCounts, nowMs: number): LivingFigures {
  const status = livingStatus(living, counts.viewers > 0, nowMs);
  return {
    status,
    viewers: counts.viewers,
    commenters: counts.commenters,
    micTakers: counts.micTakers,
    online: status === LIVING_STATUS.LIVE ? onlineCount(counts.open, nowMs) : 0,
  };
}
