import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import type { Sql, SqlDialect } from '../sql/sql.js';
import { inTransaction } from './postgres-pool.js';

const POSTGRES: SqlDialect = { byteOrder: ' COLLATE "C"', forUpdate: ' FOR UPDATE', like: 'ILIKE', indexHint: () => '' };

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (our SQL has no `?` in literals or operators). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Named statements by SQL text, shared by every PostgresSql of a process. */
const prepared = new Map<string, { name: string; text: string }>();

function named(sql: string): { name: string; text: string } {
  let p = prepared.get(sql);
  if (!p) {
    p = { name: `livestat_${prepared.size + 1}`, text: numberPlaceholders(sql) };
    prepared.set(sql, p);
  }
  return p;
}

/**
 * Sql over a pg pool, or inside a transaction over its one connection. Every statement is a
 * named prepared statement: parsed and planned once per connection, not on every call.
 */
export class PostgresSql implements Sql {
  readonly dialect = POSTGRES;

  private constructor(
    private readonly pool: pg.Pool,
    /** The transaction's connection; undefined outside a transaction. */
    private readonly tx?: pg.PoolClient,
  ) {}

  static over(pool: pg.Pool): PostgresSql {
    return new PostgresSql(pool);
  }

  private async query<T extends pg.QueryResultRow>(sql: string, params: readonly unknown[]): Promise<pg.QueryResult<T>> {
    const { name, text } = named(sql);
    return (this.tx ?? this.pool).query<T>({ name, text, values: params as unknown[] });
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query<T & pg.QueryResultRow>(sql, params)).rows;
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query<T & pg.QueryResultRow>(sql, params)).rows[0];
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  /** `COPY ... FROM STDIN` of `lines` (text format, one row each, newline-terminated), inside this transaction. */
  async copyIn(sql: string, lines: Iterable<string>): Promise<void> {
    if (!this.tx) throw new Error('COPY runs inside a transaction');
    await pipeline(Readable.from(chunks(lines)), this.tx.query(copyFromStdin(sql)));
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.tx) return Promise.reject(new Error('nested transactions are not supported'));
    return inTransaction(this.pool, (client) => fn(new PostgresSql(this.pool, client)));
  }
}

/** Lines gathered into chunks of about 64 KiB: a stream chunk per row would cost more than the row. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 65_536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
