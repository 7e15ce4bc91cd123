import type { Database, Statement } from 'better-sqlite3';
import { trackWrites, writeEpoch } from './sqlite-write-epoch.js';

/**
 * Reads that get_watch_stat repeats on every call — its page, and the token, app, corp and
 * live behind it — kept in memory and dropped as soon as the database may have changed:
 * any write through this process (counted in O(1), see sqlite-write-epoch.ts), or by another
 * process (`PRAGMA data_version`, read at most once per event-loop turn, so a request sees
 * another process's commit no later than the next turn — as if it had arrived a moment later).
 */
export class SqliteReadCache {
  private readonly pages = new Map<string, object>();
  private readonly lookups = new Map<string, unknown>();
  private readonly dataVersion: Statement<[], number>;
  private epochSeen = -1;
  private versionSeen = -1;
  private checkedThisTurn = false;

  constructor(
    private readonly db: Database,
    private readonly pageCapacity = 2048,
    private readonly lookupCapacity = 20_000,
  ) {
    trackWrites(db);
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  private refresh(): void {
    const epoch = writeEpoch();
    let stale = epoch !== this.epochSeen;
    if (!this.checkedThisTurn) {
      const version = this.dataVersion.get()!;
      stale ||= version !== this.versionSeen;
      this.versionSeen = version;
      this.checkedThisTurn = true;
      setImmediate(() => (this.checkedThisTurn = false));
    }
    if (stale) {
      this.pages.clear();
      this.lookups.clear();
      this.epochSeen = epoch;
    }
  }

  /**
   * The cached page, or what `load` reads (then cached). With capacity 0 nothing is cached.
   * The same key must always load the same type.
   */
  page<T extends object>(key: string, load: () => T): T {
    if (this.pageCapacity === 0) return load();
    this.refresh();
    const hit = this.pages.get(key);
    if (hit) {
      // Least recently used goes first: re-insert on every hit.
      this.pages.delete(key);
      this.pages.set(key, hit);
      return hit as T;
    }
    const rows = load();
    this.pages.set(key, rows);
    if (this.pages.size > this.pageCapacity) this.pages.delete(this.pages.keys().next().value!);
    return rows;
  }

  /** A cached point read (absent results too). Callers must not mutate what they get. */
  lookup<T>(key: string, load: () => T): T {
    if (this.pageCapacity === 0) return load();
    this.refresh();
    if (this.lookups.has(key)) return this.lookups.get(key) as T;
    const value = load();
    if (this.lookups.size >= this.lookupCapacity) this.lookups.clear();
    this.lookups.set(key, value);
    return value;
  }
}
