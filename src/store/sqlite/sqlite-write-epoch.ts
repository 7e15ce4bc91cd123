import type { Database } from 'better-sqlite3';

const PATCHED = Symbol.for('livestat.sqlite.writeEpoch');
let epoch = 0;

/**
 * Counts the writes made through any connection of this process, so caches of reads can tell
 * in O(1) whether anything changed since (writes by other processes are caught through
 * `PRAGMA data_version`). Every data write of better-sqlite3 goes through a statement's `run`
 * (transactions included), so that one method is wrapped, once, for the whole process.
 */
export function trackWrites(db: Database): void {
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown; [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const run = proto.run;
  proto.run = function (this: unknown, ...args: unknown[]) {
    try {
      return run.apply(this, args);
    } finally {
      epoch++;
    }
  };
  proto[PATCHED] = true;
}

/** How many statement runs (writes) this process has made so far. */
export function writeEpoch(): number {
  return epoch;
}
