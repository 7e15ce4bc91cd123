import type { Database, Statement } from 'better-sqlite3';
import type { Sql, SqlDialect } from '../sql/sql.js';

const SQLITE: SqlDialect = { byteOrder: '', forUpdate: '', like: 'LIKE', indexHint: (index) => ` INDEXED BY ${index}` };

/**
 * Sql over one better-sqlite3 connection. Statements are prepared once per SQL text and run
 * synchronously; the promise is only the shared interface's shape. One connection means one
 * transaction at a time: while `transaction` awaits its body, every other call waits for it,
 * so nothing of another request can slip into (or read half of) it.
 */
export class SqliteSql implements Sql {
  readonly dialect = SQLITE;
  private readonly statements = new Map<string, Statement>();
  /** Settles when the transaction in flight ends; undefined when none is. */
  private inFlight: Promise<unknown> | undefined;
  private readonly direct: Sql;

  constructor(readonly db: Database) {
    this.direct = {
      dialect: SQLITE,
      all: (sql, params = []) => Promise.resolve(this.prepare(sql).all(...params) as never[]),
      get: (sql, params = []) => Promise.resolve(this.prepare(sql).get(...params) as never),
      run: (sql, params = []) => Promise.resolve(this.prepare(sql).run(...params).changes),
      transaction: () => Promise.reject(new Error('nested transactions are not supported')),
    };
  }

  /** The statement for `sql`, prepared on first use. */
  prepare(sql: string): Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /** No transaction is in flight: a synchronous read now sees only committed state. */
  get idle(): boolean {
    return this.inFlight === undefined;
  }

  /**
   * Runs a synchronous read or write now, or after the transaction in flight: the way for
   * sqlite/ code to use statements directly (the read cache, bulk loads) without a promise
   * per row.
   */
  now<T>(fn: () => T): Promise<T> {
    if (this.inFlight) return this.inFlight.then(() => this.now(fn));
    // A throw inside the executor rejects the promise with what was thrown.
    return new Promise<T>((resolve) => {
      resolve(fn());
    });
  }

  /** `fn` in one synchronous BEGIN IMMEDIATE transaction (after the one in flight, if any). */
  immediate<T>(fn: () => T): Promise<T> {
    return this.now(() => this.db.transaction(fn).immediate());
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.now(() => this.prepare(sql).all(...params) as T[]);
  }

  get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.now(() => this.prepare(sql).get(...params) as T | undefined);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.now(() => this.prepare(sql).run(...params).changes);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.inFlight) return this.inFlight.then(() => this.transaction(fn));
    const run = async (): Promise<T> => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    };
    const done = run().finally(() => {
      if (this.inFlight === settled) this.inFlight = undefined;
    });
    const settled = done.catch(() => undefined);
    this.inFlight = settled;
    return done;
  }
}
