import { currentWatchTime } from '../../domain/activity/fold-viewer.js';
import { currentWatchTimes, medianWatchTime, totalWatchTime, watchTimeHistogram } from '../../domain/dashboard/watch-time-stats.js';
import type { Living } from '../../domain/model.js';
import type { AdminLivingReport } from '../../protocol/admin/admin-livings.js';
import type { Store } from '../../store/store.js';

/** Inviters shown on a live's page. */
const LEADERBOARD_SIZE = 10;

/**
 * Gathers a live's aggregates. Open sessions are brought up to now for the totals, median and
 * histogram; the leaderboard sums stored watch times (a viewer still watching counts as of
 * their last event), which keeps it one GROUP BY.
 */
export async function livingReport(store: Store, living: Living, nowMs: number): Promise<AdminLivingReport> {
  const { corpid, livingid } = living;
  const [counts, stored, open, inviters] = await Promise.all([
    store.audienceCounts(corpid, livingid),
    store.watchTimeCounts(corpid, livingid),
    store.openViewers(corpid, livingid),
    store.inviterLeaderboard(corpid, livingid, LEADERBOARD_SIZE),
  ]);
  const times = currentWatchTimes(
    stored,
    open.map((v) => ({ stored: v.watchTime, current: currentWatchTime(v, living, nowMs) })),
  );
  return {
    summary: {
      viewers: counts.viewers,
      members: counts.members,
      external: counts.external,
      wechat: counts.wechat,
      wecom: counts.wecom,
      commenters: counts.commenters,
      mic_takers: counts.micTakers,
      total_watch_time: totalWatchTime(times),
      median_watch_time: medianWatchTime(times),
    },
    histogram: watchTimeHistogram(times, living.livingDuration),
    inviters: inviters.map((i) => ({ kind: i.kind === 0 ? 'member' : 'external', id: i.id, viewers: i.viewers, watch_time: i.watchTime })),
  };
}
