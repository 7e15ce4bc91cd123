import { LIVING_STATUS, REPLAY_STATUS, type LivingStatus, type ReplayStatus } from '../protocol/living-info.js';
import type { LivingCounts, LivingRecord } from './living-record.js';
import type { OpenWatch } from './model.js';
import { livingSpan } from './model.js';

/**
 * A live's status from the clock and its activity. livestat cannot see an anchor go on air,
 * so activity stands in for it: a live with no viewer at all has not started.
 *
 * - 4 cancelled, whatever the time.
 * - 0 reserved before its start, and after it while nobody has watched (the anchor is late).
 * - 1 live from its start to its scheduled end once it has viewers.
 * - 2 ended after its scheduled end, if it had viewers.
 * - 3 expired: its scheduled end passed and nobody ever watched.
 */
export function livingStatus(living: Pick<LivingRecord, 'cancelled' | 'livingStart' | 'livingDuration'>, hasViewers: boolean, nowMs: number): LivingStatus {
  if (living.cancelled) return LIVING_STATUS.CANCELLED;
  const { startMs, endMs } = livingSpan(living);
  if (nowMs < startMs) return LIVING_STATUS.RESERVED;
  if (!hasViewers) return nowMs < endMs ? LIVING_STATUS.RESERVED : LIVING_STATUS.EXPIRED;
  return nowMs < endMs ? LIVING_STATUS.LIVE : LIVING_STATUS.ENDED;
}

/** A replay exists once a live has ended; its status is 0 (generated) or 2 (deleted). */
export function replayOf(status: LivingStatus, replayDeleted: boolean): { openReplay: 0 | 1; replayStatus?: ReplayStatus } {
  if (status !== LIVING_STATUS.ENDED) return { openReplay: 0 };
  return { openReplay: 1, replayStatus: replayDeleted ? REPLAY_STATUS.DELETED : REPLAY_STATUS.GENERATED };
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
export function livingFigures(living: Pick<LivingRecord, 'cancelled' | 'livingStart' | 'livingDuration'>, counts: LivingCounts, nowMs: number): LivingFigures {
  const status = livingStatus(living, counts.viewers > 0, nowMs);
  return {
    status,
    viewers: counts.viewers,
    commenters: counts.commenters,
    micTakers: counts.micTakers,
    online: status === LIVING_STATUS.LIVE ? onlineCount(counts.open, nowMs) : 0,
  };
}
