/**
 * The one surface the shared role classes (core/) run their SQL through. Statements use `?`
 * placeholders; the PostgreSQL side numbers them ($1, $2, ...). Both sides prepare each SQL
 * text once and reuse it: callers pass the same constant strings on every call.
 */
export interface Sql {
  readonly dialect: SqlDialect;
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** The first row of a query, if any. */
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a write and returns how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /**
   * Runs `fn` in one write transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED,
   * retried on deadlock). Inside, use only `tx`: the outer Sql waits until it commits.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** The few fragments of SQL text where the two databases need different words. */
export interface SqlDialect {
  /** Appended to a text column in ORDER BY / comparisons so order is byte order (SQLite's BINARY). */
  readonly byteOrder: string;
  /** Appended to a SELECT that reads a row the transaction will change. */
  readonly forUpdate: string;
  /** The case-insensitive LIKE: SQLite's LIKE already ignores ASCII case. */
  readonly like: 'LIKE' | 'ILIKE';
  /** After a table name: makes SQLite use `index` (its planner would scan otherwise). */
  indexHint(index: string): string;
}
