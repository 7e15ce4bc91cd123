import Database from 'better-sqlite3';
import { DEFAULT_PAGE_SIZE } from '../../protocol/page-size.js';
import { SqlStore } from '../core/sql-store.js';
import { SqlRetention } from '../core/sql-retention.js';
import { SqlSuites } from '../core/sql-suites.js';
import { assertMigrated } from '../migrations/migration-outcome.js';
import { migrateSqlite } from './sqlite-migrations.js';
import { SqliteDashboard } from './sqlite-dashboard.js';
import { SqliteLivingLookup, SqliteLivings } from './sqlite-livings.js';
import { SqliteRateLimits } from './sqlite-rate-limits.js';
import { SqliteReadCache } from './sqlite-read-cache.js';
import { SqliteSql } from './sqlite-sql.js';
import { SqliteTokens } from './sqlite-tokens.js';
import { SqliteViewers } from './sqlite-viewers.js';
import { SERVING_CACHE, limitJournal } from './sqlite-maintenance.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** A file path, or ':memory:'. */
  path: string;
  /** get_watch_stat pages kept in memory (0 disables the cache); default 2048. */
  pageCacheSize?: number;
  /** The page size get_watch_stat serves, whose pages loads store ahead; default 100. */
  pageSize?: number;
}

function openDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = ${SERVING_CACHE}`);
  limitJournal(db);
  try {
    assertMigrated(migrateSqlite(db));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The embedded default: one SQLite file in WAL mode with synchronous=FULL, so a reply
 * is sent only after what it acknowledges is on disk. A file is served by one process,
 * which is why rate-limit counters live in this object's memory rather than in a table.
 */
export class SqliteStore extends SqlStore {
  private readonly db: Database.Database;

  constructor(options: SqliteStoreOptions) {
    const db = openDatabase(options.path);
    const sql = new SqliteSql(db);
    // get_watch_stat's page and the token, app, corp and live behind it; dropped on any write.
    const reads = new SqliteReadCache(db, options.pageCacheSize ?? 2048);
    const lookup = new SqliteLivingLookup(sql, reads);
    super(sql, {
      tokens: new SqliteTokens(sql, reads),
      livings: new SqliteLivings(sql, lookup, reads),
      viewers: new SqliteViewers(sql, lookup, reads, options.pageSize ?? DEFAULT_PAGE_SIZE),
      limits: new SqliteRateLimits(),
      dashboard: new SqliteDashboard(sql, lookup),
      suites: new SqlSuites(sql),
      retention: new SqlRetention(sql),
    });
    this.db = db;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
