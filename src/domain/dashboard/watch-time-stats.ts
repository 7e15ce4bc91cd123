import type { WatchTimeCount } from './audience-order.js';

/** A viewer whose stored watch time is stale: what is stored, and what it is now. */
export interface WatchTimeUpdate {
  stored: number;
  current: number;
}

/**
 * The distribution with open sessions brought up to now: each open viewer moves from their
 * stored watch time to their current one. Ascending by watch time, without empty entries.
 */
export function currentWatchTimes(counts: readonly WatchTimeCount[], updates: readonly WatchTimeUpdate[]): WatchTimeCount[] {
  if (updates.length === 0) return [...counts];
  const byTime = new Map(counts.map((c) => [c.watchTime, c.viewers]));
  for (const { stored, current } of updates) {
    byTime.set(stored, (byTime.get(stored) ?? 0) - 1);
    byTime.set(current, (byTime.get(current) ?? 0) + 1);
  }
  return [...byTime]
    .filter(([, viewers]) => viewers > 0)
    .map(([watchTime, viewers]) => ({ watchTime, viewers }))
    .sort((a, b) => a.watchTime - b.watchTime);
}

/** Sum of everyone's watch time, in seconds. */
export function totalWatchTime(counts: readonly WatchTimeCount[]): number {
  return counts.reduce((sum, c) => sum + c.watchTime * c.viewers, 0);
}

/**
 * The median watch time of an ascending distribution: the middle viewer's, or for an even
 * number of viewers the mean of the two middle ones (rounded down to whole seconds). 0 when
 * nobody watched.
 */
export function medianWatchTime(counts: readonly WatchTimeCount[]): number {
  const n = counts.reduce((sum, c) => sum + c.viewers, 0);
  if (n === 0) return 0;
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.floor(n / 2);
  let seen = 0;
  let low: number | undefined;
  for (const c of counts) {
    if (low === undefined && lowRank < seen + c.viewers) low = c.watchTime;
    if (highRank < seen + c.viewers) return Math.floor((low! + c.watchTime) / 2);
    seen += c.viewers;
  }
  throw new Error('unreachable: ranks are below the total');
}

/** One bar of the histogram: viewers with from ≤ watch time < to (the last bar includes its end). */
export interface HistogramBar {
  from: number;
  to: number;
  viewers: number;
}

/** Bar widths people read easily: seconds, then whole minutes, then hours. */
const NICE_WIDTHS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400];

/**
 * Equal-width bars covering 0 to the longer of the live's length and the longest watch time,
 * with the narrowest nice width that needs at most `maxBars` bars.
 */
export function watchTimeHistogram(counts: readonly WatchTimeCount[], durationSeconds: number, maxBars = 24): HistogramBar[] {
  const longest = Math.max(durationSeconds, counts.at(-1)?.watchTime ?? 0, 1);
  const width = NICE_WIDTHS.find((w) => Math.ceil(longest / w) <= maxBars) ?? Math.ceil(longest / maxBars);
  const bars = Math.max(1, Math.ceil(longest / width));
  const out: HistogramBar[] = Array.from({ length: bars }, (_, i) => ({ from: i * width, to: (i + 1) * width, viewers: 0 }));
  for (const c of counts) out[Math.min(bars - 1, Math.floor(c.watchTime / width))]!.viewers += c.viewers;
  return out;
}
