import pg from 'pg';
import { checkDatabaseUrl, redactDatabaseUrl, redactPassword } from './postgres-url.js';

/** The database could not be reached or refused us; the message carries no password. */
class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

/** BIGINT (int8, OID 20) columns hold unix ms and counts, all far below 2^53: read them as numbers. */
function numberTypes(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(20, Number);
  return types;
}

/** Options of the pool behind a PostgresStore. */
export interface PostgresPoolOptions {
  /** Connections per process; every livestat process opens its own pool. */
  max?: number;
}

/**
 * A pool on `url`, checked by one round trip so that a bad URL or an unreachable server
 * fails at start with a one-line, redacted message instead of on the first request.
 */
export async function openPool(url: string, options: PostgresPoolOptions = {}): Promise<pg.Pool> {
  checkDatabaseUrl(url);
  const pool = new pg.Pool({ connectionString: url, types: numberTypes(), max: options.max ?? 10, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server must not crash the process: the next query
  // simply gets a new one.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new DatabaseConnectError(`cannot connect to ${redactDatabaseUrl(url)}: ${redactPassword(describe(e), url)}`);
  }
  return pool;
}

function describe(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) return describe(e.errors[0]);
  const err = e as NodeJS.ErrnoException;
  return err.message || err.code || String(e);
}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `fn` in a READ COMMITTED transaction on one connection and commits; rolls back on
 * error. A deadlock or serialization failure (another process touched the same rows in
 * another order) is retried a few times: the transaction had no effect.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (attempt >= attempts || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
    } finally {
      client.release();
    }
  }
}
