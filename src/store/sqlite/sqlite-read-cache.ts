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
  /** Keys of recent misses: a page is kept only when it is asked for again while its key is here. */
  private readonly ghosts = new Set<string>();
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
      this.ghosts.clear();
      this.lookups.clear();
      this.epochSeen = epoch;
    }
  }

  /**
   * The cached page, or what `load` reads. A page is cached on its second miss within the
   * last `pageCapacity` misses, not its first: a pull reads every page of a live once, and
   * caching those would only push out pages asked for again and again (a test suite's) and
   * hold megabytes for the garbage collector to walk. With capacity 0 nothing is cached.
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
    if (this.ghosts.delete(key)) {
      this.pages.set(key, rows);
      if (this.pages.size > this.pageCapacity) this.pages.delete(this.pages.keys().next().value!);
    } else {
      this.ghosts.add(key);
      if (this.ghosts.size > this.pageCapacity) this.ghosts.delete(this.ghosts.values().next().value!);
    }
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
