import type { Database, Statement } from 'better-sqlite3';
import type { WireRow } from '../store.js';

/**
 * Recently served get_watch_stat pages, dropped as soon as the database changes: writes by
 * this connection move `total_changes()`, writes by any other connection move
 * `PRAGMA data_version`. Both are read on every lookup, so a page is never served stale,
 * and test suites that pull the same lives over and over are served from memory.
 */
export class SqlitePageCache {
  private readonly pages = new Map<string, WireRow[]>();
  private readonly changes: Statement<[], number>;
  private readonly dataVersion: Statement<[], number>;
  private stamp = '';

  constructor(
    db: Database,
    private readonly capacity = 2048,
  ) {
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The cached page, or what `load` reads (then cached). */
  get(key: string, load: () => WireRow[]): WireRow[] {
    if (this.capacity === 0) return load();
    const stamp = `${this.changes.get()}:${this.dataVersion.get()}`;
    if (stamp !== this.stamp) {
      this.pages.clear();
      this.stamp = stamp;
    }
    const hit = this.pages.get(key);
    if (hit) {
      // Least recently used goes first: re-insert on every hit.
      this.pages.delete(key);
      this.pages.set(key, hit);
      return hit;
    }
    const rows = load();
    this.pages.set(key, rows);
    if (this.pages.size > this.capacity) this.pages.delete(this.pages.keys().next().value!);
    return rows;
  }
}
