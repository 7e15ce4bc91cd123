import type { LivingCounts, LivingRecord } from '../../domain/living-record.js';
import { livingFigures } from '../../domain/living-status.js';

/**
 * A live as the dashboard lists it (admin JSON, snake_case like the rest of the wire). Status
 * and numbers are get_living_info's, under its names, from the same rule and the same counts
 * (Store.livingCounts), so the dashboard and the API never tell a live's story differently.
 */
export function livingJson(living: LivingRecord, counts: LivingCounts, nowMs: number) {
  const figures = livingFigures(living, counts, nowMs);
  return {
    livingid: living.livingid,
    theme: living.theme,
    anchor_userid: living.anchorUserid,
    living_start: living.livingStart,
    living_duration: living.livingDuration,
    type: living.type,
    status: figures.status,
    viewer_num: figures.viewers,
    comment_num: figures.commenters,
    mic_num: figures.micTakers,
    online_count: figures.online,
  };
}
