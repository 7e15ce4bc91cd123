import type { LivingRecord } from '../../domain/living-record.js';
import { parseInstant } from '../../domain/period.js';
import type { AdminLivingReport } from '../../protocol/admin/admin-livings.js';
import type { AdminPeriodReply, PeriodQueryParams } from '../../protocol/admin/admin-period.js';
import { LivestatHttpError } from '../wecom-error.js';

/** The lives of a period (see PeriodQueryParams) among a corp's lives, which come latest start first. */
export function periodLivings(livings: readonly LivingRecord[], q: PeriodQueryParams): LivingRecord[] {
  const bound = (name: 'since' | 'until', endOfDay: boolean) => {
    const text = q[name]?.trim();
    if (!text) return undefined;
    const at = parseInstant(text, endOfDay);
    if (at === undefined) throw new LivestatHttpError(400, 'bad_request', `${name}: a date (2025-11-27) or an ISO date-time with a zone`);
    return at;
  };
  const since = bound('since', false);
  const until = bound('until', true);
  const anchor = q.userid?.trim();
  return livings.filter((l) => (since === undefined || l.livingStart >= since) && (until === undefined || l.livingStart < until) && (!anchor || l.anchorUserid === anchor));
}

/** The reply from the lives and each one's report (same order). */
export function periodReply(now: number, livings: readonly LivingRecord[], reports: readonly AdminLivingReport[]): AdminPeriodReply {
  const rows = livings.map((l, i) => ({
    livingid: l.livingid,
    theme: l.theme,
    anchor_userid: l.anchorUserid,
    living_start: l.livingStart,
    viewers: reports[i]!.summary.viewers,
    total_watch_time: reports[i]!.summary.total_watch_time,
  }));
  return {
    now,
    livings: rows,
    totals: { lives: rows.length, viewers: rows.reduce((n, r) => n + r.viewers, 0), total_watch_time: rows.reduce((n, r) => n + r.total_watch_time, 0) },
  };
}
