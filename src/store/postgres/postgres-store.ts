import type pg from 'pg';
import { DEFAULT_PAGE_SIZE } from '../../protocol/page-size.js';
import { LivingLookup } from '../core/living-lookup.js';
import { SqlLivings } from '../core/sql-livings.js';
import { SqlStore } from '../core/sql-store.js';
import { SqlRetention } from '../core/sql-retention.js';
import { SqlSuites } from '../core/sql-suites.js';
import { SqlTokens } from '../core/sql-tokens.js';
import { assertMigrated } from '../migrations/migration-outcome.js';
import { PostgresDashboard } from './postgres-dashboard.js';
import { migratePostgres } from './postgres-migrations.js';
import { openPool, type PostgresPoolOptions } from './postgres-pool.js';
import { PostgresRateLimits } from './postgres-rate-limits.js';
import { PostgresSql } from './postgres-sql.js';
import { PostgresViewers } from './postgres-viewers.js';

/** The pool's options, and the page size get_watch_stat serves (loads store its pages ahead; default 100). */
export interface PostgresStoreOptions extends PostgresPoolOptions {
  pageSize?: number;
}

/**
 * Everything in PostgreSQL, so that any number of `livestat serve` processes can share one
 * database and any of them can serve any request: tokens, cursors (the server secret),
 * idempotency ids, open sessions and rate-limit counters included. Replies are sent after
 * COMMIT.
 *
 * @example
 * const store = await PostgresStore.open('postgres://livestat:secret@db:5432/livestat');
 * // throws DatabaseUrlError (bad URL), DatabaseConnectError (unreachable), MigrationError
 */
export class PostgresStore extends SqlStore {
  private constructor(
    private readonly pool: pg.Pool,
    pageSize: number,
  ) {
    const sql = PostgresSql.over(pool);
    // Lives are looked up on every call (one prepared round trip): a cache here would have to
    // be invalidated across processes.
    const lookup = new LivingLookup(sql);
    super(sql, {
      tokens: new SqlTokens(sql),
      livings: new SqlLivings(sql, lookup),
      viewers: new PostgresViewers(sql, lookup, pageSize),
      limits: new PostgresRateLimits(sql),
      dashboard: new PostgresDashboard(sql, lookup),
      suites: new SqlSuites(sql),
      retention: new SqlRetention(sql),
    });
  }

  /** Connects, applies pending migrations (under an advisory lock) and returns the store. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = await openPool(url, options);
    try {
      assertMigrated(await migratePostgres(pool));
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PostgresStore(pool, options.pageSize ?? DEFAULT_PAGE_SIZE);
  }

  async close(): Promise<void> {
    // Closing twice is a no-op, as it is for SQLite (pg's pool throws on a second end()).
    if (!this.pool.ended) await this.pool.end();
  }

  /** This process's connections (for /metrics): open, idle, and queries waiting for one. */
  poolUse(): { total: number; idle: number; waiting: number } {
    return { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount };
  }
}
