import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { MigrationOutcome } from './migrations/migration-outcome.js';
import { migratePostgres } from './postgres/postgres-migrations.js';
import { openPool } from './postgres/postgres-pool.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { redactDatabaseUrl } from './postgres/postgres-url.js';
import { migrateSqlite } from './sqlite/sqlite-migrations.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** Where the data lives: a PostgreSQL URL (wins when both are given), else a SQLite file. */
export interface StoreLocation {
  /** SQLite file path, or ':memory:'; default ./livestat.db. */
  db?: string;
  /** postgres://user:password@host:port/database */
  databaseUrl?: string;
  /** SQLite only: get_watch_stat pages kept in memory (0 turns the cache off). */
  pageCacheSize?: number;
  /** The page size get_watch_stat serves: loads store the pages of this size ahead (default 100). */
  pageSize?: number;
}

function sqlitePath(location: StoreLocation): string {
  const db = location.db ?? './livestat.db';
  return db === ':memory:' ? db : resolve(db);
}

/**
 * Opens the store at `location`, migrated. The server and CLI take any Store; only this
 * function knows which backends exist.
 *
 * @example const store = await openStore({ databaseUrl: process.env.LIVESTAT_DATABASE_URL });
 * // throws DatabaseUrlError (bad URL), DatabaseConnectError (unreachable), MigrationError
 */
export async function openStore(location: StoreLocation): Promise<Store> {
  const pageSize = location.pageSize === undefined ? {} : { pageSize: location.pageSize };
  if (location.databaseUrl) return PostgresStore.open(location.databaseUrl, pageSize);
  return new SqliteStore({ path: sqlitePath(location), ...(location.pageCacheSize === undefined ? {} : { pageCacheSize: location.pageCacheSize }), ...pageSize });
}

/** The location for humans and logs: never shows a password. */
export function describeStoreLocation(location: StoreLocation): string {
  return location.databaseUrl ? `${redactDatabaseUrl(location.databaseUrl)} (PostgreSQL)` : `${sqlitePath(location)} (SQLite)`;
}

/** Applies pending migrations at `location` and reports each one's outcome (`livestat migrate`). */
export async function migrateStore(location: StoreLocation): Promise<MigrationOutcome[]> {
  if (location.databaseUrl) {
    const pool = await openPool(location.databaseUrl, { max: 1 });
    try {
      return await migratePostgres(pool);
    } finally {
      await pool.end();
    }
  }
  const db = new Database(sqlitePath(location));
  try {
    return migrateSqlite(db);
  } finally {
    db.close();
  }
}

