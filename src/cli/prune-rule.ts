import type { Living } from '../domain/model.js';
import { UsageError } from './options.js';

/**
 * `--ended-before DATE` as unix ms. A bare date (`2026-06-01`) is the start of that day in
 * UTC+8, WeCom's (and its users') time zone, so "before June 1st" means what a WeCom admin
 * reads in the client; a full ISO 8601 time must carry its offset (`2026-06-01T00:00:00Z`).
 */
export function parseEndedBefore(text: string): number {
  const bare = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const ms = bare ? Date.parse(`${text}T00:00:00+08:00`) : iso ? Date.parse(text) : NaN;
  // Date.parse rolls 2026-02-30 over to March: a date must read back as written.
  const valid = !Number.isNaN(ms) && (!bare || new Date(ms + 8 * 3_600_000).toISOString().startsWith(text));
  if (!valid) throw new UsageError(`--ended-before must be a date (2026-06-01, UTC+8) or a time with its offset (2026-06-01T00:00:00Z), got ${JSON.stringify(text)}`);
  return ms;
}

/**
 * Whether a live is prunable at `cutoffMs`: it ended before the cutoff, as living-status.ts
 * means "ended" — cancelled (at `cancelledAtMs`, when that came before its scheduled end), or
 * past its scheduled end (start + duration) whether anyone watched or not. A live still
 * reserved or running has its end ahead of `nowMs`, so it never goes, even for a future cutoff.
 * The store's pruneLivings (store/core/sql-retention.ts) applies the same rule in SQL; the
 * store contract checks the two agree.
 */
export function endedBefore(living: Pick<Living, 'livingStart' | 'livingDuration'> & { cancelledAtMs?: number }, cutoffMs: number, nowMs: number): boolean {
  const scheduledEndMs = (living.livingStart + living.livingDuration) * 1000;
  const endMs = living.cancelledAtMs !== undefined && living.cancelledAtMs < scheduledEndMs ? living.cancelledAtMs : scheduledEndMs;
  return endMs < cutoffMs && endMs <= nowMs;
}
