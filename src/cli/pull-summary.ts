import type { Viewer } from '../client/index.js';

// Watch times above a week share one bucket, which bounds the histogram's size.
const HISTOGRAM_CAP_SECONDS = 7 * 24 * 3600;

/** The summary's counters, as saved in a checkpoint. */
export interface PullSummaryState {
  members: number;
  externals: number;
  totalWatchSeconds: number;
  commenters: number;
  micTakers: number;
  /** [watch_time, count] pairs. */
  histogram: [number, number][];
}

/**
 * Running totals of a pull. The median comes from a histogram of watch times (one count
 * per distinct second), bounded by the live's duration rather than by the audience.
 *
 * @example
 * const s = new PullSummary(); s.add(viewers); process.stderr.write(s.format());
 */
export class PullSummary {
  members = 0;
  externals = 0;
  totalWatchSeconds = 0;
  commenters = 0;
  micTakers = 0;
  readonly #histogram = new Map<number, number>();

  static fromState(state: PullSummaryState): PullSummary {
    const s = new PullSummary();
    s.members = state.members;
    s.externals = state.externals;
    s.totalWatchSeconds = state.totalWatchSeconds;
    s.commenters = state.commenters;
    s.micTakers = state.micTakers;
    for (const [t, n] of state.histogram) s.#histogram.set(t, n);
    return s;
  }

  add(viewers: readonly Viewer[]): void {
    for (const v of viewers) {
      if (v.kind === 'member') this.members++;
      else this.externals++;
      this.totalWatchSeconds += v.watch_time;
      this.commenters += v.is_comment;
      this.micTakers += v.is_mic;
      const bucket = Math.min(Math.max(0, Math.floor(v.watch_time)), HISTOGRAM_CAP_SECONDS);
      this.#histogram.set(bucket, (this.#histogram.get(bucket) ?? 0) + 1);
    }
  }

  get viewers(): number {
    return this.members + this.externals;
  }

  /** The median watch time in seconds (mean of the two middle values for an even count). */
  medianWatchSeconds(): number {
    const n = this.viewers;
    if (n === 0) return 0;
    const lowRank = Math.floor((n - 1) / 2);
    const highRank = Math.floor(n / 2);
    let low: number | undefined;
    let seen = 0;
    for (const t of [...this.#histogram.keys()].sort((a, b) => a - b)) {
      seen += this.#histogram.get(t) ?? 0;
      if (low === undefined && seen > lowRank) low = t;
      if (seen > highRank) return ((low ?? t) + t) / 2;
    }
    return 0;
  }

  toState(): PullSummaryState {
    return {
      members: this.members,
      externals: this.externals,
      totalWatchSeconds: this.totalWatchSeconds,
      commenters: this.commenters,
      micTakers: this.micTakers,
      histogram: [...this.#histogram],
    };
  }

  /** The lines printed to stderr at the end of a pull. */
  format(): string {
    return [
      `viewers: ${this.viewers} (${this.members} members, ${this.externals} external)`,
      `watch time: total ${formatDuration(this.totalWatchSeconds)}, median ${formatDuration(this.medianWatchSeconds())}`,
      `commenters: ${this.commenters}, mic takers: ${this.micTakers}`,
    ].join('\n') + '\n';
  }
}

/** 3725 → `1h02m05s`; 65 → `1m05s`; 7 → `7s`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const pad = (x: number): string => String(x).padStart(2, '0');
  if (h > 0) return `${h}h${pad(m)}m${pad(rest)}s`;
  if (m > 0) return `${m}m${pad(rest)}s`;
  return `${rest}s`;
}
