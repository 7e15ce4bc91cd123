import type { IngestEvent } from '../../protocol/events.js';
import { DEFAULT_GRACE_MS } from '../activity/viewer-state.js';
import { audienceEvents, type AudienceOptions } from './audience-events.js';
import { expectedStats, type ExpectedStats } from './expected-stats.js';

export interface GenerateAudienceOptions extends AudienceOptions {
  /** When the expected statistics are taken. Default: an hour after the live's end (all settled). */
  nowMs?: number;
  graceMs?: number;
}

export interface GeneratedAudience {
  live: { startMs: number; endMs: number };
  /** Sorted by `at`. */
  events: IngestEvent[];
  expected: ExpectedStats;
}

/** A whole audience in memory with the statistics a pull should return; for N up to ~100,000. */
export function generateAudience(opts: GenerateAudienceOptions): GeneratedAudience {
  const live = { startMs: opts.startMs, endMs: opts.startMs + opts.durationMs };
  const events = [...audienceEvents(opts)];
  const nowMs = opts.nowMs ?? live.endMs + 3_600_000;
  return { live, events, expected: expectedStats(events, live, nowMs, opts.graceMs ?? DEFAULT_GRACE_MS) };
}
