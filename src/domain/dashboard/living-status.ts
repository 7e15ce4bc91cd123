import type { Living } from '../model.js';

/** Where a live is in its schedule: before its start, within it, or after it. */
export type LivingStatus = 'reserved' | 'live' | 'ended';

/**
 * A live's status from the clock alone: now < start → reserved, start ≤ now < start +
 * duration → live, else ended. (livestat keeps no cancel/expire state yet.)
 */
export function livingStatus(living: Pick<Living, 'livingStart' | 'livingDuration'>, nowMs: number): LivingStatus {
  const startMs = living.livingStart * 1000;
  if (nowMs < startMs) return 'reserved';
  return nowMs < startMs + living.livingDuration * 1000 ? 'live' : 'ended';
}
