import type { LivingCounts, LivingRecord } from '../../domain/living-record.js';
import { livingFigures } from '../../domain/living-status.js';
import type { AdminLiving } from '../../protocol/admin/admin-livings.js';

/**
 * A live as the dashboard lists it (protocol/admin). Status and numbers come from
 * get_living_info's rule and the same counts (Store.livingCounts), so the dashboard and the
 * API never tell a live's story differently.
 */
export function toAdminLiving(living: LivingRecord, counts: LivingCounts, nowMs: number): AdminLiving {
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
