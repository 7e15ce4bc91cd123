import { SettableClock } from '../domain/clock.js';
import { UsageError } from './options.js';

/** The flags of `serve` that set up the control API's clock, seed and journal. */
export interface ControlFlags {
  clock?: string;
  frozen?: boolean;
  seed?: number;
  journalSize: number;
}

/** `--clock <ISO 8601> [--frozen]` as the server's settable clock; a one-line error for a bad time. */
export function clockFromFlags(flags: ControlFlags): SettableClock {
  const clock = new SettableClock();
  if (flags.clock === undefined) {
    if (flags.frozen) clock.set(undefined, clock.now(), true);
    return clock;
  }
  // A zone is required: a bare local time would depend on the machine's TZ.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(flags.clock) ? Date.parse(flags.clock) : Number.NaN;
  if (Number.isNaN(ms)) throw new UsageError(`--clock must be ISO 8601 with a zone, like 2025-11-27T08:00:00Z (got ${JSON.stringify(flags.clock)})`);
  clock.set(undefined, ms, flags.frozen ?? false);
  return clock;
}
